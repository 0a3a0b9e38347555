"""Runtime hook, run before DigitPad's code in the frozen app.

The bundle is a CPU build: it ships stubs (or nothing) in place of most CUDA
libraries, so hide any GPU from the CUDA runtime before torch is imported. A GPU
would otherwise be reported as available and the first CUDA call would fail.
"""

import os

os.environ["CUDA_VISIBLE_DEVICES"] = ""
# torch's compile stack (inductor, triton) is not bundled.
os.environ.setdefault("TORCHDYNAMO_DISABLE", "1")
