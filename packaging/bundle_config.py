"""What goes into the DigitPad bundle and what stays out (used by digitpad.spec)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Our own packages are found by analysis; these are imported lazily or by name.
HIDDEN_IMPORTS = [
    "assets",  # importlib.resources.files("assets") fallback in model.paths
    "app.main",
    "app.selftest",
    "cli",
    "cli.main",
    "cli.predict",
]

_UNUSED_QT = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
    # Python bindings nobody imports (libQt6Gui still brings the C++ libQt6DBus it links to)
    "QtNetwork",
    "QtDBus",
]

EXCLUDES = [
    # other Qt bindings and GUI toolkits
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tkinter",
    "_tkinter",
    *[f"PySide6.{m}" for m in _UNUSED_QT],
    # torch's compiler stack and extras a CPU desktop app never runs
    "triton",
    "cuda",
    "torch.utils.tensorboard",
    "tensorboard",
    "caffe2",
    "torch.utils.benchmark",
    "torchvision.io.video",
    "av",
    # development tools and tests
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "tests",
    "IPython",
    "matplotlib",
    "pip",
    "setuptools",
    "pkg_resources",
    "distutils",
]


def asset_datas(root: Path) -> list[tuple[str, str]]:
    """(source, folder in bundle) for the model, icons, samples and translations."""
    out: list[tuple[str, str]] = []
    assets = root / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts:
            out.append((str(path), str(Path("assets") / path.parent.relative_to(assets))))
    i18n = root / "app" / "i18n"
    if i18n.is_dir():
        out += [(str(p), "app/i18n") for p in sorted(i18n.glob("*.qm"))]
    if not (assets / "digitnet.pt").is_file():
        raise SystemExit("assets/digitnet.pt is missing: the bundle needs the bundled model")
    return out


def binary_filter(binaries, stub_dir: Path, log=print):
    """Replace the large CUDA libraries by stubs (see cuda_stubs.py), on Linux.
    DIGITPAD_REAL_CUDA=1 (build.py --real-cuda) bundles the real libraries instead."""
    from cuda_stubs import stub_binaries

    if os.environ.get("DIGITPAD_REAL_CUDA") == "1":
        log("bundle: DIGITPAD_REAL_CUDA=1: bundling the real CUDA libraries")
        return list(binaries)
    if sys.platform != "linux":
        return list(binaries)
    return stub_binaries(binaries, stub_dir, log)
