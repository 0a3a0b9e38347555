"""The engine's facts in the user's language. The engine (model/) raises errors and names
its data in English, for the log and the command line; the GUI shows its own translated
words instead, chosen from the error's kind and the data folder's state, and keeps the
engine's English line only as the message box's details (for a bug report).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .translations import fill
from .worker import default_classify


def classify_data_failure(exc: BaseException) -> tuple[str, str]:
    """(kind, message) for a failed job that reads a data folder (app.worker classifier):
    kind "data" (model.training.data.DataError), "memory", "config" (another ValueError) or "error";
    message: the engine's English text (details only)."""
    from model.training.data import DataError  # the engine is loaded by the time a job fails

    kind, text = default_classify(exc)
    if kind == "memory":
        return kind, text
    if isinstance(exc, DataError):
        return "data", text
    if isinstance(exc, ValueError):
        return "config", text
    return "error", f"{type(exc).__name__}: {text}"


def data_folder_problem(folder: str | Path | None, splits: tuple[str, ...] = ("train", "test")) -> str:
    """Why `folder` (None: DigitPad's own MNIST folder) cannot be read, in the user's words.
    splits: what the job needs (evaluation: ("test",))."""
    from model.paths import default_mnist_dir
    from model.training.data_folder import check_data_folder

    check = check_data_folder(folder if folder else default_mnist_dir(), splits)
    if check.kind == "missing":
        if not folder:
            return QCoreApplication.translate(
                "EngineText", "No MNIST data yet: download it in Model > Train (Download MNIST), or choose a folder."
            )
        return fill(QCoreApplication.translate("EngineText", "The folder %1 does not exist."), check.folder)
    if check.kind == "incomplete":
        shown = ", ".join(check.missing[:4]) + (", ..." if len(check.missing) > 4 else "")
        if tuple(splits) == ("test",):  # an evaluation: only the test set (nc3: "the four" after naming two)
            needs = QCoreApplication.translate(
                "EngineText",
                "The folder %1 is missing %2. It needs the two MNIST test files, or a folder test/0..9 with images.",
            )
        else:
            needs = QCoreApplication.translate(
                "EngineText",
                "The folder %1 is missing %2. It needs the four MNIST files, or folders train/0..9 and test/0..9 with images.",
            )
        return fill(needs, check.folder, shown)
    return fill(
        QCoreApplication.translate(
            "EngineText", "The files in %1 could not be read: they may be damaged or truncated."
        ),
        check.folder,
    )


def failure_text(kind: str, folder: str | Path | None = None, splits: tuple[str, ...] = ("train", "test")) -> str:
    """The translated sentence for a failed job's kind (see classify_data_failure)."""
    if kind == "data":
        return data_folder_problem(folder, splits)
    if kind == "memory":
        return QCoreApplication.translate("EngineText", "The computer ran out of memory.")
    if kind == "config":
        return QCoreApplication.translate("EngineText", "These settings or this data cannot be used.")
    return QCoreApplication.translate("EngineText", "An unexpected error happened; the details say what it was.")


_MNIST_NAME = re.compile(r"^MNIST (train|test) \((.*)\)$")
_IMAGES_NAME = re.compile(r"^images (.*)$")


def data_name(name: str) -> str:
    """model.training.data.DigitData.name ("MNIST test (/path)", "images /path") in the user's words."""
    match = _MNIST_NAME.match(name)
    if match:
        split = (
            QCoreApplication.translate("EngineText", "MNIST test set")
            if match.group(1) == "test"
            else QCoreApplication.translate("EngineText", "MNIST training set")
        )
        return fill(QCoreApplication.translate("EngineText", "%1 (%2)"), split, match.group(2))
    match = _IMAGES_NAME.match(name)
    if match:
        return fill(QCoreApplication.translate("EngineText", "the images in %1"), match.group(1))
    return name


