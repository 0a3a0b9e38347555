"""Model > Evaluate: the confusion matrix's ten equal columns and axis titles, and every
text the dialog shows in the user's language, engine failures included (issue 17)."""

from __future__ import annotations

import gzip

import pytest
from PySide6.QtWidgets import QTabWidget


def _show_confusion(dialog, qtbot):
    tabs = dialog.findChild(QTabWidget)
    tabs.setCurrentIndex(1)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)


def test_the_tables_have_equal_columns_and_the_confusion_matrix_axis_titles(window, qtbot, mnist_mini, settings):
    settings.data_folder = str(mnist_mini)
    dialog = window.open_evaluate_dialog(start=False)
    with qtbot.waitSignal(dialog.evaluated, timeout=30000):
        dialog.start()
    _show_confusion(dialog, qtbot)
    for size in ((900, 600), (560, 420), (1300, 800)):
        dialog.resize(*size)
        qtbot.wait(20)
        for table in (dialog.confusion, dialog.per_class):
            widths = [table.columnWidth(c) for c in range(table.columnCount())]
            assert max(widths) - min(widths) <= 1, (size, table.objectName(), widths)  # the last one took 5x
    assert dialog.predicted_title.isVisible() and "Predicted" in dialog.predicted_title.text()
    assert dialog.true_title.isVisible() and "True" in dialog.true_title.text()
    above = dialog.predicted_title.geometry().bottom() <= dialog.confusion.geometry().top()
    left = dialog.true_title.geometry().right() <= dialog.confusion.geometry().left()
    assert above and left


def _bad_folders(tmp_path):
    """Folders the engine fails on, each in a different way."""
    missing = tmp_path / "nowhere"
    empty = tmp_path / "empty"
    empty.mkdir()
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for name in (
        "train-images-idx3-ubyte",
        "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte",
    ):
        with gzip.open(damaged / f"{name}.gz", "wb") as f:
            f.write(b"\0\0\x08\x03not an image file")
    return [missing, empty, damaged]


def _has_latin_words(text: str, allowed: tuple[str, ...]) -> list[str]:
    """Latin words of three letters or more left in a text: English that was not translated
    (allowed words and file names, with a "/", "." or "-", aside)."""
    for a in allowed:
        text = text.replace(a, "")
    words = [w for w in text.replace("\n", " ").split() if not any(c in w for c in "/.-")]
    return [w for w in words if sum(c.isascii() and c.isalpha() for c in w) >= 3]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_evaluation_failures_are_in_the_users_language(qtbot, predictor, settings, tmp_path, dialogs, language):
    from app.main import create_window
    from app.translations import install_translators

    settings.language = language
    try:
        window = create_window(predictor=predictor, settings=settings)
        qtbot.addWidget(window)
        for folder in _bad_folders(tmp_path):
            dialog = window.open_evaluate_dialog(start=False)
            dialog.folder.setText(str(folder))
            with qtbot.waitSignal(dialog.evaluationFailed, timeout=30000):
                dialog.start()
            kind, title, text = dialogs[-1]
            assert kind == "error" and str(folder) in text
            if language == "zh_CN":
                assert _has_latin_words(title + text + dialog.summary.text(), (str(folder), "MNIST")) == []
            dialog.close()
    finally:
        install_translators("en")


def test_the_report_names_its_data_in_the_users_language(qtbot, predictor, settings, mnist_mini):
    from app.main import create_window
    from app.translations import install_translators

    settings.language = "zh_CN"
    settings.data_folder = str(mnist_mini)
    try:
        window = create_window(predictor=predictor, settings=settings)
        qtbot.addWidget(window)
        dialog = window.open_evaluate_dialog(start=False)
        with qtbot.waitSignal(dialog.evaluated, timeout=30000):
            dialog.start()
        summary = dialog.summary.text()
        assert _has_latin_words(summary, (str(mnist_mini), "MNIST", predictor.arch)) == [], summary
    finally:
        install_translators("en")


def test_the_training_report_is_in_the_users_language(qtbot, predictor, mnist_mini):
    """The Train dialog's report was the command line's English text (a newcomer's find)."""
    from app.engine_text import report_text
    from app.translations import install_translators
    from model.training.data import load_data

    report = predictor.evaluate(load_data(mnist_mini, "test"))
    try:
        install_translators("zh_CN")
        text = report_text(report)
        assert _has_latin_words(text, (str(mnist_mini), "MNIST", "F1")) == [], text
        assert "准确率" in text and "混淆矩阵" in text
    finally:
        install_translators("en")
    assert report_text(report).startswith("Data: MNIST test set")
