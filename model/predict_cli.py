"""`digitpad predict` (filled in by the predictor work)."""

from __future__ import annotations

import argparse


def add_predict_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("images", nargs="*")


def cmd_predict(args: argparse.Namespace) -> int:
    raise RuntimeError("predict is not implemented yet")
