"""Build the one-folder DigitPad bundle with PyInstaller and report its size.

    python packaging/build.py                 # -> dist/DigitPad/DigitPad
    python packaging/build.py --check         # ... then run `DigitPad --self-test`
    python packaging/build.py --dist /tmp/d --work /tmp/w

Needs the `package` extra (pip install -e ".[package]"), assets/digitnet.pt, and a C
compiler for the CUDA stubs (see packaging/cuda_stubs.py; without one the real CUDA
libraries are bundled). The spec is packaging/digitpad.spec.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "digitpad.spec"
NAME = "DigitPad"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def executable(dist: Path) -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return dist / NAME / f"{NAME}{suffix}"


def build(
    dist: Path,
    work: Path,
    clean: bool = False,
    real_cuda: bool = False,
    quiet: bool = False,
    timeout: float | None = None,
) -> Path:
    """Run PyInstaller; returns the path of the executable. Raises RuntimeError on failure."""
    if not (ROOT / "assets" / "digitnet.pt").is_file():
        raise RuntimeError("assets/digitnet.pt is missing: the bundle needs the bundled model")
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    if clean:
        cmd.insert(3, "--clean")
    if quiet:
        cmd[3:3] = ["--log-level", "WARN"]
    env = dict(os.environ)
    if real_cuda:
        env["DIGITPAD_REAL_CUDA"] = "1"
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"PyInstaller did not finish within {timeout:.0f} s") from None
    exe = executable(dist)
    if proc.returncode != 0 or not exe.exists():
        raise RuntimeError(f"PyInstaller failed (exit {proc.returncode}); see its output above")
    return exe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the DigitPad one-folder bundle.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--real-cuda", action="store_true", help="bundle the real CUDA libraries (about 1.8 GB more)")
    parser.add_argument("--quiet", action="store_true", help="show PyInstaller's warnings and errors only")
    parser.add_argument("--check", action="store_true", help="run `DigitPad --self-test` after the build")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        exe = build(args.dist.resolve(), args.work.resolve(), args.clean, args.real_cuda, args.quiet)
    except RuntimeError as exc:
        print(f"build: error: {exc}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - start
    size = folder_size(exe.parent)
    print(f"built {exe} in {seconds:.0f} s; bundle size {size / 2**20:,.0f} MiB")
    if args.check:
        start = time.perf_counter()
        code = subprocess.run([str(exe), "--self-test"]).returncode
        print(f"self-test exit {code} in {time.perf_counter() - start:.1f} s")
        return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
