"""Plain-text form of an ink evaluation (`digitpad evaluate --ink`)."""

from __future__ import annotations

from model.pen.ink_eval import UNKNOWN_WRITER, InkReport


def format_ink_report(r: InkReport, max_pairs: int = 15) -> str:
    """The report as plain text (English)."""
    lines = [
        f"inks: {r.source}" if r.source else "inks",
        f"accuracy: {r.accuracy:.2%} of {r.count}",
        _per_writer(r),
        "",
        "confusion pairs (true -> predicted: count)",
    ]
    for t, p, n in r.confusion_pairs[:max_pairs]:
        lines.append(f"  {t} -> {'nothing' if p is None else p}: {n}")
    if not r.confusion_pairs:
        lines.append("  none")
    elif len(r.confusion_pairs) > max_pairs:
        lines.append(f"  ... and {len(r.confusion_pairs) - max_pairs} more pairs (--json lists all)")
    return "\n".join(lines)


def _per_writer(r: InkReport) -> str:
    """The per-writer line; inks without a "writer" are "no writer" (not "?")."""
    if set(r.writers) <= {UNKNOWN_WRITER}:
        return 'per writer: no writer named (the inks have no "writer")'
    worst = "inks without a writer" if r.worst_writer == UNKNOWN_WRITER else r.worst_writer
    return f"per writer ({len(r.writers)}): mean {r.writer_mean:.2%}, worst {r.writer_worst:.2%} ({worst})"
