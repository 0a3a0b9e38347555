"""The ink a person draws: a list of strokes with undo and redo. The source of truth.

A stroke is a tuple of (x, y, pressure) points in ink coordinates, y down: canvas
pixels at the size the canvas had when the first stroke was drawn (`space`). A canvas of
another size (the window was resized) shows the ink scaled to fit it, so the drawing
follows the window. The model knows nothing about painting; the canvas paints it and
the recognizer reads it (recognition ignores scale).
Undo and redo work per action: a finished stroke, an erased stroke, a clear, an opened
(or pasted, or dropped) image. An image is one step of the same history: the state is the
strokes plus the image shown instead of ink (opaque here: what the window needs to show it
again with its reading), so undo and redo move across it both ways, and opening one
clears the redo steps like a stroke does. Ink and an image are never shown together: a
stroke drawn over an image replaces it (undo shows it again).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

Point = tuple[float, float, float]
Stroke = tuple[Point, ...]
DEFAULT_PEN_WIDTH = 14  # px on the canvas, until the user moves the slider (app/settings.py remembers it)


class InkStroke(NamedTuple):
    points: Stroke
    width: float  # the pen width it was drawn with (display only; recognition ignores it)


class State(NamedTuple):
    """One moment of the history: the finished strokes, or an image shown instead."""

    strokes: list[InkStroke]
    image: object | None


class InkModel(QObject):
    """Emits inkChanged after every change, undoStateChanged when undo/redo availability may change."""

    inkChanged = Signal()
    undoStateChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[InkStroke] = []
        self._current: list[Point] | None = None  # the stroke being drawn
        self._current_width = float(DEFAULT_PEN_WIDTH)
        self._image: object | None = None  # the image shown instead of ink (only while there are no strokes)
        self._undo: list[State] = []  # snapshots before each action
        self._redo: list[State] = []
        self.space: tuple[float, float] | None = None  # (width, height) the coordinates refer to; set once

    # -- reading -------------------------------------------------------------
    @property
    def strokes(self) -> list[Stroke]:
        """Finished strokes plus the one in progress (so recognition is live)."""
        done = [s.points for s in self._strokes]
        return [*done, tuple(self._current)] if self._current else done

    @property
    def finished_strokes(self) -> list[InkStroke]:
        """The finished strokes with their widths; the list object changes on every edit."""
        return self._strokes

    @property
    def current_stroke(self) -> InkStroke | None:
        return InkStroke(tuple(self._current), self._current_width) if self._current else None

    @property
    def image(self) -> object | None:
        """The opened image shown instead of ink (what show_image() was given), else None."""
        return self._image

    def is_empty(self) -> bool:
        """No ink (an image may be shown: see `image`)."""
        return not self._strokes and not self._current

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- drawing -------------------------------------------------------------
    def begin_stroke(self, x: float, y: float, pressure: float = 1.0, width: float = DEFAULT_PEN_WIDTH) -> None:
        self._current = [(float(x), float(y), float(pressure))]
        self._current_width = float(width)
        self.inkChanged.emit()

    def extend_stroke(self, x: float, y: float, pressure: float = 1.0) -> None:
        if self._current is None:
            return
        point = (float(x), float(y), float(pressure))
        if point[:2] == self._current[-1][:2]:
            return  # no movement: nothing new to draw or recognize
        self._current.append(point)
        self.inkChanged.emit()

    def end_stroke(self, as_dot: bool = False) -> None:
        """Finish the stroke in progress; as_dot: keep only its first point (a tap whose pen
        wobbled a pixel or two is a dot, not a tiny line that recognition would blow up)."""
        if self._current is None:
            return
        points = self._current[:1] if as_dot else self._current
        stroke = InkStroke(tuple(points), self._current_width)
        self._current = None
        self._apply([*self._strokes, stroke])

    def cancel_stroke(self) -> None:
        if self._current is not None:
            self._current = None
            self.inkChanged.emit()

    # -- editing -------------------------------------------------------------
    def add_stroke(self, points: Sequence[Sequence[float]], width: float = DEFAULT_PEN_WIDTH) -> None:
        """Add a whole stroke at once (scripts, tests); points are (x, y[, pressure])."""
        stroke = tuple((float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 1.0) for p in points)
        if not stroke:
            raise ValueError("a stroke needs at least one point")
        self._apply([*self._strokes, InkStroke(stroke, float(width))])

    def remove_stroke(self, index: int) -> None:
        if not 0 <= index < len(self._strokes):
            raise ValueError(f"no stroke {index}; there are {len(self._strokes)}")
        self._apply(self._strokes[:index] + self._strokes[index + 1 :])

    def clear(self) -> None:
        """Remove the ink or the image shown (one undoable step; nothing if there is neither)."""
        self._current = None
        if self._strokes or self._image is not None:
            self._apply([])
        else:
            self.inkChanged.emit()

    def load_drawing(
        self, strokes: Sequence[Sequence[Sequence[float]]], widths: Sequence[float], space: tuple[float, float]
    ) -> None:
        """Replace the ink (or image) with a saved drawing's strokes: one undoable step.
        Points (x, y, pressure) are in `space`'s coordinates; they are kept as they are
        when this ink has no space yet or the same one, else scaled to fit it, centred
        (as the canvas shows ink drawn at another size). ValueError for a stroke without
        points or a count of widths that does not match."""
        if len(widths) != len(strokes) or any(len(s) == 0 for s in strokes):
            raise ValueError("every stroke needs points and a width")
        if self.space is None:
            self.space = (float(space[0]), float(space[1]))
        scale = min(self.space[0] / space[0], self.space[1] / space[1])
        dx, dy = (self.space[0] - space[0] * scale) / 2, (self.space[1] - space[1] * scale) / 2
        same = tuple(self.space) == tuple(space)
        ink = [
            InkStroke(
                tuple(
                    (float(p[0]), float(p[1]), float(p[2]))
                    if same
                    else (p[0] * scale + dx, p[1] * scale + dy, float(p[2]))
                    for p in stroke
                ),
                float(width) * (1.0 if same else scale),
            )
            for stroke, width in zip(strokes, widths)
        ]
        self._current = None
        self._apply(ink)

    def show_image(self, image: object) -> None:
        """Show an opened image instead of the ink: one undoable step, like a stroke."""
        self._current = None
        self._apply([], image)

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self._state())
            self._strokes, self._image = self._undo.pop()
            self._changed()

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self._state())
            self._strokes, self._image = self._redo.pop()
            self._changed()

    def _state(self) -> State:
        return State(self._strokes, self._image)

    def _apply(self, strokes: list[InkStroke], image: object | None = None) -> None:
        """A new step: ink (which replaces any image shown) or an image (without ink)."""
        self._undo.append(self._state())
        self._redo.clear()
        self._strokes, self._image = strokes, image
        self._changed()

    def _changed(self) -> None:
        self.inkChanged.emit()
        self.undoStateChanged.emit()
