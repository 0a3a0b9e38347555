"""The main window: shortcuts, settings that persist, models, About, Evaluate, language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QSlider

from app.settings import Settings

from .helpers import draw, line, one


def test_key_widgets_have_object_names(window):
    for name, kind in [
        ("canvas", None),
        ("prediction", QLabel),
        ("probabilities", None),
        ("preview", None),
        ("penWidth", QSlider),
    ]:
        widget = window.findChild(kind or object, name)
        assert widget is not None, name


def test_keyboard_shortcuts_undo_redo_clear(window, qtbot):
    canvas = window.canvas
    draw(canvas, line((100, 100), (100, 250)))
    draw(canvas, line((150, 100), (150, 250)))
    canvas.setFocus()
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    assert len(window.ink.strokes) == 1
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+Z"))
    assert len(window.ink.strokes) == 2
    QTest.keyClick(window, Qt.Key.Key_Delete)
    assert window.ink.is_empty()
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    assert len(window.ink.strokes) == 2
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.ink.is_empty()
    assert not window.controls.clear.isEnabled() and not window.controls.save.isEnabled()


def test_pen_width_slider_sets_the_width_and_is_remembered(window, qtbot, predictor, settings):
    slider = window.findChild(QSlider, "penWidth")
    slider.setValue(25)
    draw(window.canvas, line((100, 100), (100, 250)))
    assert window.ink.finished_strokes[-1].width == 25
    window.resize(777, 555)
    window.close()  # saves geometry and settings
    from app.main import create_window

    again = create_window(predictor=predictor, settings=Settings())
    qtbot.addWidget(again)
    assert again.findChild(QSlider, "penWidth").value() == 25
    assert again.canvas.pen_width == 25
    assert (again.width(), again.height()) == (777, 555)


def test_settings_stay_in_the_test_data_folder(settings, user_data_dir):
    assert settings.q.format() == QSettings.Format.IniFormat
    assert Path(settings.q.fileName()).parent == user_data_dir


def test_qt_app_data_location_is_the_engine_user_folder(monkeypatch, tmp_path, qapp):
    from app.main import ensure_app
    from model.paths import user_data_dir

    ensure_app()
    monkeypatch.delenv("DIGITPAD_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    qt_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert Path(qt_dir) == user_data_dir()


def test_bad_checkpoint_keeps_the_current_model(window, tmp_path, dialogs, predictor):
    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"not a checkpoint")
    assert not window.load_model_file(str(bad))
    assert window.manager.predictor is predictor
    assert dialogs[-1][0] == "error" and "This file is not a DigitPad model" in dialogs[-1][2]  # the file: details
    assert predictor.arch in window.model_label.text()


def test_load_saved_model_then_reset(window, qtbot, predictor):
    from model.checkpoints.checkpoint import read_checkpoint

    path = window.manager.save_trained(read_checkpoint(predictor.path), predictor.arch)
    assert path.parent.name == "models" and path.is_file()
    window.controls.fill_saved_models()
    items = [a for a in window.controls.saved_menu.actions() if a.text().startswith(path.stem + " ")]
    assert items, "the saved model is listed in Model > Saved Models"
    items[0].trigger()
    assert window.manager.predictor.path == path and not window.manager.is_bundled()
    assert path.name in window.model_label.text()
    assert window.settings.model_path == str(path)
    window.controls.reset_model.trigger()
    assert window.manager.is_bundled() and window.settings.model_path == ""


def test_status_bar_names_the_model_and_its_accuracy(window, predictor):
    text = window.model_label.text()
    assert predictor.arch in text
    acc = predictor.metrics.get("test_accuracy")
    if acc is not None:
        assert f"{acc * 100:.2f}%" in text


def test_about_shows_the_active_models_card(window, qtbot):
    window.controls.about.trigger()
    about = window.findChild(object, "aboutDialog")
    assert about is not None and about.isVisible()
    card = about.findChild(object, "modelCard").toPlainText()
    assert window.manager.predictor.arch in card
    about.close()


def test_evaluate_dialog_reports_accuracy_and_mistakes(window, qtbot, mnist_mini, settings):
    settings.data_folder = str(mnist_mini)
    dialog = window.open_evaluate_dialog(start=False)
    with qtbot.waitSignal(dialog.evaluated, timeout=30000) as got:
        dialog.start()
    report = got.args[0]
    assert report.count == 300 and 0.8 < report.accuracy <= 1.0
    assert dialog.per_class.rowCount() == 10 and dialog.confusion.rowCount() == 10
    total = sum(int(dialog.confusion.item(r, c).text()) for r in range(10) for c in range(10))
    assert total == 300
    assert dialog.errors.count() == len(report.misclassified)
    assert f"{report.accuracy * 100:.2f}" in dialog.summary.text()


def test_evaluate_with_a_wrong_folder_is_a_message(window, qtbot, tmp_path, dialogs):
    dialog = window.open_evaluate_dialog(start=False)
    dialog.folder.setText(str(tmp_path / "nowhere"))
    with qtbot.waitSignal(dialog.evaluationFailed, timeout=10000):
        dialog.start()
    assert dialogs[-1][0] == "error" and "nowhere" in dialogs[-1][2]
    draw(window.canvas, one(window.canvas)[0])
    qtbot.waitUntil(lambda: window.panel.digit.text() == "1", timeout=3000)  # the app still works


def test_chinese_user_interface(qtbot, predictor, settings):
    from app.main import create_window
    from app.translations import install_translators

    settings.language = "zh_CN"
    try:
        win = create_window(predictor=predictor, settings=settings)
        qtbot.addWidget(win)
        titles = [m.title() for m in win.menuBar().findChildren(type(win.controls.saved_menu))]
        assert "文件(&F)" in titles and "模型(&M)" in titles
        assert win.controls.train.text() == "训练模型(&T)..."
        assert "画" in win.panel.confidence.text()  # the hint on the empty canvas
    finally:
        install_translators("en")


def test_switching_language_keeps_the_drawing(qtbot, predictor, settings):
    from app.main import create_window, switch_language
    from app.translations import install_translators

    window = create_window(predictor=predictor, settings=settings)  # deleted by the switch
    window.show()
    qtbot.waitExposed(window)
    draw(window.canvas, one(window.canvas)[0])
    try:
        new = switch_language(window, "zh_CN")
        qtbot.addWidget(new)
        assert new is not window and new.ink is window.ink and len(new.ink.strokes) == 1
        assert new.controls.undo.text() == "撤销笔画(&U)"
        assert settings.language == "zh_CN"
    finally:
        install_translators("en")


def test_a_missing_remembered_model_falls_back_to_the_bundled_one(qtbot, settings, tmp_path):
    from app.main import create_window

    settings.model_path = str(tmp_path / "deleted.pt")
    win = create_window(settings=settings)
    qtbot.addWidget(win)
    assert win.manager.is_bundled()
    assert "deleted.pt" in win.statusBar().currentMessage()
    assert settings.model_path == ""


def test_dropping_an_image_file_recognizes_it(window, qtbot, mnist_mini, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    from .test_recognition import write_mnist_png

    path, label = write_mnist_png(mnist_mini, tmp_path, index=2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = window.canvas.geometry().center()
    enter = QDragEnterEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.images.opened, timeout=20000):  # read off the GUI thread
        QApplication.sendEvent(window, drop)
    assert window.panel.digit.text() == str(label)
    assert path.name in window.panel.caption.text()


def test_the_evaluate_menu_starts_the_evaluation(window, qtbot, mnist_mini, settings):
    """Model > Evaluate starts at once (the action's checked=False once reached start=False)."""
    settings.data_folder = str(mnist_mini)
    window.controls.evaluate.trigger()
    dialog = window.evaluate_dialog
    assert dialog.is_running() and dialog.report is None  # its result arrives through the event loop
    assert dialog.progress.isVisible()  # a progress bar while it runs
    seen = []
    dialog.worker.progress.connect(seen.append)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    assert dialog.report.count == 300
    assert seen and seen[-1] == (300, 300)  # images done of the total, after every batch
    assert not dialog.progress.isVisible()  # gone with the result


def test_mouse_moves_queued_while_the_gui_thread_is_busy_are_all_delivered(window):
    """A newcomer drew "2024" while the model loaded and got "7024": Qt had merged the mouse
    moves queued during the loader's imports into one, so strokes became straight lines. The
    merging happens in Qt's X11 backend (not in the offscreen one the tests use), so this checks
    the setting; the strokes themselves were checked under Xvfb with xdotool."""
    from PySide6.QtCore import QCoreApplication, Qt

    from app.main import ensure_app

    ensure_app()
    assert not QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_CompressHighFrequencyEvents)