def report_text(report, max_errors: int = 20) -> str:
    """An evaluation report (model.training.evaluate.EvalReport) as plain text in the user's
    language: data, accuracy and loss, per-digit table, confusion matrix, mistakes.
    (The command line prints its own English one: cli/report.py.)"""

    lines = [
        fill(QCoreApplication.translate("EngineText", "Data: %1"), data_name(report.data)),
        fill(
            QCoreApplication.translate("EngineText", "Accuracy: %1% of %2 digits, loss %3"),
            f"{report.accuracy * 100:.2f}",
            report.count,
            f"{report.loss:.4f}",
        ),
        "",
        QCoreApplication.translate("EngineText", "digit  precision  recall     f1  support"),
    ]
    for c in report.per_class:
        lines.append(f"{c.digit:>5}  {c.precision:9.4f}  {c.recall:6.4f}  {c.f1:5.4f}  {c.support:7d}")
    lines += [
        "",
        QCoreApplication.translate("EngineText", "Confusion matrix (rows: true digit, columns: predicted)"),
        "      " + "".join(f"{d:>6}" for d in range(10)),
    ]
    for d, row in enumerate(report.confusion):
        lines.append(f"{d:>6}" + "".join(f"{v:>6}" for v in row))
    lines += ["", fill(QCoreApplication.translate("EngineText", "Mistakes: %1"), len(report.misclassified))]
    for m in report.misclassified[:max_errors]:
        lines.append(
            "  "
            + fill(
                QCoreApplication.translate("EngineText", "%1: true %2, predicted %3 (%4%)"),
                m.source,
                m.true,
                m.predicted,
                f"{m.confidence * 100:.0f}",
            )
        )
    if len(report.misclassified) > max_errors:
        lines.append(
            "  "
            + fill(
                QCoreApplication.translate("EngineText", "... and %1 more (Model > Evaluate lists them all)"),
                len(report.misclassified) - max_errors,
            )
        )
    return "\n".join(lines)


_IMAGE_PROBLEMS = (  # the engine's image errors (model/pictures/images.py), by how they begin or end
    (re.compile(r"^no such file"), QT_TRANSLATE_NOOP("EngineText", "There is no such file.")),
    (re.compile(r"is a folder, not an image$"), QT_TRANSLATE_NOOP("EngineText", "This is a folder, not an image.")),
    (
        re.compile(r"^cannot read .* as an image"),
        QT_TRANSLATE_NOOP("EngineText", "This file is not an image DigitPad can read, or it is damaged."),
    ),
    (
        re.compile(r"was refused: .* too large"),
        QT_TRANSLATE_NOOP("EngineText", "The image is too large (the details give the limits)."),
    ),
    (re.compile(r"is empty \("), QT_TRANSLATE_NOOP("EngineText", "The image is empty (no pixels).")),
    (re.compile(r"is not a regular file"), QT_TRANSLATE_NOOP("EngineText", "This is not a regular file.")),
)


def image_problem(message: str) -> str:
    """Why an image could not be opened, in the user's words (the engine's English message
    goes to the message box's details)."""
    for pattern, text in _IMAGE_PROBLEMS:
        if pattern.search(message):
            return QCoreApplication.translate("EngineText", text)
    return QCoreApplication.translate("EngineText", "The file could not be read as an image.")


_OS_ERRORS = {  # errno -> the user's words (the system's English goes to the details)
    errno.ENOENT: QT_TRANSLATE_NOOP("EngineText", "The file or folder does not exist."),
    errno.EEXIST: QT_TRANSLATE_NOOP("EngineText", "A file is in the way where a folder or file should be made."),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("EngineText", "A part of the path is a file, not a folder."),
    errno.EISDIR: QT_TRANSLATE_NOOP("EngineText", "This is a folder, not a file."),
    errno.EACCES: QT_TRANSLATE_NOOP("EngineText", "There is no permission to use this file or folder."),
    errno.EPERM: QT_TRANSLATE_NOOP("EngineText", "There is no permission to use this file or folder."),
    errno.ENOSPC: QT_TRANSLATE_NOOP("EngineText", "The disk is full."),
    errno.EFBIG: QT_TRANSLATE_NOOP("EngineText", "The disk is full, or the file is too large for it."),
    errno.EDQUOT: QT_TRANSLATE_NOOP("EngineText", "The disk quota is used up."),
    errno.EROFS: QT_TRANSLATE_NOOP("EngineText", "The disk is read-only."),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("EngineText", "The name is too long for the file system."),
    errno.EIO: QT_TRANSLATE_NOOP("EngineText", "The disk could not be read or written (an input/output error)."),
}

