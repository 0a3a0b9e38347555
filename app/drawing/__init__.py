"""The drawing: the ink model, the canvas that edits and paints it, live recognition.

ink_model.py: InkModel, the strokes with undo (the source of truth); canvas.py: input
events into the ink model; ink_painting.py: pure painting and hit-testing functions;
recognizer.py: watches the ink and asks the predictor after a short pause.
"""