def test_switching_language_keeps_the_selected_digit_and_the_opened_image(
    qtbot, predictor, settings, mnist_mini, tmp_path
):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from app.main import create_window, switch_language
    from app.translations import install_translators

    from .test_number import number_label, write
    from .test_recognition import write_mnist_png

    window = create_window(predictor=predictor, settings=settings)  # deleted by the switch
    window.show()
    qtbot.waitExposed(window)
    write(window, "2024")
    qtbot.waitUntil(lambda: number_label(window).text() == "2024", timeout=5000)
    center = window.canvas.character_boxes[1].center().toPoint()
    QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(center))
    qtbot.waitUntil(lambda: window.panel.digit.text() == "0", timeout=3000)
    try:
        new = switch_language(window, "zh_CN")  # deleted by the next switch
        assert new.recognizer.selection == 1 and new.panel.digit.text() == "0"
        path, label = write_mnist_png(mnist_mini, tmp_path, index=3)
        new.open_image(str(path))
        qtbot.waitUntil(lambda: new.canvas.picture is not None, timeout=10000)
        again = switch_language(new, "en")
        qtbot.addWidget(again)
        assert again.canvas.picture is not None
        assert again.panel.digit.text() == str(label) and path.name in again.panel.caption.text()
    finally:
        install_translators("en")


def test_a_failed_evaluation_clears_the_last_results_and_names_only_the_test_files(
    window, qtbot, tmp_path, dialogs, mnist_mini
):
    dialog = window.open_evaluate_dialog(start=False)
    dialog.folder.setText(str(mnist_mini))
    with qtbot.waitSignal(dialog.evaluated, timeout=30000):
        dialog.start()
    assert dialog.per_class.rowCount() == 10
    train_only = tmp_path / "train-only"
    train_only.mkdir()
    for gz in mnist_mini.glob("train-*.gz"):
        (train_only / gz.name).write_bytes(gz.read_bytes())
    dialog.folder.setText(str(train_only))
    with qtbot.waitSignal(dialog.evaluationFailed, timeout=30000):
        dialog.start()
    text = dialogs[-1][2]
    assert "t10k-images-idx3-ubyte.gz" in text and "train-images" not in text, text
    assert dialog.per_class.rowCount() == 0 and dialog.errors.count() == 0 and dialog.report is None
    assert all(dialog.confusion.item(r, c) is None for r in range(10) for c in range(10))
