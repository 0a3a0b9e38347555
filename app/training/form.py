"""The settings half of the Train Model dialog: builds the same TrainConfig as the CLI.

The form's fields (architecture, epochs, batch size, learning rate, optimizer, EMA,
augmentation, device, precision), remembered in the settings table (app/settings.py),
and the TrainConfig they describe. The data folder row with Download MNIST is
app/training/data_folder.py.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QSpinBox, QWidget

from model.nets import ARCHITECTURES
from model.training.device import DEVICE_CHOICES, default_threads, device_availability
from model.training.train_config import ARCH_PRESETS, DIALOG_PRESET, OPTIMIZERS, TrainConfig, preset

from ..settings import (
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
from .data_folder import DataFolderField

DEFAULTS = preset(DIALOG_PRESET)  # what the form shows before the user changes anything


class TrainForm(QWidget):
    """The training settings; config() is the TrainConfig they describe. folder: the data
    folder row (app/training/data_folder.py)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.arch = QComboBox(objectName="archCombo")
        for name, arch in ARCHITECTURES.items():
            self.arch.addItem(name, name)
            self.arch.setItemData(self.arch.count() - 1, arch.summary, Qt.ItemDataRole.ToolTipRole)
        self.arch.setToolTip(self.tr("The network to train"))
        self.folder = DataFolderField()
        self._build_training_fields()
        self._build_machine_fields()
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Architecture:"), self.arch)
        form.addRow(self.tr("Data folder:"), self.folder)
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

    def _build_training_fields(self) -> None:
        """Epochs, batch size, learning rate, optimizer, weight averaging, augmentation."""
        self.epochs = QSpinBox(objectName="epochsSpin", minimum=int(TRAIN_EPOCHS.lo), maximum=int(TRAIN_EPOCHS.hi))
        self.epochs.setToolTip(self.tr("How many times to go through the training images"))
        self.batch = QSpinBox(
            objectName="batchSpin", minimum=int(TRAIN_BATCH_SIZE.lo), maximum=int(TRAIN_BATCH_SIZE.hi)
        )
        self.batch.setToolTip(self.tr("Images per training step"))
        self.lr = QDoubleSpinBox(
            objectName="lrSpin", decimals=5, minimum=TRAIN_LR.lo, maximum=TRAIN_LR.hi, singleStep=1e-3
        )
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

    def _build_machine_fields(self) -> None:
        """Where and how the arithmetic runs: the device (unavailable ones disabled) and the precision."""
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

    # -- the data folder (app/training/data_folder.py) ---------------------------------
    def set_data_folder(self, folder: str) -> None:
        self.folder.data.setText(folder)

    def folder_problem(self) -> str:
        """ "" if the data folder can be trained on, else what is wrong, in the user's words."""
        return self.folder.folder_problem()

    def update_folder_note(self) -> None:
        self.folder.update_folder_note()

    def load_settings(self) -> None:
        s = self.settings
        self._select(self.arch, s.get(TRAIN_ARCH))
        self.folder.data.setText(s.data_folder)
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
        s.data_folder = self.folder.data.text().strip()
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
            data=self.folder.data.text().strip() or None,
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
