"""Help > DigitPad Help (F1): how to use it and the shortcuts. Help > About: version,
license, project link, and the ACTIVE model's card in plain words."""

from __future__ import annotations

import datetime as _dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from ..translations import fill

PACKAGE = "digitpad"


def package_facts() -> dict[str, str]:
    """version, license and project link from the installed package's metadata ("" if unknown)."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata(PACKAGE)
    except PackageNotFoundError:
        return {"version": "", "license": "", "link": ""}
    link = meta.get("Home-page") or ""
    for entry in meta.get_all("Project-URL") or []:
        link = link or entry.split(",", 1)[-1].strip()
    license_ = meta.get("License-Expression") or meta.get("License") or ""
    return {"version": meta.get("Version") or "", "license": license_, "link": link}


def _browser(name: str) -> QTextBrowser:
    """A text view that wraps everything (even long paths): never a horizontal scrollbar."""
    view = QTextBrowser(objectName=name)
    view.setOpenExternalLinks(True)
    view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class HelpDialog(QDialog):
    """How to use DigitPad and its shortcuts (F1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Help"))  # Qt adds " — DigitPad" (the display name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = _browser("helpText")
        text.setMarkdown(
            self.tr(
                "# DigitPad\n\n"
                "Draw a digit or a whole number and watch a neural network read it as you write.\n\n"
                "## How to use\n\n"
                "- Draw a digit (0-9) or a number (2024, 3.14, -5) on the canvas with the mouse, "
                "a pen or a tablet, left to right on one line.\n"
                "- The number appears large above the chart; click a digit on the canvas to see how "
                "sure the model is, all ten probabilities, and the 28 x 28 image it actually sees.\n"
                "- Open, drop or paste an image of a digit or a number to recognize it.\n"
                "- Teach DigitPad your handwriting: press Enter to keep a drawing as an example of the "
                "digit it was read as, or the digit's key (0-9) when it was read wrong; then "
                "Model > Adapt to My Handwriting.\n"
                "- Train your own model with Model > Train Model, and compare it with Model > Evaluate.\n\n"
                "## Shortcuts\n\n"
                "| Keys | Action |\n|---|---|\n"
                "| Ctrl+Z / Ctrl+Shift+Z | Undo / redo a stroke |\n"
                "| Delete or Esc | Clear the canvas |\n"
                "| P / E | Pen / eraser (right-drag also erases) |\n"
                "| Enter / 0-9 | Keep the drawing as an example (of the digit read / of that digit) |\n"
                "| Ctrl+O / Ctrl+V | Open / paste an image |\n"
                "| Left / Right | Select the previous / next digit of a number |\n"
                "| Ctrl+C | Copy the recognized number |\n"
                "| Ctrl+S | Save the drawing as PNG |\n"
                "| Ctrl+T | Train a model |\n"
                "| F1 | This help |\n"
                "| Ctrl+Q | Quit |\n"
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(540, 500)


class AboutDialog(QDialog):
    """About DigitPad (version, license, link) and the active model's card."""

    def __init__(self, predictor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About"))  # Qt adds " — DigitPad" (the display name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        about = _browser("aboutText")
        about.setHtml(self.about_html())
        card = _browser("modelCard")
        card.setHtml(self.model_card_html(predictor))
        self.tabs = QTabWidget()
        self.tabs.addTab(about, self.tr("About"))
        self.tabs.addTab(card, self.tr("Model Card"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(520, 460)

    def about_html(self) -> str:
        facts = package_facts()
        rows = [
            f"<h2>DigitPad {escape(facts['version'])}</h2>",
            "<p>" + escape(self.tr("Draw a digit and watch a neural network read it as you write.")) + "</p>",
        ]
        if facts["license"]:
            rows.append("<p>" + escape(fill(self.tr("License: %1"), facts["license"])) + "</p>")
        if facts["link"]:
            link = escape(facts["link"], quote=True)
            rows.append("<p>" + escape(self.tr("Project:")) + f' <a href="{link}">{link}</a></p>')
        rows.append("<p>" + escape(self.tr("Made with PySide6 (Qt) and PyTorch.")) + "</p>")
        return "\n".join(rows)

    def model_card_html(self, predictor) -> str:
        """The active model's facts, read from its checkpoint, as short sentences."""
        if predictor is None:
            return "<p>" + escape(self.tr("The model is still loading.")) + "</p>"
        items = [escape(line) for line in self.model_facts(predictor)]
        title = escape(fill(self.tr("Active model: %1"), predictor.arch))
        return f"<h2>{title}</h2><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"

    def model_facts(self, predictor) -> list[str]:
        """Plain-words lines about a loaded model: accuracy, data, training, size, date, file."""
        raw = getattr(predictor.loaded, "raw", {}) or {}
        metrics = predictor.metrics or {}
        lines = self._test_facts(metrics) + self._training_facts(metrics, raw.get("train") or {})
        try:
            from model.nets import count_parameters

            lines.append(fill(self.tr("Size: %1 parameters"), f"{count_parameters(predictor.loaded.model):,}"))
        except Exception:  # only a fact less
            pass
        return lines + self._origin_facts(raw.get("created"), predictor.path)

    def _test_facts(self, metrics: dict) -> list[str]:
        """The test accuracy (on how many digits) and the test loss, where the checkpoint has them."""
        lines = []
        acc, size = metrics.get("test_accuracy"), metrics.get("test_size")
        if isinstance(acc, (int, float)):
            line = fill(self.tr("Test accuracy: %1%"), f"{acc * 100:.2f}")
            if isinstance(size, int):
                line += " " + fill(self.tr("on %1 test digits it never saw in training"), f"{size:,}")
            lines.append(line)
        if isinstance(metrics.get("test_loss"), (int, float)):
            lines.append(fill(self.tr("Test loss: %1"), f"{metrics['test_loss']:.4f}"))
        return lines

    def _training_facts(self, metrics: dict, train: dict) -> list[str]:
        """How many images it learned from, the training settings, how long it took on what."""
        cfg = train.get("config") or {}
        lines = []
        if metrics.get("train_size"):
            lines.append(fill(self.tr("Trained on %1 images"), f"{int(metrics['train_size']):,}"))
        if cfg.get("epochs"):
            lines.append(
                fill(
                    self.tr("Training: %1 epochs, batch size %2, optimizer %3, learning rate %4, augmentation %5"),
                    str(train.get("epoch", cfg["epochs"])),
                    str(cfg.get("batch_size", "?")),
                    str(cfg.get("optimizer", "?")),
                    str(cfg.get("lr", "?")),
                    self.tr("on") if cfg.get("augment") else self.tr("off"),
                )
            )
        if isinstance(train.get("seconds"), (int, float)):
            minutes = train["seconds"] / 60
            shown = f"{minutes:.0f}" if minutes >= 1 else f"{minutes:.1f}"
            lines.append(fill(self.tr("Training time: %1 min on %2"), shown, str(train.get("device", "?"))))
        return lines

    def _origin_facts(self, created, path) -> list[str]:
        """When the model was made (local time) and which file it is (or the bundled one)."""
        from model.paths import bundled_model_path

        lines = []
        if created:
            try:
                created = _dt.datetime.fromisoformat(str(created)).astimezone().strftime("%Y-%m-%d %H:%M")
            except ValueError:
                pass
            lines.append(fill(self.tr("Created: %1"), str(created)))
        if path is None or str(path) == str(bundled_model_path()):
            lines.append(self.tr("File: the model that ships with DigitPad"))
        else:
            lines.append(fill(self.tr("File: %1"), str(path)))
        return lines
