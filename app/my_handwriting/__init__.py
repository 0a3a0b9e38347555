"""My Handwriting: correcting and keeping drawings, the kept drawings, adapting to them.

handwriting.py: Correct and keep; handwriting_dialog.py: the kept drawings by digit
(handwriting_gallery.py: their thumbnails, rendered when shown); adapt_dialog.py:
fine-tuning the active model on them in the background.
"""
