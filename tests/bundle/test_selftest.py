"""`DigitPad --self-test` from source: it passes on a good install and fails loudly on a bad one."""

from __future__ import annotations

import json
import shutil

import pytest

from app import selftest
from model.paths import asset_path


def test_self_test_passes_from_source(capsys):
    assert selftest.main([]) == 0
    out = capsys.readouterr().out
    assert f"self-test passed: {len(selftest.CHECKS)} of {len(selftest.CHECKS)} checks" in out
    assert "FAIL" not in out


def test_a_misread_sample_ink_fails_the_self_test(monkeypatch, tmp_path, capsys):
    samples = asset_path("samples")
    lines = (samples / "inks.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["label"] = str((int(first["label"]) + 1) % 10)  # a wrong label
    (tmp_path / "inks.jsonl").write_text("\n".join([json.dumps(first), *lines[1:]]), encoding="utf-8")
    shutil.copytree(samples / "images", tmp_path / "images")
    shutil.copytree(samples / "mnist-mini", tmp_path / "mnist-mini")
    monkeypatch.setattr(selftest, "_samples", lambda name: tmp_path / name)

    assert selftest.main([]) == 1
    out = capsys.readouterr().out
    assert f"FAIL  sample inks: 1 of {len(lines)} inks misread: 0: expected {first['label']}" in out
    assert "self-test FAILED" in out


def test_missing_samples_are_named(monkeypatch, tmp_path):
    monkeypatch.setattr("model.paths.asset_path", lambda name: tmp_path / name)
    with pytest.raises(selftest.CheckFailed, match="inks.jsonl"):
        selftest._samples("inks.jsonl")
