"""Theme, Help, About, the log folder, Copy, the tool icons, the pen width value and the
accessible names: a first-time user's rough edges (issue 17)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QToolBar, QToolButton

from app.settings import Settings
from tests.conftest import REPO

from .helpers import draw, one, seven


def _menu_action(window, menu_title: str, text: str):
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu_title:
            for a in top.menu().actions():
                if a.text().replace("&", "") == text:
                    return a
    raise AssertionError(f"{menu_title} > {text} not found")


def _theme_action(window, name: str):
    return _menu_action(window, "View", "Theme").menu().actions()[["system", "light", "dark"].index(name)]


def _luma(color) -> float:
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def _contrast(a, b) -> float:
    la, lb = sorted((_luma(a), _luma(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_view_theme_dark_and_light_are_readable_and_remembered(window, qtbot, predictor):
    from app.theme import apply_theme

    try:
        for name in ("dark", "light"):
            _theme_action(window, name).trigger()
            assert window.settings.theme == name and QApplication.style().name().lower() == "fusion"
            qtbot.waitUntil(
                lambda name=name: (
                    (window.canvas.palette().color(QPalette.ColorRole.Window).lightness() < 128) == (name == "dark")
                )
            )  # palette changes arrive as events
            pal = window.canvas.palette()
            # the canvas (Base) stands apart from the window; ink and text read well
            assert _contrast(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Window)) > 1.1
            assert _contrast(pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)) > 4.5
            # the probability bars' empty tracks are visible on the window
            draw(window.canvas, one(window.canvas)[0])
            window.recognizer.recognize_ink()
            image = window.panel.chart.grab().toImage()
            track = image.pixelColor(image.width() // 20, image.height() // 3)  # digit 0's track, well above a bar
            assert _contrast(track, pal.color(QPalette.ColorRole.Window)) > 1.1, (name, track.name())
        from app.main import create_window

        again = create_window(predictor=predictor, settings=Settings())  # remembered
        qtbot.addWidget(again)
        assert _theme_action(again, "light").isChecked()
        _theme_action(again, "system").trigger()
        assert again.settings.theme == "system"
    finally:
        apply_theme("system")


def test_f1_opens_help_not_about(window, qtbot):
    window.activateWindow()
    window.canvas.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F1)
    help_dialog = window.findChild(object, "helpDialog")
    assert help_dialog is not None and help_dialog.isVisible()
    assert "Shortcuts" in help_dialog.findChild(object, "helpText").toPlainText()
    assert window.findChild(object, "aboutDialog") is None
    help_dialog.close()


def test_about_has_version_license_and_the_active_models_facts_in_plain_words(window, qtbot, predictor, tmp_path):
    from app.dialogs.about import package_facts
    from model.checkpoints.checkpoint import read_checkpoint

    path = window.manager.save_trained(read_checkpoint(predictor.path), predictor.arch)
    window.load_model_file(str(path))
    window.controls.about.trigger()
    about = window.findChild(object, "aboutDialog")
    text = about.findChild(object, "aboutText").toPlainText()
    facts = package_facts()
    assert facts["version"] and facts["version"] in text
    assert facts["license"] and facts["license"] in text
    card_view = about.findChild(object, "modelCard")
    card = card_view.toPlainText()
    assert path.name in card  # the ACTIVE model, not the bundled one
    assert "99." in card and "{" not in card and "'" not in card  # plain words, no Python dicts
    about.tabs.setCurrentIndex(1)
    about.resize(about.minimumSizeHint())
    qtbot.waitExposed(about)
    assert not card_view.horizontalScrollBar().isVisible()
    about.close()


def test_help_open_log_folder_opens_the_logs_dir(window, monkeypatch):
    from model.paths import logs_dir

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    _menu_action(window, "Help", "Open Log Folder").trigger()
    assert opened == [QUrl.fromLocalFile(str(logs_dir()))]
    assert logs_dir().is_dir()


def test_edit_menu_has_copy_next_to_paste_and_ctrl_c_copies_the_number(window, qtbot):
    edit = [a for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit"][0].menu()
    texts = [a.text().replace("&", "") for a in edit.actions()]
    assert texts.index("Paste Image") == texts.index("Copy Number") + 1
    QGuiApplication.clipboard().setText("nothing")
    window.controls.copy.trigger()  # nothing drawn yet: the clipboard stays
    assert QGuiApplication.clipboard().text() == "nothing"
    draw(window.canvas, seven(window.canvas)[0])
    window.recognizer.recognize_ink()
    window.canvas.setFocus()
    QTest.keySequence(window, "Ctrl+C")
    assert QGuiApplication.clipboard().text() == "7"


def test_pen_and_eraser_have_icons_without_an_icon_theme(qtbot, predictor, settings):
    from PySide6.QtGui import QIcon

    from app.main import create_window

    theme = QIcon.themeName()
    QIcon.setThemeName("no-such-theme")  # no theme icons at all: our own SVGs are the fallback
    try:
        window = create_window(predictor=predictor, settings=settings)
        qtbot.addWidget(window)
    finally:
        QIcon.setThemeName(theme)
    for action in (window.controls.pen, window.controls.eraser):
        assert not action.icon().isNull()
        assert not action.icon().pixmap(24, 24).isNull()


def test_pen_width_slider_shows_its_value(window, qtbot):
    slider = window.controls.pen_width
    label = window.findChild(QLabel, "penWidthValue")
    slider.setFocus()
    slider.setValue(10)
    QTest.keyClick(slider, Qt.Key.Key_Right)
    assert label.text() == "11 px" and label.isVisible()
    assert "11" in slider.accessibleDescription()


def test_toolbar_buttons_are_named_and_described_for_screen_readers(window):
    toolbar = window.findChild(QToolBar, "mainToolBar")
    buttons = [b for b in toolbar.findChildren(QToolButton) if b.defaultAction() is not None]
    assert len(buttons) >= 8
    for button in buttons:
        action = button.defaultAction()
        assert button.text() == action.iconText() and button.text()  # what a screen reader announces
        assert action.toolTip() and action.statusTip(), action.text()
    assert window.controls.pen_width.accessibleName() == "Pen width"


def _save_copy(window, predictor, name=None):
    from model.checkpoints.checkpoint import read_checkpoint

    return window.manager.save_trained(read_checkpoint(predictor.path), predictor.arch, name)


def test_reset_to_bundled_is_disabled_while_the_bundled_model_is_active(window, predictor):
    assert window.manager.is_bundled() and not window.controls.reset_model.isEnabled()
    path = _save_copy(window, predictor, "mine")
    window.load_model_file(str(path))
    assert window.controls.reset_model.isEnabled()
    window.controls.reset_model.trigger()
    assert window.manager.is_bundled() and not window.controls.reset_model.isEnabled()


def test_saved_models_menu_shows_accuracy_and_date(window, predictor):
    path = _save_copy(window, predictor, "my digits")
    assert path.name == "my digits.pt"
    window.controls.saved_menu.aboutToShow.emit()
    texts = [a.text() for a in window.controls.saved_menu.actions()]
    acc = predictor.metrics["test_accuracy"] * 100
    assert any(t.startswith("my digits") and f"{acc:.2f}%" in t and "20" in t for t in texts), texts


def test_a_model_without_a_test_accuracy_says_not_measured(window, predictor):
    """A model adapted to your handwriting holds no MNIST test accuracy: the list showed "?"."""
    from model.checkpoints.checkpoint import read_checkpoint

    checkpoint = read_checkpoint(predictor.path)
    checkpoint["metrics"] = {"adapted_from": "digitnet.pt", "adapt_samples": 20}
    window.manager.save_trained(checkpoint, predictor.arch, "adapted")
    window.controls.saved_menu.aboutToShow.emit()
    texts = [a.text() for a in window.controls.saved_menu.actions() if a.text().startswith("adapted")]
    assert len(texts) == 1 and "not measured" in texts[0] and "?" not in texts[0], texts


def test_saved_models_dialog_uses_renames_and_deletes(window, qtbot, predictor, dialogs, monkeypatch):
    from app import messages

    first = _save_copy(window, predictor, "first")
    second = _save_copy(window, predictor, "second")
    dialog = window.controls.show_saved_models()
    qtbot.waitExposed(dialog)
    names = [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())]
    assert sorted(names) == ["first", "second"]
    assert dialog.list.topLevelItem(0).text(1).endswith("%")

    def select(stem):
        for i in range(dialog.list.topLevelItemCount()):
            item = dialog.list.topLevelItem(i)
            if item.text(0).startswith(stem):
                rect = dialog.list.visualItemRect(item)
                qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return item
        raise AssertionError(stem)

    select("first")
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert window.manager.is_active(first) and not dialog.use_button.isEnabled()
    monkeypatch.setattr(messages, "ask_text", lambda *a: "renamed")
    select("first")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    renamed = first.with_name("renamed.pt")
    assert renamed.is_file() and not first.exists()
    assert window.manager.is_active(renamed) and window.settings.model_path == str(renamed)
    monkeypatch.setattr(messages, "ask_text", lambda *a: "second")  # taken: refused, nothing lost
    select("renamed")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert renamed.is_file() and second.is_file() and dialogs[-1][0] == "error"
    select("renamed")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)  # the active one: back to bundled
    assert not renamed.exists() and window.manager.is_bundled()
    assert [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())] == ["second"]
    dialog.close()


def test_model_names_are_cleaned_for_the_file_system():
    import pytest

    from app.models.model_manager import clean_name

    assert clean_name("a/b:c?.pt") == "a-b-c-"
    assert clean_name("  digits  ") == "digits"
    with pytest.raises(ValueError):
        clean_name(" .. ")


def test_nice_ticks_are_round_and_cover_the_range():
    from app.training.curves import nice_ticks, tick_label

    assert nice_ticks(0, 1) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(0, 20, 7) == [0.0, 5.0, 10.0, 15.0, 20.0]
    ticks = nice_ticks(0.913, 0.996, 5)
    assert ticks[0] <= 0.913 and ticks[-1] >= 0.996 and len(ticks) <= 6
    step = ticks[1] - ticks[0]
    assert all(abs(t / step - round(t / step)) < 1e-6 for t in ticks)
    assert tick_label(0.25, 0.25) == "0.25" and tick_label(5.0, 5.0) == "5"


def test_a_one_epoch_run_is_drawn_with_the_test_point_inside_the_axes(qtbot):
    from PySide6.QtGui import QColor

    from app.training.curves import LinePlot

    plot = LinePlot("Accuracy", (0.0, 1.0))
    qtbot.addWidget(plot)
    plot.add_series("train", QColor("blue"))
    plot.add_series("test", QColor("green"), points=True)
    plot.x_range = (0, 1)
    for i in range(1, 11):
        plot.add_point("train", i / 10, 0.90 + 0.008 * i)
    plot.add_point("test", 1.0, 0.975)
    xt, yt = plot.axes()
    assert xt[0] == 0 and xt[-1] == 1 and len(xt) >= 3  # fractions of the one epoch
    assert 0.8 <= yt[0] <= 0.9 and 0.98 <= yt[-1] <= 1.0  # fitted to the data: not squashed at the top
    assert yt[0] < 0.975 < yt[-1]  # the test point is inside, not in a corner
    plot.resize(300, 200)
    plot.show()
    qtbot.waitExposed(plot)
    assert not plot.grab().toImage().isNull()


def test_a_narrow_window_shows_toolbar_icons_only_so_the_pen_width_stays_visible(window, qtbot):
    toolbar = window.controls.toolbar
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly)
    qtbot.waitUntil(lambda: window.controls.pen_width.isVisible())
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon)


def test_a_style_sheeted_label_follows_a_theme_change(tmp_path):
    """The big digit (a label with a style sheet) kept black text on the dark theme when
    the theme changed after it was shown (a newcomer's find): every theme change polishes
    style-sheeted widgets again. In a fresh process: the test session's own application
    does not show it."""
    import subprocess
    import sys

    script = """
import sys
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.prediction.prediction_panel import PredictionPanel
from app.theme import apply_theme
panel = PredictionPanel(); panel.resize(400, 500); panel.show(); panel.digit.setText("5")
app.processEvents()
for name in ("dark", "light"):
    apply_theme(name); app.processEvents()
    image = panel.digit.grab().toImage()
    lights = [image.pixelColor(x, y).lightness() for x in range(image.width()) for y in range(image.height())]
    window = panel.palette().color(QPalette.ColorRole.Window).lightness()
    text, other = (max(lights), min(lights)) if name == "dark" else (min(lights), max(lights))
    print(name, text, other, window)
    if abs(text - window) <= 100 or abs(other - window) > 25:  # text stands out; nothing else does
        sys.exit(1)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIGITPAD_DATA_DIR": str(tmp_path)}
    res = subprocess.run([sys.executable, "-c", script], env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


def test_help_lists_every_shortcut_and_says_numbers_can_be_written(window):
    """The help said "Draw one digit" and left out Enter, the digit keys and Ctrl+Q (a
    newcomer's find): every action with a shortcut must be found in it."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QTextBrowser

    from app.dialogs.about import HelpDialog

    text = HelpDialog(window).findChild(QTextBrowser, "helpText").toPlainText()
    names = {"Del": "Delete", "Return": "Enter", "Esc": "Esc"}
    missing = []
    for action in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()]
        keys = ["0-9" if k.isdigit() else names.get(k, k) for k in keys]
        if keys and not any(k in text for k in keys):
            missing.append((action.text(), keys))
    assert missing == []
    assert "number" in text and "One digit" not in text
