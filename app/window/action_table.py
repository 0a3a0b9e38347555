"""The main window's actions, declared: text, slot, shortcuts, icon, tooltip, toolbar label.

app/window/actions.py builds one QAction per row (in this order) and the menus and toolbar from
them. Texts are marked for translation in the "Actions" context (QT_TRANSLATE_NOOP, found
by pyside6-lupdate) and translated when the action is built. A slot is a path from the
Actions object ("window.save_drawing", "window.canvas.set_tool") called with `args`
(never with QAction.triggered's `checked`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle

Key = QKeySequence.StandardKey | Qt.Key | str  # anything QKeySequence() takes
SP = QStyle.StandardPixmap
ROLE = QAction.MenuRole


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the attribute of Actions that holds the QAction
    text: str  # menu text, with its & mnemonic
    slot: str  # what triggering calls: a dotted path from the Actions object
    keys: tuple[Key, ...] = ()  # shortcuts, the first one shown in the menu; empty ones dropped
    icon: str = ""  # freedesktop icon-theme name
    tip: str = ""  # tooltip and status tip
    std: SP | None = None  # Qt's standard icon when the theme has none
    own: str = ""  # else an icon shipped in assets/
    short: str = ""  # short label under/beside the toolbar icon
    args: tuple = ()  # passed to the slot
    role: ROLE | None = None  # macOS application-menu role
    everywhere: bool = False  # shortcut also works in the dialogs


ACTIONS = (
    ActionSpec(
        "open",
        QT_TRANSLATE_NOOP("Actions", "&Open Image..."),
        "window.choose_image",
        (QKeySequence.StandardKey.Open,),
        "document-open",
        QT_TRANSLATE_NOOP("Actions", "Recognize a digit in an image file (Ctrl+O)"),
        SP.SP_DialogOpenButton,
        short=QT_TRANSLATE_NOOP("Actions", "Open"),
    ),
    ActionSpec(
        "paste",
        QT_TRANSLATE_NOOP("Actions", "&Paste Image"),
        "window.paste",
        (QKeySequence.StandardKey.Paste,),
        "edit-paste",
        QT_TRANSLATE_NOOP("Actions", "Recognize an image from the clipboard"),
    ),
    # no shortcut here: Ctrl+C belongs to the canvas (a second one would make it ambiguous)
    ActionSpec(
        "copy",
        QT_TRANSLATE_NOOP("Actions", "&Copy Number"),
        "window.copy_number",
        (),
        "edit-copy",
        QT_TRANSLATE_NOOP("Actions", "Copy the recognized number to the clipboard (Ctrl+C)"),
    ),
    ActionSpec(
        "save",
        QT_TRANSLATE_NOOP("Actions", "&Save Drawing As..."),
        "window.save_drawing",
        (QKeySequence.StandardKey.Save,),
        "document-save",
        QT_TRANSLATE_NOOP("Actions", "Save the drawing as a PNG image (Ctrl+S)"),
        SP.SP_DialogSaveButton,
        short=QT_TRANSLATE_NOOP("Actions", "Save"),
    ),
    ActionSpec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        "window.close",
        (QKeySequence.StandardKey.Quit, "Ctrl+Q"),  # the standard one is empty on some platforms
        "application-exit",
        role=ROLE.QuitRole,
        everywhere=True,
    ),
    ActionSpec(
        "undo",
        QT_TRANSLATE_NOOP("Actions", "&Undo Stroke"),
        "window.undo_stroke",
        (QKeySequence.StandardKey.Undo,),
        "edit-undo",
        QT_TRANSLATE_NOOP("Actions", "Take back the last stroke (Ctrl+Z)"),
        SP.SP_ArrowBack,
        short=QT_TRANSLATE_NOOP("Actions", "Undo"),
    ),
    ActionSpec(
        "redo",
        QT_TRANSLATE_NOOP("Actions", "&Redo Stroke"),
        "window.ink.redo",
        (QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"),
        "edit-redo",
        QT_TRANSLATE_NOOP("Actions", "Put the stroke back (Ctrl+Shift+Z)"),
        SP.SP_ArrowForward,
        short=QT_TRANSLATE_NOOP("Actions", "Redo"),
    ),
    ActionSpec(
        "clear",
        QT_TRANSLATE_NOOP("Actions", "&Clear"),
        "window.clear_canvas",
        (Qt.Key.Key_Delete, Qt.Key.Key_Escape, Qt.Key.Key_Backspace),
        "edit-clear",
        QT_TRANSLATE_NOOP("Actions", "Clear the canvas (Delete or Esc); Ctrl+Z brings it back"),
        SP.SP_DialogResetButton,
        short=QT_TRANSLATE_NOOP("Actions", "Clear"),
    ),
    ActionSpec(
        "pen",
        QT_TRANSLATE_NOOP("Actions", "&Pen"),
        "window.canvas.set_tool",
        ("P",),
        "draw-freehand",
        QT_TRANSLATE_NOOP("Actions", "Draw strokes (P)"),
        own="pen.svg",
        short=QT_TRANSLATE_NOOP("Actions", "Pen"),
        args=("pen",),
    ),
    ActionSpec(
        "eraser",
        QT_TRANSLATE_NOOP("Actions", "&Eraser"),
        "window.canvas.set_tool",
        ("E",),
        "draw-eraser",
        QT_TRANSLATE_NOOP("Actions", "Remove whole strokes by touching them (E); right-drag also erases"),
        own="eraser.svg",
        short=QT_TRANSLATE_NOOP("Actions", "Eraser"),
        args=("eraser",),
    ),
    ActionSpec(
        "load_model",
        QT_TRANSLATE_NOOP("Actions", "&Load Model..."),
        "window.choose_model_file",
        (),
        "document-open",
        QT_TRANSLATE_NOOP("Actions", "Recognize with a model file (.pt) you trained"),
    ),
    ActionSpec(
        "reset_model",
        QT_TRANSLATE_NOOP("Actions", "&Reset to Bundled Model"),
        "window.reset_model",
        tip=QT_TRANSLATE_NOOP("Actions", "Go back to the model that ships with DigitPad"),
    ),
    ActionSpec(
        "train",
        QT_TRANSLATE_NOOP("Actions", "&Train Model..."),
        "window.open_train_dialog",
        ("Ctrl+T",),
        "system-run",
        QT_TRANSLATE_NOOP("Actions", "Train a new model on MNIST or your own images (Ctrl+T)"),
        SP.SP_MediaPlay,
        short=QT_TRANSLATE_NOOP("Actions", "Train"),
    ),
    ActionSpec(
        "evaluate",
        QT_TRANSLATE_NOOP("Actions", "&Evaluate Model..."),
        "window.open_evaluate_dialog",
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Accuracy, confusion matrix and mistakes of the active model on the test images"
        ),
    ),
    ActionSpec(
        "help",
        QT_TRANSLATE_NOOP("Actions", "DigitPad &Help"),
        "show_help",
        (QKeySequence.StandardKey.HelpContents,),
        "help-contents",
        QT_TRANSLATE_NOOP("Actions", "How to use DigitPad, and its shortcuts (F1)"),
    ),
    ActionSpec(
        "open_logs",
        QT_TRANSLATE_NOOP("Actions", "Open &Log Folder"),
        "open_log_folder",
        (),
        "folder",
        QT_TRANSLATE_NOOP("Actions", "Open the folder with DigitPad's log files (for a bug report)"),
    ),
    ActionSpec(
        "about", QT_TRANSLATE_NOOP("Actions", "&About DigitPad"), "show_about", icon="help-about", role=ROLE.AboutRole
    ),
    ActionSpec("about_qt", QT_TRANSLATE_NOOP("Actions", "About &Qt"), "show_about_qt", role=ROLE.AboutQtRole),
)
