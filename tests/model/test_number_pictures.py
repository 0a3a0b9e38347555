"""Numbers in pictures (Predictor.predict_number_image, `digitpad predict IMAGE --number`):
real pen digits of pendigits writers 1-20 drawn into images like scans (bench/number_eval.py
as_image), and hand-made digits touching their neighbours."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bench.number_eval import as_image
from cli.main import main as cli_main
from model.predictor import Predictor
from model.segmentation.blob_cuts import cut_paths, pieces
from model.segmentation.number_synth import by_writer, compose, make_numbers, read_pendigits
from model.segmentation.segment import segment
from tests.conftest import pendigits_path

from .number_shapes import number
from .test_number import ink_image

WRITERS = list(range(1, 21))  # the writers the image path's constants were chosen on


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.load()


@pytest.fixture(scope="module")
def pen_digits() -> dict:
    """pendigits writer -> label -> digits (../shared/data beside the checkout or its worktrees)."""
    path = pendigits_path()
    if path is None:
        pytest.skip("pendigits not found in ../shared/data")
    return by_writer(read_pendigits(path))


def read_all(predictor, numbers) -> list[str]:
    return [predictor.predict_number_image(as_image(n.strokes)).text for n in numbers]


def test_thin_strokes_are_brought_to_mnist_width(predictor, pen_digits):
    """Each writer's 1s and 7s in a picture drawn with a thin pen: each candidate goes through
    the single-digit picture path (width normalized); a thin 1 with a hook read as a 7."""
    rng = np.random.default_rng(3)
    numbers = []
    for w in WRITERS:
        ones, sevens = pen_digits[w]["1"], pen_digits[w]["7"]
        digits = [ones[0], sevens[0], ones[-1], ones[len(ones) // 2]]
        numbers.append(compose(digits, rng, late=False))
    got = read_all(predictor, numbers)
    right = sum(g == n.text for g, n in zip(got, numbers))
    assert right >= 18, list(zip([n.text for n in numbers], got))


def test_pen_digit_numbers_with_ordinary_spacing(predictor, pen_digits):
    numbers = make_numbers(pen_digits, WRITERS, 60, seed=41)
    got = read_all(predictor, numbers)
    count = sum(len(g) == len(n.text) for g, n in zip(got, numbers))
    whole = sum(g == n.text for g, n in zip(got, numbers))
    assert count >= 56 and whole >= 55, list(zip([n.text for n in numbers], got))


def test_pen_digit_numbers_with_touching_neighbours(predictor, pen_digits):
    numbers = make_numbers(pen_digits, WRITERS, 60, seed=42, touching=True)
    got = read_all(predictor, numbers)
    count = sum(len(g) == len(n.text) for g, n in zip(got, numbers))
    assert count >= 30, list(zip([n.text for n in numbers], got))


@pytest.mark.parametrize(("text", "gap"), [("5740", 0), ("2024", -4), ("6060", 10), ("232", 0)])
def test_hand_made_numbers_touching_or_close(predictor, text, gap):
    """Digits whose ink touches are one blob, cut where the recognizer says; a digit whose
    ink is one blob wider than the cut threshold stays one digit."""
    assert predictor.predict_number_image(ink_image(number(text, gap=gap))).text == text


def test_a_blob_is_cut_along_least_ink_paths_into_its_pieces():
    """Two rings joined by a short stroke (a ligature): one of the cuts crosses that stroke, and
    the pieces share out the blob's pixels; a blob no wider than a character is not cut."""
    yy, xx = np.mgrid[0:60, 0:120]
    ring = lambda cx: np.abs(np.hypot(xx - cx, yy - 30) - 25) <= 2.5  # noqa: E731
    both = ring(27) | ring(91) | ((np.abs(yy - 30) <= 2) & (xx > 50) & (xx < 68))  # joined at x 53..65
    cols = np.flatnonzero(both.any(axis=0))
    both = both[:, cols[0] : cols[-1] + 1]  # (60,119): the joining stroke at x 54..64
    paths = cut_paths(both, height=both.shape[0])
    assert any(54 <= int(path[30]) <= 64 for path in paths)
    parts = pieces(both, paths)
    assert len(parts) == len(paths) + 1
    assert (np.sum(parts, axis=0) == both).all()  # every pixel in exactly one piece
    one = both[:, :54]
    assert cut_paths(one, height=2 * one.shape[1]) == []


def test_picture_number_through_the_command_line(tmp_path, capsys, pen_digits):
    """`digitpad predict IMAGE --number` (the real entry point): a writer's pen digits drawn into
    a picture, hand-made digits whose ink touches, and one with a decimal point."""
    rng = np.random.default_rng(7)
    w = pen_digits[5]
    pen = compose([w["2"][0], w["0"][0], w["2"][1], w["4"][0]], rng, late=False)
    paths = [tmp_path / "2024.png", tmp_path / "5740.png", tmp_path / "pi.png"]
    as_image(pen.strokes).save(paths[0])
    ink_image(number("5740", gap=0)).save(paths[1])
    ink_image(number("3.14")).save(paths[2])
    assert cli_main(["predict", *map(str, paths), "--number"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [obj["number"] for obj in lines] == ["2024", "5740", "3.14"]
    for obj in lines:
        assert len(obj["characters"]) == len(obj["number"])
        lefts = [c["box"][0] for c in obj["characters"]]
        assert lefts == sorted(lefts)


def test_a_piece_cut_from_a_blob_is_never_a_decimal_point():
    """A small piece low on the line cut from a digit's blob (the end of a 2's tail) is part of
    that digit, even where the digit reads better without it: only a blob of its own is a point."""
    boxes = np.array([[0, 0, 50, 100], [50, 88, 62, 100], [80, 0, 130, 100]], float)  # 2, its tail's end, 3
    reads = {(0,): (2, 0.95), (0, 1): (2, 0.3), (1,): (1, 0.2), (2,): (3, 0.95), (1, 2): (3, 0.2)}

    def classify(groups):
        probs = np.full((len(groups), 10), 0.0, np.float32)
        for row, group in enumerate(groups):
            digit, p = reads.get(tuple(sorted(group)), (0, 0.1))
            probs[row] = (1 - p) / 9
            probs[row, digit] = p
        return list(range(len(groups))), probs

    apart = segment(boxes, classify)  # three blobs: the small one low on the line is a point
    assert [g.label for g in apart] == ["2", ".", "3"]
    cut = segment(boxes, classify, joined=frozenset({(0, 1)}))
    assert [g.label for g in cut] == ["2", "3"] and cut[0].atoms == (0, 1)


def test_keeping_pieces_of_one_blob_apart_costs():
    """Two halves that each read as well as the whole: as two blobs they are two digits, as two
    pieces cut from one blob they pay segment_path.CUT_COST to be kept apart, and stay one."""
    boxes = np.array([[0, 0, 40, 100], [40, 0, 80, 100]], float)

    def classify(groups):
        probs = np.full((len(groups), 10), 0.1 / 9, np.float32)
        probs[:, 0] = 0.9
        return list(range(len(groups))), probs

    assert len(segment(boxes, classify)) == 2
    assert [g.atoms for g in segment(boxes, classify, joined=frozenset({(0, 1)}))] == [(0, 1)]
