"""Menus, toolbar and shortcuts of the main window (platform conventions via QKeySequence)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QSlider, QStyle, QToolBar

from .canvas import MAX_PEN_WIDTH, MIN_PEN_WIDTH
from .icons import readable_icon
from .theme import apply_theme
from .translations import LANGUAGES


def asset_icon(name: str) -> QIcon:
    """An icon shipped in assets/ (drawn for DigitPad: no system icon theme needed)."""
    from model.paths import asset_path

    try:
        path = asset_path(name)
    except (ModuleNotFoundError, OSError):
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


class Actions(QObject):
    """Creates and owns the window's actions; the window's slots do the work."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        ink, canvas = window.ink, window.canvas
        style = window.style()
        self._original_icons: dict[QAction, QIcon] = {}

        def act(text, slot, keys=None, icon=None, tip=None, std=None, own=None):
            a = QAction(text, window)
            if icon or std is not None:
                fallback = style.standardIcon(std) if std is not None else asset_icon(own) if own else QIcon()
                a.setIcon(QIcon.fromTheme(icon, fallback) if icon else fallback)
                self._original_icons[a] = a.icon()  # redrawn for the theme (app.icons)
            if keys is not None:
                a.setShortcuts(keys if isinstance(keys, list) else [QKeySequence(keys)])
            if tip:
                a.setToolTip(tip)
                a.setStatusTip(tip)
            a.triggered.connect(slot)
            return a

        SP = QStyle.StandardPixmap
        self.open = act(
            self.tr("&Open Image..."),
            window.choose_image,
            QKeySequence.StandardKey.Open,
            "document-open",
            self.tr("Recognize a digit in an image file (Ctrl+O)"),
            SP.SP_DialogOpenButton,
        )
        self.paste = act(
            self.tr("&Paste Image"),
            window.paste,
            QKeySequence.StandardKey.Paste,
            "edit-paste",
            self.tr("Recognize an image from the clipboard"),
        )
        # no shortcut here: Ctrl+C belongs to the canvas (a second one would make it ambiguous)
        self.copy = act(
            self.tr("&Copy Number"),
            window.copy_number,
            None,
            "edit-copy",
            self.tr("Copy the recognized number to the clipboard (Ctrl+C)"),
        )
        self.save = act(
            self.tr("&Save Drawing As..."),
            window.save_drawing,
            QKeySequence.StandardKey.Save,
            "document-save",
            self.tr("Save the drawing as a PNG image (Ctrl+S)"),
            SP.SP_DialogSaveButton,
        )
        quit_keys = _unique(
            [QKeySequence(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")]
        )  # empty on some platforms
        self.quit = act(self.tr("&Quit"), window.close, quit_keys, "application-exit")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # also from the dialogs
        redo_keys = [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        self.undo = act(
            self.tr("&Undo Stroke"),
            ink.undo,
            QKeySequence.StandardKey.Undo,
            "edit-undo",
            self.tr("Take back the last stroke (Ctrl+Z)"),
            SP.SP_ArrowBack,
        )
        self.redo = act(
            self.tr("&Redo Stroke"),
            ink.redo,
            _unique(redo_keys),
            "edit-redo",
            self.tr("Put the stroke back (Ctrl+Shift+Z)"),
            SP.SP_ArrowForward,
        )
        self.clear = act(
            self.tr("&Clear"),
            window.clear_canvas,
            [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Backspace)],
            "edit-clear",
            self.tr("Clear the canvas (Delete or Esc); Ctrl+Z brings it back"),
            SP.SP_DialogResetButton,
        )
        self.pen = act(
            self.tr("&Pen"),
            lambda: canvas.set_tool("pen"),
            "P",
            "draw-freehand",
            self.tr("Draw strokes (P)"),
            own="pen.svg",
        )
        self.eraser = act(
            self.tr("&Eraser"),
            lambda: canvas.set_tool("eraser"),
            "E",
            "draw-eraser",
            self.tr("Remove whole strokes by touching them (E); right-drag also erases"),
            own="eraser.svg",
        )
        tools = QActionGroup(window)
        for a in (self.pen, self.eraser):
            a.setCheckable(True)
            tools.addAction(a)
        self.pen.setChecked(True)
        canvas.toolChanged.connect(lambda t: (self.pen if t == "pen" else self.eraser).setChecked(True))

        self.load_model = act(
            self.tr("&Load Model..."),
            window.choose_model_file,
            None,
            "document-open",
            self.tr("Recognize with a model file (.pt) you trained"),
        )
        self.reset_model = act(
            self.tr("&Reset to Bundled Model"),
            window.reset_model,
            None,
            None,
            self.tr("Go back to the model that ships with DigitPad"),
        )
        self.train = act(
            self.tr("&Train Model..."),
            window.open_train_dialog,
            "Ctrl+T",
            "system-run",
            self.tr("Train a new model on MNIST or your own images (Ctrl+T)"),
            SP.SP_MediaPlay,
        )
        self.evaluate = act(
            self.tr("&Evaluate Model..."),
            lambda: window.open_evaluate_dialog(),
            None,
            None,
            self.tr("Accuracy, confusion matrix and mistakes of the active model on the test images"),
        )
        self.help = act(
            self.tr("DigitPad &Help"),
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
            "help-contents",
            self.tr("How to use DigitPad, and its shortcuts (F1)"),
        )
        self.open_logs = act(
            self.tr("Open &Log Folder"),
            self.open_log_folder,
            None,
            "folder",
            self.tr("Open the folder with DigitPad's log files (for a bug report)"),
        )
        self.about = act(self.tr("&About DigitPad"), self.show_about, None, "help-about")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = act(self.tr("About &Qt"), QApplication.aboutQt, None)
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)

        self.pen_width = QSlider(Qt.Orientation.Horizontal, objectName="penWidth")
        self.pen_width.setRange(MIN_PEN_WIDTH, MAX_PEN_WIDTH)
        self.pen_width.setFixedWidth(140)
        self.pen_width.setToolTip(self.tr("Pen width (the model sees every drawing at the same width)"))
        self.pen_width.setAccessibleName(self.tr("Pen width"))
        self.pen_width_value = QLabel(objectName="penWidthValue")
        self.pen_width_value.setMinimumWidth(self.pen_width_value.fontMetrics().horizontalAdvance("88 px") + 6)
        self.pen_width.valueChanged.connect(self._show_pen_width)
        self._show_pen_width(self.pen_width.value())
        short = {
            self.pen: self.tr("Pen"),
            self.eraser: self.tr("Eraser"),
            self.open: self.tr("Open"),
            self.save: self.tr("Save"),
            self.undo: self.tr("Undo"),
            self.redo: self.tr("Redo"),
            self.clear: self.tr("Clear"),
            self.train: self.tr("Train"),
        }
        for a, text in short.items():
            a.setIconText(text)  # the toolbar's short labels
        self._build_menus()
        self._build_toolbar()
        self.update_icons()

    def _build_menus(self) -> None:
        bar = self.w.menuBar()
        file = bar.addMenu(self.tr("&File"))
        file.addAction(self.open)
        self.samples_menu = file.addMenu(self.tr("Open S&ample"))
        self.samples_menu.setObjectName("samplesMenu")
        self._fill_samples()
        file.addAction(self.save)
        file.addSeparator()
        file.addAction(self.quit)
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.copy, self.paste, self.clear])
        edit.addSeparator()
        edit.addActions([self.pen, self.eraser])
        model = self.model_menu = bar.addMenu(self.tr("&Model"))
        model.addAction(self.load_model)
        self.saved_menu = model.addMenu(self.tr("&Saved Models"))
        self.saved_menu.setObjectName("savedModelsMenu")
        self.saved_menu.aboutToShow.connect(self.fill_saved_models)
        model.addAction(self.reset_model)
        model.addSeparator()
        model.addActions([self.train, self.evaluate])
        view = bar.addMenu(self.tr("&View"))
        self.language_menu = view.addMenu(self.tr("&Language"))
        group = QActionGroup(self.w)
        current = self.w.settings.language
        for code, name in [("", self.tr("System Language")), *LANGUAGES.items()]:
            a = self.language_menu.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == current)
            a.setData(code)
            group.addAction(a)
            a.triggered.connect(lambda _=False, c=code: self.w.languageChosen.emit(c))
        self.theme_menu = view.addMenu(self.tr("&Theme"))
        self.theme_menu.setObjectName("themeMenu")
        themes = QActionGroup(self.w)
        for code, name in [("system", self.tr("System")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))]:
            a = self.theme_menu.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == self.w.settings.theme)
            a.setData(code)
            themes.addAction(a)
            a.triggered.connect(lambda _=False, c=code: self.choose_theme(c))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.help, self.open_logs])
        help_menu.addSeparator()
        help_menu.addActions([self.about, self.about_qt])
        self.fill_saved_models()

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Tools"), objectName="mainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.open, self.save])
        tb.addSeparator()
        tb.addActions([self.undo, self.redo, self.clear])
        tb.addSeparator()
        tb.addActions([self.pen, self.eraser])
        label = QLabel(self.tr("Width:"))
        label.setContentsMargins(8, 0, 4, 0)
        label.setBuddy(self.pen_width)
        tb.addWidget(label)
        tb.addWidget(self.pen_width)
        tb.addWidget(self.pen_width_value)
        tb.addSeparator()
        tb.addAction(self.train)
        self.w.addToolBar(tb)
        self.toolbar = tb
        self._wide_toolbar = tb.sizeHint().width()  # with the labels beside the icons
        self.w.installEventFilter(self)

    def update_icons(self) -> None:
        """Every action's icon readable on the window's current palette (light or dark)."""
        palette, dpr = self.w.palette(), self.w.devicePixelRatioF()
        for action, icon in self._original_icons.items():
            action.setIcon(readable_icon(icon, palette, dpr))

    def eventFilter(self, watched, event) -> bool:
        """A narrow window shows the toolbar's icons only, so the pen width stays reachable;
        a new palette (View > Theme, the system's theme) redraws the icons."""
        if watched is self.w and event.type() == QEvent.Type.PaletteChange:
            self.update_icons()
        if watched is self.w and event.type() == QEvent.Type.Resize:
            wide = self.w.width() >= self._wide_toolbar + 16
            style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon if wide else Qt.ToolButtonStyle.ToolButtonIconOnly
            if self.toolbar.toolButtonStyle() != style:
                self.toolbar.setToolButtonStyle(style)
        return False
        # Screen readers name each tool button by its label and read the action's tooltip as its
        # description (Qt does this); setting names per button here would cost ~0.1 s at start-up.

    def _fill_samples(self) -> None:
        """Example digits shipped in assets/samples/images (MNIST scans and pen drawings)."""
        from model.paths import asset_path

        try:
            folder = asset_path("samples") / "images"
            files = sorted(folder.glob("*.png")) if folder.is_dir() else []
        except (ModuleNotFoundError, OSError):
            files = []
        for path in files:
            a = self.samples_menu.addAction(path.stem)
            a.triggered.connect(lambda _=False, p=str(path): self.w.open_image(p))
        self.samples_menu.setEnabled(bool(files))

    def fill_saved_models(self) -> None:
        from .model_manager import ModelManager, saved_model_info
        from .saved_models import accuracy_text

        self.saved_menu.clear()
        saved = ModelManager.saved_models()
        if not saved:
            none = self.saved_menu.addAction(self.tr("(no saved models yet)"))
            none.setEnabled(False)
        ready = self.w.manager.engine_ready  # reading checkpoints needs torch: only once the loader has it
        for path in saved[:20]:
            acc, date, _ = saved_model_info(path) if ready else (None, "", "")
            a = self.saved_menu.addAction(f"{path.stem}  ·  {accuracy_text(acc)}  ·  {date}" if ready else path.stem)
            a.setCheckable(True)
            a.setChecked(self.w.manager.is_active(path))
            a.setToolTip(str(path))
            a.triggered.connect(lambda _=False, p=str(path): self.w.load_model_file(p))
        self.saved_menu.addSeparator()
        manage = self.saved_menu.addAction(self.tr("&Manage Saved Models..."))
        manage.setObjectName("manageSavedModels")
        manage.triggered.connect(self.show_saved_models)

    def show_saved_models(self):
        from .saved_models import SavedModelsDialog

        if not self.w._after_loading("savedModels", self.show_saved_models):
            return None
        dialog = self.w.findChild(SavedModelsDialog)
        if dialog is None:
            dialog = SavedModelsDialog(self.w.manager, self.w)
        dialog.show()
        dialog.raise_()
        return dialog

    def update_model_actions(self) -> None:
        """Reset is pointless (disabled) while the bundled model is active or none is loaded yet."""
        manager = self.w.manager
        self.reset_model.setEnabled(manager.predictor is not None and not manager.is_bundled())

    def update_enabled(self) -> None:
        ink = self.w.ink
        self.undo.setEnabled(ink.can_undo())
        self.redo.setEnabled(ink.can_redo())
        self.clear.setEnabled(not ink.is_empty() or self.w.canvas.picture is not None)
        self.save.setEnabled(not ink.is_empty())

    def show_about(self) -> None:
        from .about import AboutDialog

        AboutDialog(self.w.manager.predictor, self.w).show()

    def show_help(self) -> None:
        from .about import HelpDialog

        HelpDialog(self.w).show()

    def open_log_folder(self) -> bool:
        from model.paths import logs_dir

        folder = logs_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not opened:
            self.w.statusBar().showMessage(self.tr("The log folder is %1").replace("%1", str(folder)), 15000)
        return opened

    def choose_theme(self, theme: str) -> None:
        self.w.settings.theme = apply_theme(theme)

    def _show_pen_width(self, value: int) -> None:
        text = self.tr("%1 px").replace("%1", str(value))
        self.pen_width_value.setText(text)
        self.pen_width.setAccessibleDescription(text)


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen, out = set(), []
    for k in keys:
        if not k.isEmpty() and k.toString() not in seen:
            seen.add(k.toString())
            out.append(k)
    return out
