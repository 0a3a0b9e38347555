"""The main window's image commands: open an image file (File > Open, a drop, a paste)
to recognize it, and save the drawing as a PNG. Images are decoded off the GUI thread
(app/window/image_io.py ImageOpener); once read, one is shown on the canvas until the next
stroke. A mixin of MainWindow (app/window/main_window.py): it works on the window's settings,
model manager, ink, canvas, recognizer and status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from .. import messages
from ..engine_text import image_problem
from ..settings import LAST_FOLDER
from ..translations import fill
from .image_io import ImageOpener, image_file_filter, image_from_mime, mime_has_image


class WindowImages:
    """Opening images and saving the drawing, for MainWindow (which calls _init_images)."""

    def _init_images(self) -> None:
        self.images = ImageOpener(self)
        self.images.opened.connect(self._image_opened)
        self.images.drawingOpened.connect(self._drawing_opened)
        self.images.failed.connect(self._image_failed)
        self.images.idle.connect(self._job_stopped)
        self.setAcceptDrops(True)
        # an opened image is a step of the ink's history (app/drawing/ink_model.py): whatever step
        # undo or redo reaches, the canvas and the panel show it (the image with its reading)
        self.ink.inkChanged.connect(self._show_history_image)

    # -- opening --------------------------------------------------------------
    def choose_image(self) -> None:
        folder = self.settings.get(LAST_FOLDER)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Image"), folder, image_file_filter(self.tr("Images")))
        if path:
            self.settings.put(LAST_FOLDER, str(Path(path).parent))
            self.open_image(path)

    def open_image(self, path: str) -> None:
        """Recognize an image file, decoded off the GUI thread; once read, it is shown on the
        canvas until the next stroke (the drawing is cleared, undoably). Unreadable: a
        message, and the drawing and its prediction stay. While the model loads at start-up,
        the image is opened as soon as it is ready."""
        if not self.manager.when_model_ready("image", lambda: self.open_image(path)):
            return
        self.images.open(path, self.manager.predictor, Path(path).name)
        self.statusBar().showMessage(fill(self.tr("Opening %1..."), Path(path).name))

    def recognize_qimage(self, image: QImage, name: str = "") -> None:
        if not self.manager.when_model_ready("image", lambda: self.recognize_qimage(image, name)):
            return
        self.images.open(image, self.manager.predictor, name or self.tr("the clipboard"))

    def _image_opened(self, result, name: str) -> None:
        picture, prediction, number = result
        self.ink.show_image((picture, (prediction, name, number)))  # one undoable step, like a stroke
        blank = prediction.digit is None and not prediction.not_digit and not number.characters
        text = self.tr("Nothing to recognize in %1: the picture is blank") if blank else self.tr("Recognized %1")
        self.statusBar().showMessage(fill(text, name), 5000)

    def _drawing_opened(self, drawing, name: str) -> None:
        """A drawing DigitPad saved: its strokes replace the ink (one undoable step), to
        read and edit as if just drawn."""
        self.ink.load_drawing(drawing.strokes, drawing.widths, drawing.space)
        if name == self.tr("the clipboard"):
            text = self.tr("Pasted a drawing: its strokes can be edited")
        else:
            text = fill(self.tr("Opened the drawing %1: its strokes can be edited"), name)
        self.statusBar().showMessage(text, 5000)

    def _show_history_image(self) -> None:
        """After any change of the ink: the image of the step reached, if it has one, with
        its reading (the recognizer reads the ink otherwise); none while a stroke is drawn."""
        shown = self.ink.image if self.ink.current_stroke is None else None
        if shown is None:
            if self.canvas.picture is not None:
                self.canvas.set_picture(None)
            return
        picture, reading = shown
        self.canvas.set_picture(picture)
        self.recognizer.show_image(*reading)  # also stops the ink reading the change just asked for

    def undo_stroke(self) -> None:
        """Edit > Undo: the last step of the history (a stroke, an erase, a clear, an image)."""
        self.ink.undo()

    def _image_failed(self, name: str, message: str) -> None:
        self.statusBar().clearMessage()
        text = fill(self.tr("%1 could not be opened."), name) + " " + image_problem(message)
        messages.error(self, self.tr("Open Image"), text, message)

    def paste(self) -> None:
        image, name = image_from_mime(QGuiApplication.clipboard().mimeData())
        if image is None:
            self.statusBar().showMessage(self.tr("The clipboard holds no image."), 4000)
        elif isinstance(image, str):
            self.open_image(image)
        else:
            self.recognize_qimage(image, name)

    def save_drawing(self) -> None:
        if self.ink.is_empty():
            self.statusBar().showMessage(self.tr("Nothing to save: the canvas is empty."), 4000)
            return
        folder = self.settings.get(LAST_FOLDER) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Drawing"), str(Path(folder) / "digit.png"), self.tr("PNG images (*.png)")
        )
        if path:
            self.save_drawing_to(path if path.lower().endswith(".png") else path + ".png")

    def save_drawing_to(self, path: str) -> bool:
        """Write the drawing as a PNG, atomically (QSaveFile: a failed save leaves the old
        file, if any, and no partial one); a failure (disk full, no permission) is a message."""
        from model.pictures.drawing_file import INK_KEY  # what grab_ink_image imported already

        file = QSaveFile(path)
        image = self.canvas.grab_ink_image()
        ok = file.open(QIODevice.OpenModeFlag.WriteOnly) and image.save(file, "PNG")
        ok = ok and file.commit()
        if not ok:
            reason = file.errorString()
            file.cancelWriting()
            messages.error(
                self,
                self.tr("Save Drawing"),
                fill(self.tr("Could not write %1."), path) + (" " + reason if reason else ""),
            )
            return False
        self.settings.put(LAST_FOLDER, str(Path(path).parent))
        if image.text(INK_KEY):
            self.statusBar().showMessage(fill(self.tr("Saved %1"), path), 5000)
        else:  # model/pictures/drawing_file.py: too many strokes or points to keep
            text = self.tr("Saved %1 as a picture only: the drawing is too large to keep its strokes for editing")
            self.statusBar().showMessage(fill(text, path), 8000)
        return True

    def dragEnterEvent(self, event) -> None:
        if mime_has_image(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        image, name = image_from_mime(event.mimeData())
        if image is not None:
            event.acceptProposedAction()
            if isinstance(image, str):
                self.open_image(image)
            else:
                self.recognize_qimage(image, name)
