"""The trajectory network: what ink knows and a picture does not (the pen's path).

trajectory.py: ink to a fixed-length trajectory and the 1D network that reads it;
trajectory_checkpoint.py: its checkpoint; trajectory_pairing.py: which trajectory
network reads ink beside an image model (trajectory_rule.py: the rule, torch-free);
trajectory_features.py: its input features (NumPy only); trajectory_train.py: training
it on pen ink.
"""
