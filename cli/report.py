"""Plain-text formatting of an evaluation report for the command line."""

from __future__ import annotations

from model.training.evaluate import EvalReport


def format_report(report: EvalReport, max_errors: int = 20) -> str:
    """The evaluation report as plain text (English): accuracy, per-class table, confusion matrix, mistakes."""
    lines = [f"data: {report.data}", f"accuracy: {report.accuracy:.4%} of {report.count}   loss: {report.loss:.4f}", ""]
    lines.append("digit  precision  recall     f1  support")
    for c in report.per_class:
        lines.append(f"{c.digit:>5}  {c.precision:9.4f}  {c.recall:6.4f}  {c.f1:5.4f}  {c.support:7d}")
    lines += ["", "confusion (rows: true, columns: predicted)", "      " + "".join(f"{d:>6}" for d in range(10))]
    for d, row in enumerate(report.confusion):
        lines.append(f"{d:>6}" + "".join(f"{v:>6}" for v in row))
    lines += ["", f"misclassified: {len(report.misclassified)}"]
    for m in report.misclassified[:max_errors]:
        lines.append(f"  {m.source}: true {m.true}, predicted {m.predicted} ({m.confidence:.0%})")
    if len(report.misclassified) > max_errors:
        lines.append(f"  ... and {len(report.misclassified) - max_errors} more (--json lists all)")
    return "\n".join(lines)
