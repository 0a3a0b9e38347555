"""Training and evaluating the image networks, and their data (headless; progress goes
to callbacks).

train.py: train(), the entry; train_config.py: TrainConfig; training_run.py: the loop
(TrainingRun); train_progress.py: what a run reports; optimizers.py, weight_average.py,
augment.py, distill.py: its parts; device.py: the device it runs on; data.py and
data_folder.py: the digit data sets in memory and what a data folder holds;
evaluate.py: accuracy, loss and confusion matrix.
"""
