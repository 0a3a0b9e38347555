"""`DigitPad --self-test`: prove a build works, headless, and exit 0 only if it does.

It loads the bundled model, reads the bundled sample inks and images (each must be
recognized as its label), trains a small `cnn` for one epoch on the bundled mini MNIST
in a background thread, saves the result to a temporary folder and loads it back, and
creates the main window on Qt's offscreen platform (proving the Qt plugins are there).
Works the same from source (`python -m app --self-test`), installed, and frozen.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

TRAIN_TIMEOUT_S = 600
MIN_TRAINED_ACCURACY = 0.2  # twice chance: one epoch on 600 digits must learn something


class CheckFailed(Exception):
    """A self-test check did not hold; the message says what was expected."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def _samples(name: str) -> Path:
    from model.paths import asset_path

    path = asset_path(f"samples/{name}")
    if not path.exists():
        raise CheckFailed(f"bundled sample {name} not found at {path}")
    return path


def check_environment() -> str:
    from importlib.metadata import version

    from model.paths import user_data_dir
    from model.training.device import device_availability

    frozen = getattr(sys, "_MEIPASS", None)
    data = user_data_dir().resolve()
    if frozen and data.is_relative_to(Path(frozen).resolve()):
        raise CheckFailed(f"user data folder {data} is inside the bundle {frozen}")
    where = f"frozen in {frozen}" if frozen else f"from {Path(__file__).resolve().parent.parent}"
    devices = ", ".join(name for name, reason in device_availability().items() if reason is None)
    return f"{where}; Python {sys.version.split()[0]}, torch {version('torch')}, devices: {devices}; user data: {data}"


def check_model(state: dict) -> str:
    from model.predictor import Predictor

    predictor = Predictor.load()  # the bundled assets/digitnet.pt
    state["predictor"] = predictor
    acc = predictor.metrics.get("test_accuracy")
    acc_text = f", test accuracy {acc:.2%}" if isinstance(acc, float) else ""
    return f"{predictor.path.name}: {predictor.arch}{acc_text}"


