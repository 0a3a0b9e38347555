"""The Train Model dialog and its parts (Model > Train Model).

dialog.py: TrainDialog, the run's control (Start, Cancel, failures, closing); results.py:
the run's progress, curves and report, and keeping its model; form.py: TrainForm, the
settings that build a TrainConfig; data_folder.py: the data folder row with Download
MNIST; job.py: the training job run by app.worker.Worker and the words for its outcome;
curves.py: the loss and accuracy plots. The dialog is imported only once the engine is
loaded (app/window/main_window.py), so nothing here is imported at start-up.
"""
