"""Settings in QSettings (organization and application "DigitPad").

With DIGITPAD_DATA_DIR set (tests, portable setups) the settings live in an ini file
in that folder, so nothing touches the user's real settings; otherwise Qt's native
place for the platform (registry, plist, ~/.config/DigitPad/DigitPad.conf).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtCore import QSettings

from .canvas import MAX_PEN_WIDTH, MIN_PEN_WIDTH
from .translations import LANGUAGES

ORGANIZATION = APPLICATION = "DigitPad"
DEFAULT_PEN_WIDTH = 14
INT_RANGE = (-(2**31), 2**31 - 1)  # what Qt's widgets take
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes"), ("0", "false", "no")


def open_settings() -> QSettings:
    override = os.environ.get("DIGITPAD_DATA_DIR")
    if override:
        return QSettings(str(Path(override) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


class Settings:
    """Typed access to the few values DigitPad remembers.

    Whatever the settings file holds, a read gives a usable value: a value of the wrong
    type or out of range gives the default, is removed from the file, and is noted in
    `problems` (one line each) so the app can tell the user once.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or open_settings()
        self.problems: list[str] = []

    def _bad(self, key: str, value, default):
        self.q.remove(key)
        self.problems.append(f"{key} = {str(value)[:60]!r}")
        return default

    def get_int(self, key: str, default: int, lo: int = INT_RANGE[0], hi: int = INT_RANGE[1]) -> int:
        value = self.q.value(key)
        if value is None:
            return default
        try:
            number = int(str(value).strip()) if not isinstance(value, (bool, list)) else None
        except ValueError:
            number = None
        if number is None or not lo <= number <= hi:
            return self._bad(key, value, default)
        return number

    def get_str(self, key: str, default: str = "", allowed: tuple[str, ...] | None = None) -> str:
        value = self.q.value(key)
        if value is None:
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or (allowed is not None and value not in allowed):
            return self._bad(key, value, default)  # e.g. a list (an ini value with commas)
        return value

    def get_float(self, key: str, default: float, lo: float = -math.inf, hi: float = math.inf) -> float:
        value = self.q.value(key)
        if value is None:
            return default
        try:
            number = float(str(value).strip()) if not isinstance(value, (bool, list)) else math.nan
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not lo <= number <= hi:
            return self._bad(key, value, default)
        return number

    def get_bool(self, key: str, default: bool) -> bool:
        value = self.q.value(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower() if isinstance(value, (str, int)) else ""
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        return self._bad(key, value, default)

    def get_bytes(self, key: str):
        return self.q.value(key)

    def set(self, key: str, value) -> None:
        self.q.setValue(key, value)

    def sync(self) -> None:
        self.q.sync()

    # -- named values --------------------------------------------------------
    @property
    def pen_width(self) -> int:
        return self.get_int("canvas/penWidth", DEFAULT_PEN_WIDTH, MIN_PEN_WIDTH, MAX_PEN_WIDTH)

    @pen_width.setter
    def pen_width(self, value: int) -> None:
        self.set("canvas/penWidth", int(value))

    @property
    def language(self) -> str:
        """ "" follows the system locale; else a locale name such as "en" or "zh_CN"."""
        return self.get_str("ui/language", "", ("", *LANGUAGES))

    @language.setter
    def language(self, value: str) -> None:
        self.set("ui/language", value)

    @property
    def theme(self) -> str:
        """ "system", "light" or "dark" (app/theme.py)."""
        value = self.get_str("ui/theme", "system")
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.set("ui/theme", value)

    @property
    def model_path(self) -> str:
        """The checkpoint last made active ("" = the bundled model)."""
        return self.get_str("model/path", "")

    @model_path.setter
    def model_path(self, value: str) -> None:
        self.set("model/path", value)

    @property
    def data_folder(self) -> str:
        return self.get_str("train/data", "")

    @data_folder.setter
    def data_folder(self, value: str) -> None:
        self.set("train/data", value)
