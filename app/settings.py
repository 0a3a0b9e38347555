"""Settings in QSettings (organization and application "DigitPad").

With DIGITPAD_DATA_DIR set (tests, portable setups) the settings live in an ini file
in that folder, so nothing touches the user's real settings; otherwise Qt's native
place for the platform (registry, plist, ~/.config/DigitPad/DigitPad.conf).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = APPLICATION = "DigitPad"
DEFAULT_PEN_WIDTH = 14


def open_settings() -> QSettings:
    override = os.environ.get("DIGITPAD_DATA_DIR")
    if override:
        return QSettings(str(Path(override) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


class Settings:
    """Typed access to the few values DigitPad remembers."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or open_settings()

    def _get(self, key: str, default, kind):
        value = self.q.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    def get_int(self, key: str, default: int) -> int:
        return self._get(key, default, int)

    def get_str(self, key: str, default: str = "") -> str:
        return self._get(key, default, str)

    def get_float(self, key: str, default: float) -> float:
        return self._get(key, default, float)

    def get_bool(self, key: str, default: bool) -> bool:
        value = self.q.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def get_bytes(self, key: str):
        return self.q.value(key)

    def set(self, key: str, value) -> None:
        self.q.setValue(key, value)

    def sync(self) -> None:
        self.q.sync()

    # -- named values --------------------------------------------------------
    @property
    def pen_width(self) -> int:
        return self.get_int("canvas/penWidth", DEFAULT_PEN_WIDTH)

    @pen_width.setter
    def pen_width(self, value: int) -> None:
        self.set("canvas/penWidth", int(value))

    @property
    def language(self) -> str:
        """"" follows the system locale; else a locale name such as "en" or "zh_CN"."""
        return self.get_str("ui/language", "")

    @language.setter
    def language(self, value: str) -> None:
        self.set("ui/language", value)

    @property
    def theme(self) -> str:
        """"system", "light" or "dark" (app/theme.py)."""
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