def check_inks(state: dict) -> str:
    path = _samples("inks.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not records:
        raise CheckFailed(f"{path} holds no inks")
    results = state["predictor"].predict_many_strokes([r["strokes"] for r in records])
    return _compare([str(r["label"]) for r in records], results, "inks")


def check_images(state: dict) -> str:
    files = sorted(_samples("images").glob("*.png"))
    if not files:
        raise CheckFailed("no sample images (samples/images/*.png)")
    results = state["predictor"].predict_many_images(files)
    return _compare([f.name.split("-", 1)[0] for f in files], results, "images", [f.name for f in files])


def _compare(labels: Sequence[str], results: Sequence, what: str, names: Sequence[str] | None = None) -> str:
    wrong = []
    for i, (label, result) in enumerate(zip(labels, results)):
        got = result if isinstance(result, ValueError) else result.digit
        if str(got) != label:
            wrong.append(f"{names[i] if names else i}: expected {label}, got {got}")
    if wrong:
        raise CheckFailed(f"{len(wrong)} of {len(labels)} {what} misread: " + "; ".join(wrong[:5]))
    return f"{len(labels)} of {len(labels)} {what} recognized as their labels"


def check_training(state: dict) -> str:
    from model.training.train import TrainConfig, train

    config = TrainConfig(arch="cnn", epochs=1, data=str(_samples("mnist-mini")), device="cpu")
    outcome: dict = {}
    batches = []

    def run() -> None:
        try:
            outcome["result"] = train(config, on_batch=batches.append, cancel=threading.Event())
        except BaseException as exc:  # reported by the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="selftest-training", daemon=True)
    worker.start()
    worker.join(TRAIN_TIMEOUT_S)
    if worker.is_alive():
        raise CheckFailed(f"training did not finish within {TRAIN_TIMEOUT_S} s")
    if "error" in outcome:
        raise CheckFailed(f"training failed: {outcome['error']!r}")
    result = outcome["result"]
    if result.cancelled or result.report is None:
        raise CheckFailed("training stopped before the end of its epoch")
    if result.report.accuracy < MIN_TRAINED_ACCURACY:
        raise CheckFailed(
            f"test accuracy {result.report.accuracy:.2%} after one epoch; expected at least {MIN_TRAINED_ACCURACY:.0%}"
        )
    state["trained"] = result
    return (
        f"cnn, 1 epoch, {len(batches)} batches in a background thread: "
        f"test accuracy {result.report.accuracy:.2%} in {result.seconds:.1f} s"
    )


def check_save_reload(state: dict) -> str:
    from model.checkpoints.checkpoint import load_model, save_checkpoint
    from model.training.data import load_data
    from model.training.evaluate import evaluate

    result = state["trained"]
    with tempfile.TemporaryDirectory(prefix="digitpad-selftest-") as tmp:
        path = save_checkpoint(result.checkpoint, Path(tmp) / "selftest-cnn.pt")
        size = path.stat().st_size
        loaded = load_model(path)
    if loaded.arch != "cnn":
        raise CheckFailed(f"reloaded arch is {loaded.arch!r}, expected 'cnn'")
    report = evaluate(loaded.model, load_data(str(_samples("mnist-mini")), "test"), "cpu")
    if abs(report.accuracy - result.report.accuracy) > 1e-6:
        raise CheckFailed(f"reloaded model scores {report.accuracy:.2%}, the trained one {result.report.accuracy:.2%}")
    return f"saved {size:,} bytes, reloaded: same test accuracy {report.accuracy:.2%}"


def check_window(state: dict) -> str:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from model.paths import asset_path

    app = QApplication.instance() or QApplication(["DigitPad"])
    if QImage(str(asset_path("icon.png"))).isNull():
        raise CheckFailed("the application icon assets/icon.png did not load")
    from app.main import create_window  # an app that cannot be imported fails this check (run_checks)

    window = create_window()
    window.show()
    app.processEvents()
    if not window.isVisible():
        raise CheckFailed("the main window was created but did not show")
    title = window.windowTitle()
    window.close()
    app.processEvents()
    return f"main window '{title}' created on the {app.platformName()} platform"


def check_translations(state: dict) -> str:
    """Qt's own translations (qtbase_*.qm) and DigitPad's (app/i18n/*.qm) are there and load."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_files = sorted(Path(qt_dir).glob("qtbase_*.qm"))
    if not qt_files or not QTranslator().load(str(qt_files[0])):
        raise CheckFailed(f"no loadable qtbase_*.qm translations in {qt_dir}")
    ours = sorted((Path(__file__).resolve().parent / "i18n").glob("*.qm"))
    broken = [p.name for p in ours if not QTranslator().load(str(p))]
    if broken:
        raise CheckFailed(f"translations that do not load: {', '.join(broken)}")
    return f"{len(qt_files)} Qt translations, DigitPad's: {', '.join(p.stem for p in ours) or 'none'}"


CHECKS: list[tuple[str, Callable[[dict], str]]] = [
    ("environment", lambda state: check_environment()),
    ("bundled model", check_model),
    ("sample inks", check_inks),
    ("sample images", check_images),
    ("training", check_training),
    ("save and reload", check_save_reload),
    ("main window", check_window),
    ("translations", check_translations),
]


def run_checks(out=None) -> list[CheckResult]:
    out = out or sys.stdout
    state: dict = {}
    results = []
    for name, check in CHECKS:
        start = time.perf_counter()
        try:
            detail, ok = check(state), True
        except CheckFailed as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # an unexpected error is a failed check, not a crash
            detail, ok = f"{type(exc).__name__}: {exc}", False
        results.append(CheckResult(name, ok, detail, time.perf_counter() - start))
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail} ({results[-1].seconds:.1f} s)", file=out, flush=True)
        if not ok and name in {"bundled model", "training"}:
            break  # later checks need this one
    return results


def main(argv: Sequence[str] | None = None) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
    start = time.perf_counter()
    results = run_checks()
    passed = sum(r.ok for r in results)
    ok = passed == len(CHECKS)
    print(
        f"self-test {'passed' if ok else 'FAILED'}: {passed} of {len(CHECKS)} checks in "
        f"{time.perf_counter() - start:.1f} s",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
