"""Settings in QSettings (organization and application "DigitPad"), declared in one table.

Every value DigitPad remembers is a `Setting` below (key, type, default, validator); all
reads and writes go through `Settings.get`/`Settings.put` with one of them, so a key is
written once (tests/app/test_settings.py fails on a string-literal key anywhere else in app/).

With DIGITPAD_DATA_DIR set (tests, portable setups) the settings live in an ini file
in that folder, so nothing touches the user's real settings; otherwise Qt's native
place for the platform (registry, plist, ~/.config/DigitPad/DigitPad.conf).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from .drawing.canvas import DEFAULT_PEN_WIDTH, MAX_PEN_WIDTH, MIN_PEN_WIDTH
from .translations import LANGUAGES

ORGANIZATION = APPLICATION = "DigitPad"
INT_RANGE = (-(2**31), 2**31 - 1)  # what Qt's widgets take
EMA_DECAY_MAX = 0.9999  # the Train dialog's field has 4 decimals; TrainConfig takes any decay below 1
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes"), ("0", "false", "no")
THEMES = ("system", "light", "dark")  # app/theme.py


@dataclass(frozen=True)
class Setting:
    """One remembered value: its QSettings `key`, its `kind` (int, float, str, bool or
    bytes: Qt's opaque QByteArray, e.g. window geometry), its `default`, and what a stored
    value must be: `lo`..`hi` for numbers, one of `allowed` for strings.

    `preset_field` names a TrainConfig field: the default is then that field's value in the
    Train dialog's preset (model/training/train_config.py DIALOG_PRESET), read when first needed so
    start-up imports no torch."""

    key: str
    kind: type
    default: Any = None
    lo: float = -math.inf
    hi: float = math.inf
    allowed: tuple[str, ...] | None = None
    preset_field: str | None = None

    def default_value(self) -> Any:
        if self.preset_field is None:
            return self.default
        from model.training.train_config import DIALOG_PRESET, preset

        return getattr(preset(DIALOG_PRESET), self.preset_field)


def _int(key: str, default: int = 0, lo: int = INT_RANGE[0], hi: int = INT_RANGE[1], **kw: Any) -> Setting:
    return Setting(key, int, default, lo, hi, **kw)


# -- the table: every key DigitPad writes ---------------------------------------------
PEN_WIDTH = _int("canvas/penWidth", DEFAULT_PEN_WIDTH, MIN_PEN_WIDTH, MAX_PEN_WIDTH)
LANGUAGE = Setting("ui/language", str, "", allowed=("", *LANGUAGES))  # "" follows the system locale
THEME = Setting("ui/theme", str, "system", allowed=THEMES)
MODEL_PATH = Setting("model/path", str, "")  # the checkpoint last made active ("" = the bundled one)
WINDOW_GEOMETRY = Setting("window/geometry", bytes)
WINDOW_STATE = Setting("window/state", bytes)
LAST_FOLDER = Setting("files/lastFolder", str, "")  # of the last image opened or drawing saved
TRAIN_DATA = Setting("train/data", str, "")  # the MNIST folder ("" = the default one)
TRAIN_ARCH = Setting("train/arch", str, preset_field="arch")
TRAIN_EPOCHS = _int("train/epochs", lo=1, hi=200, preset_field="epochs")  # the Train dialog's field takes these
TRAIN_BATCH_SIZE = _int("train/batchSize", lo=1, hi=4096, preset_field="batch_size")
TRAIN_LR = Setting("train/lr", float, lo=1e-5, hi=1e6, preset_field="lr")
TRAIN_OPTIMIZER = Setting("train/optimizer", str, preset_field="optimizer")
TRAIN_AUGMENT = Setting("train/augment", bool, preset_field="augment")
TRAIN_DEVICE = Setting("train/device", str, preset_field="device")
TRAIN_PRECISION = Setting("train/precision", str, preset_field="precision")
TRAIN_EMA_DECAY = Setting("train/emaDecay", float, lo=0.0, hi=EMA_DECAY_MAX, preset_field="ema_decay")

TABLE = tuple(value for value in dict(globals()).values() if isinstance(value, Setting))


def open_settings() -> QSettings:
    override = os.environ.get("DIGITPAD_DATA_DIR")
    if override:
        return QSettings(str(Path(override) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


class Settings:
    """Typed access to the values of the table above: `get(PEN_WIDTH)`, `put(PEN_WIDTH, 20)`.

    Whatever the settings file holds, a read gives a usable value: a value of the wrong
    type or out of range gives the default, is removed from the file, and is noted in
    `problems` (one line each) so the app can tell the user once.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or open_settings()
        self.problems: list[str] = []

    def get(self, setting: Setting) -> Any:
        """The stored value of `setting`, or its default (absent or bad: see the class);
        for bytes settings whatever Qt stored (a QByteArray, or None)."""
        if not isinstance(setting, Setting):
            raise TypeError(f"settings are read through the table in app/settings.py, not {setting!r}")
        value = self.q.value(setting.key)
        if setting.kind is bytes:
            return value
        if value is None:
            return setting.default_value()
        read = _READERS[setting.kind](value, setting)
        if read is None:
            self.q.remove(setting.key)
            self.problems.append(f"{setting.key} = {str(value)[:60]!r}")
            return setting.default_value()
        return read

    def check_all(self) -> None:
        """Read every stored value of the table now (start-up), so that the bad ones are
        removed and listed together in `problems` (the Train dialog's were only found when
        it opened, and a value its field could not show was silently clamped: nc3 saw
        train/epochs=-7 vanish). Absent values are left alone (no default is computed)."""
        for setting in TABLE:
            if setting.kind is not bytes and self.q.value(setting.key) is not None:
                self.get(setting)

    def put(self, setting: Setting, value: Any) -> None:
        if not isinstance(setting, Setting):
            raise TypeError(f"settings are written through the table in app/settings.py, not {setting!r}")
        self.q.setValue(setting.key, int(value) if setting.kind is int else value)

    def sync(self) -> None:
        self.q.sync()

    # -- the values the whole app uses, as attributes ------------------------------
    @property
    def pen_width(self) -> int:
        return self.get(PEN_WIDTH)

    @pen_width.setter
    def pen_width(self, value: int) -> None:
        self.put(PEN_WIDTH, value)

    @property
    def language(self) -> str:
        """ "" follows the system locale; else a locale name such as "en" or "zh_CN"."""
        return self.get(LANGUAGE)

    @language.setter
    def language(self, value: str) -> None:
        self.put(LANGUAGE, value)

    @property
    def theme(self) -> str:
        """ "system", "light" or "dark" (app/theme.py)."""
        return self.get(THEME)

    @theme.setter
    def theme(self, value: str) -> None:
        self.put(THEME, value)

    @property
    def model_path(self) -> str:
        """The checkpoint last made active ("" = the bundled model)."""
        return self.get(MODEL_PATH)

    @model_path.setter
    def model_path(self, value: str) -> None:
        self.put(MODEL_PATH, value)

    @property
    def data_folder(self) -> str:
        return self.get(TRAIN_DATA)

    @data_folder.setter
    def data_folder(self, value: str) -> None:
        self.put(TRAIN_DATA, value)


# -- readers: a stored value (whatever QSettings gives) -> the typed value, or None if bad --
def _read_int(value: Any, setting: Setting) -> int | None:
    try:
        number = int(str(value).strip()) if not isinstance(value, (bool, list)) else None
    except ValueError:
        return None
    return number if number is not None and setting.lo <= number <= setting.hi else None


def _read_float(value: Any, setting: Setting) -> float | None:
    try:
        number = float(str(value).strip()) if not isinstance(value, (bool, list)) else math.nan
    except ValueError:
        return None
    return number if math.isfinite(number) and setting.lo <= number <= setting.hi else None


def _read_str(value: Any, setting: Setting) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):  # e.g. a list (an ini value with commas)
        return None
    return value if setting.allowed is None or value in setting.allowed else None


def _read_bool(value: Any, setting: Setting) -> bool | None:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if isinstance(value, (str, int)) else ""
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    return None


_READERS = {int: _read_int, float: _read_float, str: _read_str, bool: _read_bool}
TABLE = tuple(v for v in list(globals().values()) if isinstance(v, Setting))  # every setting above
