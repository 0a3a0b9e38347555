"""Facts about DigitPad's files and answers that both engines need: the torch modules
(model/checkpoints/checkpoint.py, model/trajectory_net/trajectory_checkpoint.py, model/ood.py) and the NumPy bridge
(model/numpynet/numpy_bridge.py), which reads the same files before torch is loaded.
Written once, here; torch-free.
"""

from __future__ import annotations

# An image model's checkpoint (model/checkpoints/checkpoint.py)
CHECKPOINT_FORMAT = "digitpad-checkpoint"
CHECKPOINT_VERSION = 1

# The trajectory network's checkpoint (model/trajectory_net/trajectory_checkpoint.py)
TRAJECTORY_FORMAT = "digitpad-trajectory"
TRAJECTORY_VERSION = 1
TRAJECTORY_WIDTH_RANGE = (1, 512)  # TrajectoryNet channels
TRAJECTORY_POINTS_RANGE = (8, 1024)  # trajectory length
TRAJECTORY_WEIGHT_RANGE = (0.0, 100.0)  # the combination weight
BUNDLED_TRAJECTORY = "trajectory.pt"  # in assets/, paired with the bundled model

# The "not a digit" check (model/ood.py)
NOT_DIGIT_ASSET = "notdigit.pt"
NOT_DIGIT_VERSION = 6  # 6: a threshold for clean pictures too; 5: a network may also name the ten digits (a reject class); 4: several networks (their logits' mean); 3: a threshold for drawn ink too; 2: conv blocks to a 3x3 map and a dense head
NOT_DIGIT_READABLE_VERSIONS = (2, 3, 4, 5, 6)  # a version 2 file judges drawn ink as pictures
NOT_DIGIT_MAX_MEMBERS = 8  # networks in one check file
NOT_DIGIT_WIDTH_RANGE = (1, 256)
# A network's outputs: 1 (the logit of "not a digit") or 11 (ten digits and "not a digit")
NOT_DIGIT_OUTPUTS = (1, 11)
NOT_DIGIT_MAX_THRESHOLD = 1e4  # a logit; a loaded threshold beyond this is damage
# A picture whose digit encloses three loops (0.2-0.4% of real digits, most accepted
# scribbles) is turned away this many logits below the threshold: real digits with three
# loops scored at most -1.1 (threshold 2.6), accepted scribbles with three, up to 15
NOT_DIGIT_DOUBT_MARGIN = 2.0
NOT_DIGIT_REASON = "not a digit: this looks like something else (a letter, a symbol, a drawing or noise)"
BLANK_PICTURE_REASON = "nothing to recognize: the image is blank"  # a picture with no ink found
# Pictures found to be no digit before the check (model/pictures/): the app says these apart
NOT_DIGIT_TEXTURE_REASON = "not a digit: this picture is noise or a texture, with no strokes to read"
NOT_DIGIT_LOOPS_REASON = "not a digit: this looks like a scribble or a drawing (it encloses more loops than any digit)"
NOT_DIGIT_POINT_REASON = (
    "not a digit: this looks like a punctuation mark (a stroke with a point below it, as in ! or ?)"
)
