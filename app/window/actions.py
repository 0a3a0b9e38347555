"""Menus, toolbar and shortcuts of the main window (platform conventions via QKeySequence)."""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QSlider, QToolBar

from ..drawing.canvas import MAX_PEN_WIDTH, MIN_PEN_WIDTH
from ..icons import readable_icon
from ..theme import apply_theme
from ..translations import LANGUAGES, fill
from .action_table import ACTIONS, ActionSpec


def asset_icon(name: str) -> QIcon:
    """An icon shipped in assets/ (drawn for DigitPad: no system icon theme needed)."""
    from model.paths import asset_path

    try:
        path = asset_path(name)
    except (ModuleNotFoundError, OSError):
        return QIcon()
    return QIcon(str(path)) if path.is_file() else QIcon()


class Actions(QObject):
    """Creates and owns the main window's actions (one per row of app/window/action_table.py), its
    menus, its toolbar and the pen-width slider; the window's slots do the work."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._original_icons: dict[QAction, QIcon] = {}  # redrawn for the theme (app.icons)
        for spec in ACTIONS:
            setattr(self, spec.name, self._make_action(spec))
        tools = QActionGroup(window)
        for a in (self.pen, self.eraser):
            a.setCheckable(True)
            tools.addAction(a)
        self.pen.setChecked(True)
        window.canvas.toolChanged.connect(lambda t: (self.pen if t == "pen" else self.eraser).setChecked(True))
        self._make_pen_width_slider()
        self._build_menus()
        self._build_toolbar()
        self.update_icons()

    def _make_action(self, spec: ActionSpec) -> QAction:
        a = QAction(self.tr(spec.text), self.window)
        if spec.icon or spec.std is not None:
            std = spec.std
            fallback = (
                self.window.style().standardIcon(std)
                if std is not None
                else asset_icon(spec.own)
                if spec.own
                else QIcon()
            )
            a.setIcon(QIcon.fromTheme(spec.icon, fallback) if spec.icon else fallback)
            self._original_icons[a] = a.icon()
        if spec.keys:
            a.setShortcuts(_unique([QKeySequence(k) for k in spec.keys]))
        if spec.tip:
            a.setToolTip(self.tr(spec.tip))
            a.setStatusTip(self.tr(spec.tip))
        if spec.short:
            a.setIconText(self.tr(spec.short))  # the toolbar's short label
        if spec.role is not None:
            a.setMenuRole(spec.role)
        if spec.everywhere:
            a.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        slot, args = attrgetter(spec.slot)(self), spec.args
        a.triggered.connect(lambda _checked=False: slot(*args))
        return a

    def _make_pen_width_slider(self) -> None:
        self.pen_width = QSlider(Qt.Orientation.Horizontal, objectName="penWidth")
        self.pen_width.setRange(MIN_PEN_WIDTH, MAX_PEN_WIDTH)
        self.pen_width.setFixedWidth(140)
        self.pen_width.setToolTip(self.tr("Pen width (the model sees every drawing at the same width)"))
        self.pen_width.setAccessibleName(self.tr("Pen width"))
        self.pen_width_value = QLabel(objectName="penWidthValue")
        self.pen_width_value.setMinimumWidth(self.pen_width_value.fontMetrics().horizontalAdvance("88 px") + 6)
        self.pen_width.valueChanged.connect(self._show_pen_width)
        self._show_pen_width(self.pen_width.value())

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
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
        self._build_view_menu(bar.addMenu(self.tr("&View")))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.help, self.open_logs])
        help_menu.addSeparator()
        help_menu.addActions([self.about, self.about_qt])
        self.fill_saved_models()

    def _build_view_menu(self, view) -> None:
        """Language (the window is rebuilt in it: MainWindow.languageChosen) and theme."""
        self.language_menu = view.addMenu(self.tr("&Language"))
        languages = [("", self.tr("System Language")), *LANGUAGES.items()]
        self._choice_group(
            self.language_menu, languages, self.window.settings.language, self.window.languageChosen.emit
        )
        self.theme_menu = view.addMenu(self.tr("&Theme"))
        self.theme_menu.setObjectName("themeMenu")
        themes = [("system", self.tr("System")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))]
        self._choice_group(self.theme_menu, themes, self.window.settings.theme, self.choose_theme)

    def _choice_group(self, menu, choices: list[tuple[str, str]], current: str, choose) -> None:
        """Checkable, mutually exclusive menu entries (code, name); choose(code) when picked."""
        group = QActionGroup(self.window)
        for code, name in choices:
            a = menu.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == current)
            a.setData(code)
            group.addAction(a)
            a.triggered.connect(lambda _=False, c=code: choose(c))

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
        self.window.addToolBar(tb)
        self.toolbar = tb
        self._wide_toolbar = tb.sizeHint().width()  # with the labels beside the icons
        self.window.installEventFilter(self)

    def update_icons(self) -> None:
        """Every action's icon readable on the window's current palette (light or dark)."""
        palette, dpr = self.window.palette(), self.window.devicePixelRatioF()
        for action, icon in self._original_icons.items():
            action.setIcon(readable_icon(icon, palette, dpr))

    def eventFilter(self, watched, event) -> bool:
        """A narrow window shows the toolbar's icons only, so the pen width stays reachable;
        a new palette (View > Theme, the system's theme) redraws the icons."""
        if watched is self.window and event.type() == QEvent.Type.PaletteChange:
            self.update_icons()
        if watched is self.window and event.type() == QEvent.Type.Resize:
            wide = self.window.width() >= self._wide_toolbar + 16
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
            a.triggered.connect(lambda _=False, p=str(path): self.window.open_image(p))
        self.samples_menu.setEnabled(bool(files))

    def fill_saved_models(self) -> None:
        from ..models.model_manager import ModelManager, saved_model_info
        from ..models.saved_models import accuracy_text

        self.saved_menu.clear()
        saved = ModelManager.saved_models()
        if not saved:
            none = self.saved_menu.addAction(self.tr("(no saved models yet)"))
            none.setEnabled(False)
        ready = self.window.manager.engine_ready  # reading checkpoints needs torch: only once the loader has it
        for path in saved[:20]:
            acc, date, _ = saved_model_info(path) if ready else (None, "", "")
            a = self.saved_menu.addAction(f"{path.stem}  ·  {accuracy_text(acc)}  ·  {date}" if ready else path.stem)
            a.setCheckable(True)
            a.setChecked(self.window.manager.is_active(path))
            a.setToolTip(str(path))
            a.triggered.connect(lambda _=False, p=str(path): self.window.load_model_file(p))
        self.saved_menu.addSeparator()
        manage = self.saved_menu.addAction(self.tr("&Manage Saved Models..."))
        manage.setObjectName("manageSavedModels")
        manage.triggered.connect(self.show_saved_models)

    def show_saved_models(self):
        from ..models.saved_models import SavedModelsDialog

        if not self.window._after_loading("savedModels", self.show_saved_models):
            return None
        dialog = self.window.findChild(SavedModelsDialog)
        if dialog is None:
            dialog = SavedModelsDialog(self.window.manager, self.window)
        dialog.show()
        dialog.raise_()
        return dialog

    def update_model_actions(self) -> None:
        """Reset is pointless (disabled) while the bundled model is active or none is loaded yet."""
        manager = self.window.manager
        self.reset_model.setEnabled(manager.predictor is not None and not manager.is_bundled())

    def update_enabled(self) -> None:
        ink = self.window.ink
        self.undo.setEnabled(ink.can_undo())
        self.redo.setEnabled(ink.can_redo())
        self.clear.setEnabled(not ink.is_empty() or ink.image is not None)
        self.save.setEnabled(not ink.is_empty())

    def show_about(self) -> None:
        from ..dialogs.about import AboutDialog

        AboutDialog(self.window.manager.predictor, self.window).show()

    def show_about_qt(self) -> None:
        QApplication.aboutQt()

    def show_help(self) -> None:
        from ..dialogs.about import HelpDialog

        HelpDialog(self.window).show()

    def open_log_folder(self) -> bool:
        from model.paths import logs_dir

        folder = logs_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not opened:
            self.window.statusBar().showMessage(fill(self.tr("The log folder is %1"), str(folder)), 15000)
        return opened

    def choose_theme(self, theme: str) -> None:
        self.window.settings.theme = apply_theme(theme)

    def _show_pen_width(self, value: int) -> None:
        text = fill(self.tr("%1 px"), str(value))
        self.pen_width_value.setText(text)
        self.pen_width.setAccessibleDescription(text)


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen, out = set(), []
    for k in keys:
        if not k.isEmpty() and k.toString() not in seen:
            seen.add(k.toString())
            out.append(k)
    return out
