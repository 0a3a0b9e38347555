"""Ink (the strokes a person drew) and pen data.

ink.py: the one renderer of strokes as MNIST was made (ink_joints.py: its line joints);
ink_synth.py: stroke-level synthesis; ink_eval.py: evaluation on labelled ink;
samples.py: the user's kept drawings; json_lines.py: the words for a bad line of an ink
file; unipen.py, pendigits.py, uji.py: readers of the UNIPEN-format pen data sets.
"""
