"""Pictures of digits: image files to MNIST-style digits, and finding the digit in them.

images.py: decoding any image file and the shared to_mnist path; digit_finder.py: the
document-image steps (polarity, contrast, lines out); finder_strokes.py: the found
digit's strokes brought to MNIST's width. Imported only when a picture is read.
"""
