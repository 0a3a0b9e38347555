"""Networks in NumPy alone: the from-scratch numpy-cnn, and the bridge that runs the bundled
networks before torch is imported.

numpy_layers.py: the layers, forward and backward; numpy_cnn.py: the NumPy tutorial's
network and its torch wrapper; numpy_train.py: its training step inside the engine's
loop; numpy_nets.py and numpy_bridge.py: inference-only forward passes of the bundled
networks and the engine that reads drawings with them.
"""
