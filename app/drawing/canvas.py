"""The drawing canvas: mouse, pen and tablet input into an InkModel, painted smoothly.

The canvas holds no ink of its own: it turns input events into InkModel calls and
paints what the model holds, through the pure painting and hit-testing functions of
app/drawing/ink_painting.py (smooth strokes, guide, outlines). A tablet's pressure scales the
width; its eraser end (or the eraser tool) removes whole strokes. When the ink reads as several characters, each one's box is outlined
lightly (the selected digit a little stronger); a tap on a digit selects it
(characterTapped) instead of leaving a dot, and Ctrl+C asks to copy the number. The
mouse, pen and tablet input is handled in app/drawing/canvas_input.py (a mixin of the canvas).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter, QPalette, QPixmap, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..prediction.charts import paint_focus_frame
from ..translations import fill
from . import ink_painting as draw
from .canvas_input import CanvasInput
from .ink_model import DEFAULT_PEN_WIDTH, InkModel
from .ink_painting import BOX_MARGIN

MIN_PEN_WIDTH, MAX_PEN_WIDTH = 4, 40
FOCUS_FRAME_WIDTH = 3.0  # px: the keyboard focus is shown around the canvas


class InkCanvas(CanvasInput, QWidget):
    """Paints an InkModel and feeds it input. Emits toolChanged(str) ("pen" or "eraser"),
    characterTapped(x, y) when a tap lands on a digit's box, copyRequested() on Ctrl+C,
    digitStepRequested(-1 | 1) on the Left and Right keys (the previous / next digit)."""

    toolChanged = Signal(str)
    characterTapped = Signal(float, float)
    copyRequested = Signal()
    digitStepRequested = Signal(int)

    def __init__(self, ink: InkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.ink = ink
        self._pen_width = float(DEFAULT_PEN_WIDTH)
        self._tool = "pen"
        self._erasing = False
        self._cache: QPixmap | None = None
        self._cached_strokes: object = None
        self._cached_picture = False  # whether the cache was painted for an opened picture (no guide)
        self._picture: QImage | None = None  # an opened image, shown until the next stroke
        self._boxes: list[tuple[QRectF, bool]] = []  # per character: box, is a digit
        self._selected = -1
        self._press_pos: QPointF | None = None  # where the current pen stroke started, while it is a tap
        self._picture_press: float | None = None  # the pressure of a press on an opened image, until it drags
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(self.tr("Draw a digit or a whole number here with the mouse, a pen or a tablet"))
        self.setAccessibleName(self.tr("Drawing canvas"))
        copy = QAction(self.tr("Copy Number"), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copyRequested)
        self.addAction(copy)
        for text, key, step in (
            (self.tr("Previous Digit"), Qt.Key.Key_Left, -1),
            (self.tr("Next Digit"), Qt.Key.Key_Right, 1),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, s=step: self.digitStepRequested.emit(s))
            self.addAction(action)
        ink.inkChanged.connect(self._drop_picture_under_ink)
        ink.inkChanged.connect(self.update)
        ink.inkChanged.connect(self._describe)
        self._describe()

    def _describe(self) -> None:
        """The canvas's state for a screen reader (its accessible description)."""
        count = len(self.ink.finished_strokes)
        if count:
            text = fill(self.tr("%1 strokes drawn"), count)
        else:
            text = self.tr("Empty: draw a digit or a number with the mouse, a pen or a tablet")
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def sizeHint(self) -> QSize:
        return QSize(760, 420)  # an 8-digit number fits at a comfortable size

    # -- characters ----------------------------------------------------------
    def set_characters(self, boxes, selected: int = -1) -> None:
        """boxes: per character (x0, y0, x1, y1, is_digit) in canvas px; outlined only
        when there is more than one character. selected: index drawn stronger, -1 none."""
        self._boxes = [(QRectF(x0, y0, x1 - x0, y1 - y0), digit) for x0, y0, x1, y1, digit in boxes]
        self._selected = selected
        self.update()

    def set_selected(self, index: int) -> None:
        self._selected = index
        self.update()

    @property
    def character_boxes(self) -> list[QRectF]:
        """Each character's box in widget pixels (the ink's or the opened picture's boxes,
        scaled to the canvas)."""
        transform = self.box_transform()
        return [transform.mapRect(box) for box, _ in self._boxes]

    def box_transform(self) -> QTransform:
        """The characters' boxes -> widget pixels: a number read from an opened picture has
        its boxes in the picture's pixels, one read from the ink in ink coordinates."""
        if self._picture is not None:
            return draw.picture_transform(self.rect(), self._picture.size())
        return self.ink_transform()

    def _box_margin(self, outline: bool = True) -> float:
        """How far (widget px) the outlines (outline) or a tap that selects (not outline) reach
        outside the boxes. The ink's boxes hold the pen's path: its outlines add half the
        pen, its taps do not (a tap just beside a digit's ink is a decimal point). A
        picture's boxes hold its ink, and a tap on a picture never leaves a point."""
        if self._picture is not None:
            return BOX_MARGIN
        pen = self._pen_width / 2 if outline else 0.0
        return (BOX_MARGIN + pen) * self._ink_scale()

    def tapped_digit(self, pos: QPointF) -> QPointF | None:
        """A tap at pos (widget px) on a digit's box -> the point of that box nearest to it,
        in the boxes' coordinates (what characterTapped carries); None off every digit."""
        transform = self.box_transform()
        shown = [(transform.mapRect(box), digit) for box, digit in self._boxes]
        index = draw.digit_index_at(shown, pos, self._box_margin(outline=False))
        if index < 0:
            return None
        box, at = self._boxes[index][0], transform.inverted()[0].map(pos)
        return QPointF(min(max(at.x(), box.left()), box.right()), min(max(at.y(), box.top()), box.bottom()))

    # -- ink coordinates -------------------------------------------------------
    def ink_transform(self) -> QTransform:
        """Ink coordinates -> widget pixels: the ink's space scaled to fit the canvas, centred
        (identity while the canvas keeps the size it had when the ink began)."""
        space = self.ink.space
        if space is None:
            return QTransform()
        scale = min(self.width() / space[0], self.height() / space[1])
        dx, dy = (self.width() - space[0] * scale) / 2, (self.height() - space[1] * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def _to_ink(self, pos: QPointF) -> QPointF:
        if self.ink.space is None:
            self.ink.space = (float(max(self.width(), 1)), float(max(self.height(), 1)))
        return self.ink_transform().inverted()[0].map(pos)

    def _ink_scale(self) -> float:
        return self.ink_transform().m11()

    # -- tools ---------------------------------------------------------------
    @property
    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        self._pen_width = float(min(max(width, MIN_PEN_WIDTH), MAX_PEN_WIDTH))

    @property
    def tool(self) -> str:
        return self._tool

    def set_tool(self, tool: str) -> None:
        if tool not in ("pen", "eraser"):
            raise ValueError(f"unknown tool {tool!r}; use 'pen' or 'eraser'")
        if tool != self._tool:
            self._tool = tool
            shape = Qt.CursorShape.PointingHandCursor if tool == "eraser" else Qt.CursorShape.CrossCursor
            self.setCursor(shape)
            self.toolChanged.emit(tool)

    def set_picture(self, image: QImage | None) -> None:
        """Show an opened image (display only) while the canvas has no ink."""
        self._picture = None if image is None or image.isNull() else image
        self._boxes = []  # the boxes of what was shown before: the reading of what is shown sets them
        self.update()

    @property
    def picture(self) -> QImage | None:
        return self._picture

    def _drop_picture_under_ink(self) -> None:
        """Ink on the canvas (a stroke, an undo bringing strokes back) ends the opened image's
        turn for good: the recognizer reads the ink from then on, so a redo that empties the
        canvas must not show the image again without its reading (a newcomer's find)."""
        if self._picture is not None and not self.ink.is_empty():
            self._picture, self._boxes = None, []

    # -- painting (app/drawing/ink_painting.py) ----------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._finished_pixmap())
        pal = self.palette()
        if self.ink.is_empty() and self._picture is not None:
            draw.paint_picture(painter, self.rect(), self._picture)
        elif self.ink.is_empty():
            hint = self.tr("Draw a digit or a number here")
            draw.paint_hint(painter, self.rect(), pal.color(QPalette.ColorRole.PlaceholderText), hint)
        current = self.ink.current_stroke
        if current:
            painter.save()
            painter.setTransform(self.ink_transform())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw.paint_stroke(painter, current, pal.color(QPalette.ColorRole.Text))
            painter.restore()
        if len(self._boxes) > 1:
            shown = list(zip(self.character_boxes, (digit for _, digit in self._boxes), strict=True))
            color = pal.color(QPalette.ColorRole.Highlight)
            draw.paint_character_boxes(painter, shown, self._selected, self._box_margin(), color)
        paint_focus_frame(self, painter, FOCUS_FRAME_WIDTH)
        painter.end()

    def _finished_pixmap(self) -> QPixmap:
        """Finished strokes on the background and guide, redrawn only when they or the size change."""
        dpr = self.devicePixelRatioF()
        size = self.size() * dpr
        strokes = self.ink.finished_strokes
        picture = self._picture is not None  # the guide is for drawing: not behind an opened picture
        stale = self._cache is None or self._cache.size() != size or self._cached_strokes is not strokes
        if stale or self._cached_picture != picture:
            pal = self.palette()
            guide = pal.color(QPalette.ColorRole.PlaceholderText)
            self._cache = draw.ink_pixmap(
                size,
                dpr,
                pal.color(QPalette.ColorRole.Base),
                strokes,
                pal.color(QPalette.ColorRole.Text),
                self.ink_transform(),
                underlay=None if picture else (lambda p: draw.paint_guide(p, self.width(), self.height(), guide)),
            )
            self._cached_strokes, self._cached_picture = strokes, picture
        return self._cache

    def changeEvent(self, event) -> None:
        self._cache = None  # palette (light/dark theme) may have changed
        super().changeEvent(event)

    def grab_ink_image(self) -> QImage:
        """The drawing without the guide or hint, for saving as PNG: 8-bit grey, black ink
        on white, in the canvas's device pixels. It carries its strokes (the text
        INK_KEY, model/pictures/drawing_file.py): opening the saved file reads the ink, as
        the canvas did, and gives the strokes back to edit."""
        from model.pictures.drawing_file import INK_KEY, ink_text  # Pillow: not on the start path

        dpr = self.devicePixelRatioF()
        black = QColor(Qt.GlobalColor.black)
        white = QColor(Qt.GlobalColor.white)
        transform = self.ink_transform()  # ink px -> widget px: a zoom, then a shift
        strokes = self.ink.finished_strokes
        pixmap = draw.ink_pixmap(self.size() * dpr, dpr, white, strokes, black, transform)
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        if strokes:
            # points from the picture's top-left corner, in ink px: the identity while the
            # canvas keeps the size it had when the ink began (the reading stays exact)
            zoom, dx, dy = transform.m11(), transform.dx(), transform.dy()
            points = [[(x + dx / zoom, y + dy / zoom, p) for x, y, p in s.points] for s in strokes]
            size = (image.width(), image.height())
            text = ink_text(points, [s.width for s in strokes], zoom * dpr, draw.gray_bytes(image), size)
            if text is not None:  # None: too long to store; the file is a picture only
                image.setText(INK_KEY, text)
        return image
