"""The settings half of the Train Model dialog: builds the same TrainConfig as the CLI."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
    QPushButton, QSpinBox, QWidget,
)

from model.device import DEVICE_CHOICES, default_threads, device_availability
from model.nets import ARCHITECTURES
from model.train_config import ARCH_PRESETS, DIALOG_PRESET, OPTIMIZERS, TrainConfig, preset

from .settings import Settings

DEFAULTS = preset(DIALOG_PRESET)  # what the form shows before the user changes anything


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
        self.data.setPlaceholderText(self.tr("MNIST folder or image folder (train/0..9, test/0..9)"))
        self.data.setToolTip(self.tr("A folder with the four MNIST .gz files, or an image folder tree.\n"
                                     "Empty: the MNIST folder in DigitPad's data folder."))
        browse = QPushButton(self.tr("Browse..."), objectName="browseButton")
        browse.clicked.connect(self._browse)
        data_row = QHBoxLayout()
        data_row.setContentsMargins(0, 0, 0, 0)
        data_row.addWidget(self.data, 1)
        data_row.addWidget(browse)

        self.epochs = QSpinBox(objectName="epochsSpin", minimum=1, maximum=200)
        self.epochs.setToolTip(self.tr("How many times to go through the training images"))
        self.batch = QSpinBox(objectName="batchSpin", minimum=1, maximum=4096)
        self.batch.setToolTip(self.tr("Images per training step"))
        self.lr = QDoubleSpinBox(objectName="lrSpin", decimals=5, minimum=1e-5, maximum=1e6, singleStep=1e-3)
        self.lr.setToolTip(self.tr("Peak learning rate (one-cycle schedule)"))
        self.optimizer = QComboBox(objectName="optimizerCombo")
        self.optimizer.addItems(list(OPTIMIZERS))
        self.augment = QCheckBox(self.tr("Random shifts, rotations and scaling"), objectName="augmentCheck")
        self.augment.setToolTip(self.tr("Augmentation makes the model more robust to real handwriting"))
        self.device = QComboBox(objectName="deviceCombo")
        self._fill_devices()
        self.precision = QComboBox(objectName="precisionCombo")
        for label, value in ((self.tr("Automatic"), "auto"), ("fp32", "fp32"), ("bf16", "bf16")):
            self.precision.addItem(label, value)
        self.precision.setToolTip(self.tr("Automatic: bf16 mixed precision where the processor runs it natively "
                                          "(about twice as fast), fp32 elsewhere. Weights stay fp32."))

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Architecture:"), self.arch)
        form.addRow(self.tr("Data folder:"), data_row)
        form.addRow(self.tr("Epochs:"), self.epochs)
        form.addRow(self.tr("Batch size:"), self.batch)
        form.addRow(self.tr("Learning rate:"), self.lr)
        form.addRow(self.tr("Optimizer:"), self.optimizer)
        form.addRow(self.tr("Augmentation:"), self.augment)
        form.addRow(self.tr("Device:"), self.device)
        form.addRow(self.tr("Precision:"), self.precision)
        self.load_settings()
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

    def load_settings(self) -> None:
        s = self.settings
        self._select(self.arch, s.get_str("train/arch", DEFAULTS.arch))
        self.data.setText(s.data_folder)
        self.epochs.setValue(s.get_int("train/epochs", DEFAULTS.epochs))
        self.batch.setValue(s.get_int("train/batchSize", DEFAULTS.batch_size))
        self.lr.setValue(s.get_float("train/lr", DEFAULTS.lr))
        self._select(self.optimizer, s.get_str("train/optimizer", DEFAULTS.optimizer))
        self.augment.setChecked(s.get_bool("train/augment", DEFAULTS.augment))
        self._select(self.device, s.get_str("train/device", DEFAULTS.device))
        if not self.device.model().item(self.device.currentIndex()).isEnabled():
            self._select(self.device, "auto")
        self._select(self.precision, s.get_str("train/precision", DEFAULTS.precision))

    def save_settings(self) -> None:
        s = self.settings
        s.set("train/arch", self.arch.currentData())
        s.data_folder = self.data.text().strip()
        s.set("train/epochs", self.epochs.value())
        s.set("train/batchSize", self.batch.value())
        s.set("train/lr", self.lr.value())
        s.set("train/optimizer", self.optimizer.currentText())
        s.set("train/augment", self.augment.isChecked())
        s.set("train/device", self.device.currentData())
        s.set("train/precision", self.precision.currentData())

    def config(self) -> TrainConfig:
        """The TrainConfig the form describes; ValueError with a clear message if it is not valid."""
        return preset(
            DIALOG_PRESET,
            arch=self.arch.currentData(),
            data=self.data.text().strip() or None,
            epochs=self.epochs.value(),
            batch_size=self.batch.value(),
            lr=self.lr.value(),
            optimizer=self.optimizer.currentText(),
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
