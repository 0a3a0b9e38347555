"""Whole numbers: segmentation by recognition of ink and images into characters.

number.py: NumberPrediction, what a number's reading holds; number_ink.py and
number_image.py: strokes or blobs as the atoms; segment.py and segment_path.py: the
candidate characters and the best path through them (segment_marks.py: which atoms look
like a point or a minus; underlines.py: a line drawn under the writing); text_lines.py:
lines of writing;
number_synth.py: numbers built from real pen digits for tests and benchmarks.
"""
