"""The main window and its commands.

main_window.py: the window, wiring canvas, panel, recognizer and model manager;
actions.py and action_table.py: menus, toolbar and shortcuts; window_images.py and
image_io.py: opening, dropping, pasting and saving images; window_models.py: the model
commands (load, reset, train, evaluate) and the status bar's model label.
"""
