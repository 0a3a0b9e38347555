"""The Train dialog's data folder: the field and Browse, the note saying what the folder
holds or lacks (model.training.data_folder.check_data_folder, in the user's words), and Download
MNIST, run in the background (app.worker.Worker) with its progress and a clear message
when offline. The rest of the training settings are app/training/form.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.paths import MNIST_ENV, default_mnist_dir
from model.training.data_folder import check_data_folder, download_mnist

from .. import messages
from ..translations import fill
from ..worker import Worker

MNIST_DOWNLOAD_MB = 11.6  # the four official .gz files
FOLDER_NOTE_LINES = 3  # lines kept for the note under the data folder (its longest says what is missing)


class NoteLabel(QLabel):
    """A wrapped note with a fixed number of lines: its room is kept whatever it says, so
    the widgets below never move under the cursor. A longer text is cut at a word with
    an ellipsis; the whole text is the tooltip."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + 2)
        self.full_text = ""

    def setText(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        words = self.full_text.split(" ")
        shown = self.full_text
        super().setText(shown)
        while len(words) > 1 and self.heightForWidth(self.width()) > self.height():
            words.pop()
            shown = " ".join(words) + " \u2026"
            super().setText(shown)


class DataFolderField(QWidget):
    """The folder field (data: empty means DigitPad's MNIST folder), Browse, Download MNIST
    with its progress bar, and the note under them (folder_note). Emits downloadStopped
    when a download has ended (done, failed or cancelled)."""

    downloadStopped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = QLineEdit(objectName="dataEdit")
        self.data.setMinimumWidth(self.data.fontMetrics().averageCharWidth() * 36)  # a path stays readable
        self.data.setPlaceholderText(self.tr("MNIST folder or image folder (train/0..9, test/0..9)"))
        self.data.setToolTip(
            self.tr(
                "A folder with the four MNIST .gz files, or an image folder tree.\n"
                "Empty: the MNIST folder in DigitPad's data folder."
            )
        )
        self.browse = QPushButton(self.tr("Browse..."), objectName="browseButton")
        self.browse.clicked.connect(self._browse)
        self.download_button = QPushButton(self.tr("Download MNIST"), objectName="downloadButton")
        self.download_button.setToolTip(
            fill(
                self.tr("Download the MNIST digits (about %1 MB) into DigitPad's data folder"), f"{MNIST_DOWNLOAD_MB:g}"
            )
        )
        self.download_button.clicked.connect(self.start_download)
        self.folder_note = NoteLabel(FOLDER_NOTE_LINES)
        self.folder_note.setObjectName("folderNote")
        self.folder_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_progress = QProgressBar(objectName="downloadProgress", visible=False)
        self.downloader: Worker | None = None
        self._download_failed_text = ""
        self.data.textChanged.connect(self.update_folder_note)
        self._lay_out()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data, 1)
        row.addWidget(self.browse)
        download_row = QHBoxLayout()  # below, so the folder field keeps its width
        download_row.setContentsMargins(0, 0, 0, 0)
        download_row.addWidget(self.download_button)
        download_row.addWidget(self.download_progress, 1)
        download_row.addStretch(0)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addLayout(download_row)
        column.addWidget(self.folder_note)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"), self.data.text())
        if folder:
            self.data.setText(folder)

    # -- what the folder holds ---------------------------------------------------
    def data_target(self) -> Path:
        """The folder training will read: the field, else $DIGITPAD_MNIST, else DigitPad's MNIST folder."""
        text = self.data.text().strip()
        return Path(text or os.environ.get(MNIST_ENV) or default_mnist_dir()).expanduser()

    def folder_problem(self) -> str:
        """ "" if the data folder can be trained on, else what is wrong, in the user's words."""
        if self.downloader is not None and self.downloader.is_running():
            return self.tr("MNIST is still downloading.")
        check = check_data_folder(self.data_target())
        if check.usable:
            return ""
        if not self.data.text().strip():
            return fill(
                self.tr(
                    "No MNIST data yet: press Download MNIST (about %1 MB), or choose a folder with "
                    "the MNIST files or with your own images."
                ),
                f"{MNIST_DOWNLOAD_MB:g}",
            )
        if check.kind == "missing":
            return fill(self.tr("The folder %1 does not exist."), str(check.folder))
        shown = ", ".join(check.missing[:4]) + (", ..." if len(check.missing) > 4 else "")
        return fill(
            self.tr(
                "This folder is missing %1. It needs the four MNIST files, or folders train/0..9 and test/0..9 with images."
            ),
            shown,
        )

    def update_folder_note(self) -> None:
        problem = self.folder_problem()
        if problem:
            self.folder_note.setText(problem)
        else:
            kind = check_data_folder(self.data_target()).kind
            self.folder_note.setText(
                self.tr("MNIST files found.")
                if kind == "mnist"
                else self.tr("Image folders found (train/0..9 and test/0..9).")
            )
        self.folder_note.setToolTip(self.folder_note.full_text + "\n" + str(self.data_target()))

    # -- downloading MNIST -------------------------------------------------------
    def start_download(self) -> Worker | None:
        """Download MNIST into DigitPad's data folder in the background (app.worker.Worker)."""
        if self.downloader is not None and self.downloader.is_running():
            return self.downloader
        folder = default_mnist_dir()
        self.downloader = Worker(
            lambda report, cancel: download_mnist(folder, report, cancel), "digitpad-download", parent=self
        )
        self.downloader.progress.connect(self._download_progress)
        self.downloader.finished.connect(lambda _: self._download_done(folder))
        self.downloader.failed.connect(self._download_failed)
        self.downloader.stopped.connect(self._download_stopped)
        self._download_failed_text = ""
        self.download_button.setEnabled(False)
        self.download_progress.setRange(0, 4)
        self.download_progress.setValue(0)
        self.download_progress.setFormat(self.tr("Connecting..."))
        self.download_progress.show()
        self.folder_note.setText(fill(self.tr("Downloading MNIST into %1..."), str(folder)))
        self.downloader.start()
        return self.downloader

    def _download_progress(self, item) -> None:
        done, total, name = item
        self.download_progress.setRange(0, total)
        self.download_progress.setValue(done)
        self.download_progress.setFormat(
            fill(self.tr("Downloading %1 (file %2 of %3)"), name, str(done + 1), str(total)) if name else ""
        )

    def _download_done(self, folder: Path) -> None:
        self.download_progress.hide()
        self.data.setText(str(folder))

    def is_downloading(self) -> bool:
        return self.downloader is not None and self.downloader.is_running()

    def cancel_download(self) -> None:
        """Stop the download after the file it is fetching (the files already there stay)."""
        if self.is_downloading():
            self.downloader.cancel()
            self.download_progress.setFormat(self.tr("Stopping..."))

    def _download_stopped(self) -> None:
        self.download_button.setEnabled(True)
        self.download_progress.hide()
        if not self._download_failed_text:
            self.update_folder_note()  # now that the download is over
        self.downloadStopped.emit()

    def _download_failed(self, kind: str, message: str) -> None:
        self.download_progress.hide()
        if self.downloader is not None and self.downloader.cancel_event.is_set():  # stopped by the user: no box
            self._download_failed_text = self.tr("The download was stopped; the files already downloaded are kept.")
            self.folder_note.setText(self._download_failed_text)
            return
        text = self.tr(
            "MNIST could not be downloaded. Are you offline? Connect to the internet and try again, "
            "or copy the four MNIST files into a folder and choose it with Browse."
        )
        self._download_failed_text = text
        self.folder_note.setText(text)
        messages.error(self, self.tr("Download MNIST"), text, details=message)