_VALUE_ERRORS = (  # the app's and the engine's ValueErrors the GUI shows, by their English text
    (
        re.compile(r"^a model named (.*) already exists$"),
        QT_TRANSLATE_NOOP("EngineText", "A model named %1 already exists."),
    ),
    (re.compile(r"^a model needs a name$"), QT_TRANSLATE_NOOP("EngineText", "A model needs a name.")),
    (re.compile(r"^the drawing is empty$"), QT_TRANSLATE_NOOP("EngineText", "The drawing is empty.")),
    (re.compile(r"^label must be a digit"), QT_TRANSLATE_NOOP("EngineText", "The label must be a digit 0-9.")),
    (  # a saved model that cannot be loaded (model/checkpoints: the archive's checks)
        re.compile(r"is not a valid DigitPad checkpoint|not a PyTorch (zip )?archive"),
        QT_TRANSLATE_NOOP("EngineText", "This file is not a DigitPad model, or it is damaged."),
    ),
    (
        re.compile(r"was refused: it holds Python objects"),
        QT_TRANSLATE_NOOP("EngineText", "This file was refused: it holds Python objects, which can carry code."),
    ),
    (re.compile(r"no checkpoint at "), QT_TRANSLATE_NOOP("EngineText", "There is no such file.")),
    (  # a file that is no file of drawings at all (model/pen/ink_file.py InkFileError): import
        re.compile(r"not an ink file|: no ink$"),
        QT_TRANSLATE_NOOP(
            "EngineText",
            "This file holds no drawings: a file of drawings is JSON Lines text (UTF-8), one drawing per line. "
            "The details say what is wrong with it.",
        ),
    ),
)


def os_error_text(exc: OSError) -> str:
    """Why the system refused (by errno), in the user's words, with the file it named."""
    text = _OS_ERRORS.get(exc.errno or 0)
    said = (
        QCoreApplication.translate("EngineText", text)
        if text
        else QCoreApplication.translate("EngineText", "The system refused (the details say why).")
    )
    if exc.filename:
        said = fill(QCoreApplication.translate("EngineText", "%1 (%2)"), said, str(exc.filename))
    return said


def error_text(exc: BaseException) -> str:
    """One sentence in the user's language for an error the GUI shows (OSError by errno, the
    saved-model and drawing errors by their text); the English str(exc) belongs in the
    message box's details (messages.error(..., details=str(exc)))."""
    if isinstance(exc, OSError):
        return os_error_text(exc)
    message = str(exc)
    for pattern, text in _VALUE_ERRORS:
        match = pattern.search(message)
        if match:
            return fill(QCoreApplication.translate("EngineText", text), *match.groups())
    if isinstance(exc, ValueError):
        return QCoreApplication.translate("EngineText", "The file or the value cannot be used (the details say why).")
    return QCoreApplication.translate("EngineText", "An unexpected error happened; the details say what it was.")


def data_folder_note() -> str:
    """At start-up: why DigitPad's data folder (model.paths.user_data_dir(), e.g. from
    DIGITPAD_DATA_DIR) cannot hold the kept drawings, saved models, settings and log, in
    the user's words ("" if it can). The app carries on: recognizing, opening images and
    training still work; what would be saved there fails with its own message."""
    from model.paths import user_data_dir

    folder = user_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)  # what the writers do anyway, on first use
    except OSError as exc:
        if folder.exists() and not folder.is_dir():
            reason = QCoreApplication.translate("EngineText", "it is a file, not a folder")
        else:
            reason = os_error_text(exc)
        return fill(
            QCoreApplication.translate(
                "EngineText",
                "DigitPad's data folder %1 cannot be used (%2). Recognizing works, but drawings, "
                "models, settings and the log cannot be saved until it names a usable folder "
                "(the DIGITPAD_DATA_DIR environment variable, if set).",
            ),
            str(folder),
            reason,
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return fill(
            QCoreApplication.translate(
                "EngineText",
                "DigitPad's data folder %1 cannot be written. Recognizing works, but drawings, "
                "models, settings and the log cannot be saved.",
            ),
            str(folder),
        )
    return ""
