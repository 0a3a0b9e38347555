"""Showing a prediction: the right-hand panel and the small QPainter charts.

prediction_panel.py: the number, the digit, its confidence, the ten probabilities and
the 28x28 input; charts.py: the probability bars, the preview and shared paint helpers.
"""
