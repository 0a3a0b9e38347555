"""Images in and out of the app: files, drops, the clipboard, and PNG bytes for the predictor.

ImageOpener decodes and recognizes an image off the GUI thread (app.worker.Worker): a
large or slow file never freezes the window, and a file that cannot be read is a message
that changes nothing (the drawing and its prediction stay).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QObject, Signal
from PySide6.QtGui import QImage, QImageReader

from .worker import Worker

IMAGE_FILTER_SUFFIXES = ("png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff")
MAX_IMAGE_PIXELS = 64_000_000  # 64 megapixels (256 MB decoded): read from the header, before decoding


def image_file_filter(label: str) -> str:
    """e.g. "Images (*.png *.jpg ...)" for QFileDialog, limited to what Qt can read here."""
    readable = {bytes(f).decode().lower() for f in QImageReader.supportedImageFormats()}
    suffixes = [s for s in IMAGE_FILTER_SUFFIXES if s in readable or s == "png"]
    return f"{label} (" + " ".join(f"*.{s}" for s in suffixes) + ")"


def qimage_to_png_bytes(image: QImage) -> bytes:
    """A QImage as PNG bytes (what Predictor.predict_image accepts)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError("the image could not be converted to PNG")
    buffer.close()
    return bytes(data.data())


def image_from_mime(mime: QMimeData) -> tuple[QImage | str | None, str]:
    """An image carried by a drop or the clipboard, and a name for it (a file name or "").
    A local image file is given as its path (not decoded here: ImageOpener does that)."""
    if mime.hasUrls():
        for url in mime.urls():
            path = url.toLocalFile() if url.isLocalFile() else ""
            if path and Path(path).suffix.lower().lstrip(".") in IMAGE_FILTER_SUFFIXES:
                return path, Path(path).name
    if mime.hasImage():
        image = QImage(mime.imageData())
        if not image.isNull():
            return image, ""
    return None, ""


def mime_has_image(mime: QMimeData) -> bool:
    if mime.hasImage():
        return True
    return any(u.isLocalFile() and Path(u.toLocalFile()).suffix.lower().lstrip(".") in IMAGE_FILTER_SUFFIXES
               for u in mime.urls())


def read_picture(source: QImage | str) -> QImage:
    """The image to show on the canvas, decoded in the calling thread (QImage works in any).
    ValueError with one clear line: not a regular file (a FIFO or a device would block or
    never end), too many pixels (from the header, before decoding), or unreadable."""
    if isinstance(source, QImage):
        return source
    try:
        mode = os.stat(source).st_mode
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    if not stat.S_ISREG(mode):
        raise ValueError("not a regular file")
    reader = QImageReader(source)
    size = reader.size()  # from the header; invalid if the format is unknown
    if size.isValid() and size.width() * size.height() > MAX_IMAGE_PIXELS:
        raise ValueError(f"too large: {size.width():,} x {size.height():,} pixels "
                         f"(at most {MAX_IMAGE_PIXELS // 1_000_000} million)")
    picture = reader.read()
    if picture.isNull():
        raise ValueError(f"not an image DigitPad can read ({reader.errorString()})")
    return picture


def image_job(source: QImage | str, predictor: Any):
    """The job for app.worker.Worker: (picture QImage, Prediction, NumberPrediction), or None
    if cancelled.
    The predictor reads the file itself (one preprocessing path: model/images.py); an
    in-memory image goes to it as PNG bytes."""
    def job(report, cancel):
        picture = read_picture(source)
        if cancel.is_set():
            return None
        data = source if isinstance(source, str) else qimage_to_png_bytes(picture)
        return picture, predictor.predict_image(data), predictor.predict_number_image(data)
    return job


class ImageOpener(QObject):
    """Opens one image at a time in the background; the latest request wins (an older
    one still running is cancelled and its result ignored).

    Emits opened((picture QImage, Prediction, NumberPrediction), name) or failed(name, message), and idle()
    when no job is running any more."""

    opened = Signal(object, str)  # (picture QImage, Prediction, NumberPrediction), name
    failed = Signal(str, str)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: Worker | None = None
        self._running: set[Worker] = set()

    def open(self, source: QImage | str, predictor: Any, name: str) -> None:
        self.cancel()
        worker = Worker(image_job(source, predictor), "digitpad-image", parent=self)
        worker.finished.connect(lambda result, w=worker, n=name: self._finished(w, result, n))
        worker.failed.connect(lambda kind, message, w=worker, n=name: self._failed(w, kind, message, n))
        worker.stopped.connect(lambda w=worker: self._stopped(w))
        self._current = worker
        self._running.add(worker)
        worker.start()

    def is_busy(self) -> bool:
        return bool(self._running)

    def cancel(self) -> None:
        """Forget the current request (its result will be ignored); returns at once."""
        if self._current is not None:
            self._current.cancel()
        self._current = None

    def _finished(self, worker: Worker, result, name: str) -> None:
        if worker is self._current and result is not None:
            self.opened.emit(result, name)

    def _failed(self, worker: Worker, kind: str, message: str, name: str) -> None:
        if worker is self._current:
            self.failed.emit(name, "out of memory" if kind == "memory" else message)

    def _stopped(self, worker: Worker) -> None:
        self._running.discard(worker)
        if worker is self._current:
            self._current = None
        worker.deleteLater()
        if not self._running:
            self.idle.emit()
