"""The settings half of the Train Model dialog: builds the same TrainConfig as the CLI."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from model.data_folder import check_data_folder, download_mnist
from model.device import DEVICE_CHOICES, default_threads, device_availability
from model.nets import ARCHITECTURES
from model.paths import MNIST_ENV, default_mnist_dir
from model.train_config import ARCH_PRESETS, DIALOG_PRESET, OPTIMIZERS, TrainConfig, preset

from . import messages
from .settings import (
    EMA_DECAY_MAX,
    TRAIN_ARCH,
    TRAIN_AUGMENT,
    TRAIN_BATCH_SIZE,
    TRAIN_DEVICE,
    TRAIN_EMA_DECAY,
    TRAIN_EPOCHS,
    TRAIN_LR,
    TRAIN_OPTIMIZER,
    TRAIN_PRECISION,
    Settings,
)
from .translations import fill
from .worker import Worker

MNIST_DOWNLOAD_MB = 11.6  # the four official .gz files
FOLDER_NOTE_LINES = 3  # lines kept for the note under the data folder (its longest says what is missing)

DEFAULTS = preset(DIALOG_PRESET)  # what the form shows before the user changes anything


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


class TrainForm(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.arch = QComboBox(objectName="archCombo")
        for name, arch in ARCHITECTURES.items():
            self.arch.addItem(name, name)
            self.arch.setItemData(self.arch.count() - 1, arch.summary, Qt.ItemDataRole.ToolTipRole)
        self.arch.setToolTip(self.tr("The network to train"))

        self.data = QLineEdit(objectName="dataEdit")
        self.data.setMinimumWidth(self.data.fontMetrics().averageCharWidth() * 36)  # a path stays readable
        self.data.setPlaceholderText(self.tr("MNIST folder or image folder (train/0..9, test/0..9)"))
        self.data.setToolTip(
            self.tr(
                "A folder with the four MNIST .gz files, or an image folder tree.\n"
                "Empty: the MNIST folder in DigitPad's data folder."
            )
        )
        browse = QPushButton(self.tr("Browse..."), objectName="browseButton")
        browse.clicked.connect(self._browse)
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
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data, 1)
        row.addWidget(browse)
        download_row = QHBoxLayout()  # below, so the folder field keeps its width
        download_row.setContentsMargins(0, 0, 0, 0)
        download_row.addWidget(self.download_button)
        download_row.addWidget(self.download_progress, 1)
        download_row.addStretch(0)
        data_row = QVBoxLayout()
        data_row.setContentsMargins(0, 0, 0, 0)
        data_row.addLayout(row)
        data_row.addLayout(download_row)
        data_row.addWidget(self.folder_note)

        self.epochs = QSpinBox(objectName="epochsSpin", minimum=1, maximum=200)
        self.epochs.setToolTip(self.tr("How many times to go through the training images"))
        self.batch = QSpinBox(objectName="batchSpin", minimum=1, maximum=4096)
        self.batch.setToolTip(self.tr("Images per training step"))
        self.lr = QDoubleSpinBox(objectName="lrSpin", decimals=5, minimum=1e-5, maximum=1e6, singleStep=1e-3)
        self.lr.setToolTip(self.tr("Peak learning rate (one-cycle schedule)"))
        self.optimizer = QComboBox(objectName="optimizerCombo")
        self.optimizer.addItems(list(OPTIMIZERS))
        self.ema_decay = QDoubleSpinBox(
            objectName="emaDecaySpin", decimals=4, minimum=0.0, maximum=EMA_DECAY_MAX, singleStep=0.001
        )
        self.ema_decay.setSpecialValueText(self.tr("Off"))  # shown for 0
        self.ema_decay.setToolTip(
            self.tr(
                "Test and save a moving average of the weights, with this decay per training step. "
                "It smooths the last epochs' noise in long runs (0.999 for 10,000 steps or more); "
                "in short runs it holds too much of the first steps. 0: off."
            )
        )
        self.augment = QCheckBox(self.tr("Random shifts, rotations and scaling"), objectName="augmentCheck")
        self.augment.setToolTip(self.tr("Augmentation makes the model more robust to real handwriting"))
        self.device = QComboBox(objectName="deviceCombo")
        self._fill_devices()
        self.precision = QComboBox(objectName="precisionCombo")
        for label, value in ((self.tr("Automatic"), "auto"), ("fp32", "fp32"), ("bf16", "bf16")):
            self.precision.addItem(label, value)
        self.precision.setToolTip(
            self.tr(
                "Automatic: bf16 mixed precision where the processor runs it natively "
                "(about twice as fast), fp32 elsewhere. Weights stay fp32."
            )
        )

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Architecture:"), self.arch)
        form.addRow(self.tr("Data folder:"), data_row)
        form.addRow(self.tr("Epochs:"), self.epochs)
        form.addRow(self.tr("Batch size:"), self.batch)
        form.addRow(self.tr("Learning rate:"), self.lr)
        form.addRow(self.tr("Optimizer:"), self.optimizer)
        form.addRow(self.tr("Weight averaging (EMA decay):"), self.ema_decay)
        form.addRow(self.tr("Augmentation:"), self.augment)
        form.addRow(self.tr("Device:"), self.device)
        form.addRow(self.tr("Precision:"), self.precision)
        self.load_settings()
        self.update_folder_note()
        self._arch_shown = self.arch.currentData()
        self.arch.currentIndexChanged.connect(self._arch_changed)

    def _arch_changed(self) -> None:
        """Choosing an architecture with a preset (numpy-cnn's SGD, lr 0.1, batch 100), or
        leaving one, puts the preset's values (or the form's defaults) in the fields."""
        previous, self._arch_shown = self._arch_shown, self.arch.currentData()
        if previous not in ARCH_PRESETS and self._arch_shown not in ARCH_PRESETS:
            return
        values = {**dataclasses.asdict(DEFAULTS), **ARCH_PRESETS.get(self._arch_shown, {})}
        self.epochs.setValue(values["epochs"])
        self.batch.setValue(values["batch_size"])
        self.lr.setValue(values["lr"])
        self._select(self.optimizer, values["optimizer"])
        self.ema_decay.setValue(values["ema_decay"])
        self.augment.setChecked(values["augment"])
        self._select(self.precision, values["precision"])

    def _fill_devices(self) -> None:
        names = {"auto": self.tr("Automatic"), "cpu": "CPU", "cuda": "CUDA (NVIDIA GPU)", "mps": "MPS (Apple GPU)"}
        available = device_availability()
        for name in DEVICE_CHOICES:
            self.device.addItem(names.get(name, name), name)
            reason = available.get(name)
            if reason:  # shown, but disabled with the reason as its tooltip
                self.device.model().item(self.device.count() - 1).setEnabled(False)
                self.device.setItemData(self.device.count() - 1, reason, Qt.ItemDataRole.ToolTipRole)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"), self.data.text())
        if folder:
            self.data.setText(folder)

    def set_data_folder(self, folder: str) -> None:
        self.data.setText(folder)

    # -- the data folder: what it holds, downloading MNIST ---------------------
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

    def _download_stopped(self) -> None:
        self.download_button.setEnabled(True)
        self.download_progress.hide()
        if not self._download_failed_text:
            self.update_folder_note()  # now that the download is over

    def _download_failed(self, kind: str, message: str) -> None:
        self.download_progress.hide()
        text = self.tr(
            "MNIST could not be downloaded. Are you offline? Connect to the internet and try again, "
            "or copy the four MNIST files into a folder and choose it with Browse."
        )
        self._download_failed_text = text
        self.folder_note.setText(text)
        messages.error(self, self.tr("Download MNIST"), text, details=message)

    def load_settings(self) -> None:
        s = self.settings
        self._select(self.arch, s.get(TRAIN_ARCH))
        self.data.setText(s.data_folder)
        self.epochs.setValue(s.get(TRAIN_EPOCHS))
        self.batch.setValue(s.get(TRAIN_BATCH_SIZE))
        self.lr.setValue(s.get(TRAIN_LR))
        self._select(self.optimizer, s.get(TRAIN_OPTIMIZER))
        self.ema_decay.setValue(s.get(TRAIN_EMA_DECAY))
        self.augment.setChecked(s.get(TRAIN_AUGMENT))
        self._select(self.device, s.get(TRAIN_DEVICE))
        if not self.device.model().item(self.device.currentIndex()).isEnabled():
            self._select(self.device, "auto")
        self._select(self.precision, s.get(TRAIN_PRECISION))

    def save_settings(self) -> None:
        s = self.settings
        s.put(TRAIN_ARCH, self.arch.currentData())
        s.data_folder = self.data.text().strip()
        s.put(TRAIN_EPOCHS, self.epochs.value())
        s.put(TRAIN_BATCH_SIZE, self.batch.value())
        s.put(TRAIN_LR, self.lr.value())
        s.put(TRAIN_OPTIMIZER, self.optimizer.currentText())
        s.put(TRAIN_EMA_DECAY, self.ema_decay.value())
        s.put(TRAIN_AUGMENT, self.augment.isChecked())
        s.put(TRAIN_DEVICE, self.device.currentData())
        s.put(TRAIN_PRECISION, self.precision.currentData())

    def config(self) -> TrainConfig:
        """The TrainConfig the form describes; ValueError with a clear message if it is not valid.
        (Whether the data folder holds data: folder_problem().)"""
        return preset(
            DIALOG_PRESET,
            arch=self.arch.currentData(),
            data=self.data.text().strip() or None,
            epochs=self.epochs.value(),
            batch_size=self.batch.value(),
            lr=self.lr.value(),
            optimizer=self.optimizer.currentText(),
            ema_decay=self.ema_decay.value(),
            augment=self.augment.isChecked(),
            device=self.device.currentData(),
            precision=self.precision.currentData(),
            threads=default_threads(leave_free=1),  # one core stays free for the GUI
        )

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index < 0:
            index = combo.findText(value)
        if index >= 0:
            combo.setCurrentIndex(index)
