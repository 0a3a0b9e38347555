"""The drawing: the ink model, the canvas that edits and paints it, live recognition.

ink_model.py: InkModel, the strokes with undo (the source of truth); canvas.py: the
canvas widget, painting the ink model; canvas_input.py: mouse, pen and tablet events
into the ink model; ink_painting.py: pure painting and hit-testing functions;
recognizer.py: watches the ink and asks the predictor after a short pause.
"""
