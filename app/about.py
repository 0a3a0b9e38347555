"""Help > About: how to use DigitPad, the shortcuts, and the active model's card."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from model.paths import asset_path

MODEL_CARD = "MODEL_CARD.md"


def model_card_markdown(predictor) -> str:
    """assets/MODEL_CARD.md if it ships, plus the active checkpoint's own metrics."""
    parts = []
    try:
        card = asset_path(MODEL_CARD)
        if card.is_file():
            parts.append(card.read_text(encoding="utf-8"))
    except (OSError, ModuleNotFoundError):
        pass
    metrics = json.dumps(predictor.metrics, indent=2, default=str)
    parts.append(f"## Active model\n\n- architecture: `{predictor.arch}`\n- file: `{predictor.path}`\n\n"
                 f"```\n{metrics}\n```\n")
    return "\n\n".join(parts)


class AboutDialog(QDialog):
    def __init__(self, predictor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About DigitPad"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        about = QTextBrowser(objectName="aboutText")
        about.setOpenExternalLinks(True)
        about.setMarkdown(self.tr(
            "# DigitPad\n\n"
            "Draw a digit and watch a neural network read it as you write.\n\n"
            "## How to use\n\n"
            "- Draw one digit (0-9) on the canvas with the mouse, a pen or a tablet.\n"
            "- The panel shows the digit the model recognizes, how sure it is, all ten "
            "probabilities, and the 28 x 28 image the model actually sees.\n"
            "- Open, drop or paste an image of a digit to recognize it.\n"
            "- Train your own model with Model > Train Model, and compare it with Model > Evaluate.\n\n"
            "## Shortcuts\n\n"
            "| Keys | Action |\n|---|---|\n"
            "| Ctrl+Z / Ctrl+Shift+Z | Undo / redo a stroke |\n"
            "| Delete or Esc | Clear the canvas |\n"
            "| P / E | Pen / eraser (right-drag also erases) |\n"
            "| Ctrl+O / Ctrl+V | Open / paste an image |\n"
            "| Ctrl+S | Save the drawing as PNG |\n"
            "| Ctrl+T | Train a model |\n"
            "| F1 | This help |\n"))
        card = QTextBrowser(objectName="modelCard")
        card.setMarkdown(model_card_markdown(predictor))
        tabs = QTabWidget()
        tabs.addTab(about, self.tr("About"))
        tabs.addTab(card, self.tr("Model Card"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(560, 520)
