"""Checkpoints of the image networks: saved atomically, loaded with weights_only, and
bounded before anything they describe is allocated.

checkpoint.py: saving, loading and validating; checkpoint_limits.py: the bounds every
checkpoint (the trajectory network's too) must meet; checkpoint_metadata.py: its shown
metadata, bounded; archive_limits.py and archive_reader.py: the torch-free bounds and
reader of the same files (NumPy bridge).
"""
