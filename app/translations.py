"""User-interface language: English (the source) and Simplified Chinese.

The language follows the system locale unless the user picked one in the Language
menu (saved in settings). DigitPad's own strings come from app/i18n/*.qm (made with
pyside6-lrelease from the .ts files); Qt's standard dialogs and buttons use Qt's
qtbase translations when they are installed. After changing strings, or moving a tr()
call into another class (its translation context is the class it is written in):
`cd app && pyside6-lupdate -no-obsolete *.py */*.py -ts i18n/digitpad_zh_CN.ts`, translate
what it marks unfinished, then `pyside6-lrelease i18n/digitpad_zh_CN.ts`.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # locale name -> name in that language
SOURCE_LANGUAGE = "en"

_installed: list[QTranslator] = []  # kept alive while installed


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The locale name to use: the choice if known, else the best match for the system."""
    if choice in LANGUAGES:
        return choice
    system = system or QLocale.system()
    for name in system.uiLanguages():
        name = name.replace("-", "_")
        if name.startswith("zh") and ("Hans" in name or name in ("zh", "zh_CN", "zh_SG")):
            return "zh_CN"
    return SOURCE_LANGUAGE


def install_translators(choice: str = "") -> str:
    """Install the translators for the chosen ("" = system) language; returns the locale used."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = resolve_language(choice)
    if language == SOURCE_LANGUAGE:
        return language
    own = QTranslator()
    if own.load(str(I18N_DIR / f"digitpad_{language}.qm")):
        app.installTranslator(own)
        _installed.append(own)
    qt = QTranslator()
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return language


PLACEHOLDER = re.compile(r"%(\d+)")


def fill(text: str, *args: object) -> str:
    """`text` (usually a translated string) with %1..%N replaced by str(args[0..N-1]), in one
    pass: an argument that itself holds "%2" (a file name, an error message) is not filled
    again, and a translation may put the placeholders in any order. A placeholder without
    an argument (%7 of three) and a lone % ("95%") are left as they are.

        fill(self.tr("%1 could not be read: %2"), name, message)
    """

    def argument(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(args[index]) if 0 <= index < len(args) else match.group(0)

    return PLACEHOLDER.sub(argument, text)
