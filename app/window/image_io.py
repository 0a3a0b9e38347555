"""Images in and out of the app: files, drops, the clipboard, and PNG bytes for the predictor.

ImageOpener decodes and recognizes an image off the GUI thread (app.worker.Worker): a
large or slow file never freezes the window, and a file that cannot be read is a message
that changes nothing (the drawing and its prediction stay).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QObject, Signal
from PySide6.QtGui import QImage, QImageReader

from ..worker import Worker

IMAGE_FILTER_SUFFIXES = ("png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff")


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
    return any(
        u.isLocalFile() and Path(u.toLocalFile()).suffix.lower().lstrip(".") in IMAGE_FILTER_SUFFIXES
        for u in mime.urls()
    )


def pil_to_qimage(image: Any) -> QImage:
    """A PIL image as a QImage (RGBA, EXIF-rotated as the engine reads it, its own copy of
    the pixels); works in any thread."""
    from PIL import ImageOps  # here: Pillow is not needed before the first image (~50 ms at start-up)

    rgba = (ImageOps.exif_transpose(image) or image).convert("RGBA")
    data = rgba.tobytes()
    return QImage(data, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888).copy()


def image_job(source: QImage | str, predictor: Any):
    """The job for app.worker.Worker: ("picture", (picture QImage, Prediction,
    NumberPrediction)), or ("drawing", SavedDrawing) for a drawing DigitPad saved (its
    strokes, model/pictures/drawing_file.py: the window gives them back to edit), or None
    if cancelled.

    The image is decoded once, by the engine's model.pictures.image_files.open_image (the one path for
    files, drops and the clipboard: regular files only, sizes bounded from the header
    before decoding, one-line errors naming the file); the canvas shows that decoded image,
    so the number's boxes (in its pixels) fit it."""

    def job(report, cancel):
        # in the worker thread: numpy, OpenCV and torch are not on the start path
        from model.pictures.drawing_file import saved_drawing
        from model.pictures.image_files import open_image

        data = qimage_to_png_bytes(source) if isinstance(source, QImage) else source
        drawing = saved_drawing(data)  # from the file's header, as the command line reads it
        if drawing is not None:
            return "drawing", drawing
        image = open_image(data)
        if cancel.is_set():
            return None
        number, single = predictor.read_picture(image)  # the reading the command line gives too
        return "picture", (pil_to_qimage(image), single, number)

    return job


class ImageOpener(QObject):
    """Opens one image at a time in the background; the latest request wins (an older
    one still running is cancelled and its result ignored).

    Emits opened((picture QImage, Prediction, NumberPrediction), name),
    drawingOpened(SavedDrawing, name) for a drawing DigitPad saved, or failed(name,
    message), and idle() when no job is running any more."""

    opened = Signal(object, str)  # (picture QImage, Prediction, NumberPrediction), name
    drawingOpened = Signal(object, str)  # model.pictures.drawing_file.SavedDrawing, name
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
            kind, opened = result
            (self.drawingOpened if kind == "drawing" else self.opened).emit(opened, name)

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
