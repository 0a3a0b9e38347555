"""Images in and out of the app: files, drops, the clipboard, and PNG bytes for the predictor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
from PySide6.QtGui import QImage, QImageReader

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


def image_from_mime(mime: QMimeData) -> tuple[QImage | None, str]:
    """An image carried by a drop or the clipboard, and a name for it (a file name or "")."""
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                path = url.toLocalFile()
                image = QImage(path)
                if not image.isNull():
                    return image, Path(path).name
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
