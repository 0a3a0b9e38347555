"""app.translations.fill: one pass over %1..%N, and the only way the app fills placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from app.translations import fill

APP = Path(__file__).resolve().parents[2] / "app"


def test_fills_each_placeholder_with_its_argument():
    assert fill("%1 could not be read: %2", "a.png", "bad header") == "a.png could not be read: bad header"


def test_an_argument_holding_a_placeholder_is_not_filled_again():
    # a file name or an error message may hold "%2": chained replace("%1")...replace("%2") filled it
    assert fill("%1 could not be read: %2", "report %2.png", "no") == "report %2.png could not be read: no"
    assert fill("%1 and %2", "%1", "%2") == "%1 and %2"


def test_a_translation_may_reorder_the_placeholders():
    assert fill("%2 的 %1", "digit", "model") == "model 的 digit"


def test_percent_signs_and_missing_arguments_are_left_alone():
    assert fill("%1% confident", "97") == "97% confident"
    assert fill("Epoch %1/%2: %p% (ETA %3)", 1, 3, "5 s") == "Epoch 1/3: %p% (ETA 5 s)"  # %p: QProgressBar's
    assert fill("%1 of %3", "a") == "a of %3"


def test_arguments_are_shown_with_str():
    assert fill("%1 px, %2", 14, 0.5) == "14 px, 0.5"


def test_no_module_of_the_app_fills_placeholders_with_replace():
    chained = re.compile(r"\.replace\(\s*[\"']%\d")
    offenders = [p.name for p in sorted(APP.rglob("*.py")) if chained.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
