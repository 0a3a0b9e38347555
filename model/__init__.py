"""DigitPad's recognition engine: data, networks, training, evaluation, inference.

Qt-free: nothing here imports PySide6 or the app package.
"""
