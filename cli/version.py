"""The package's version, for `digitpad --version` and the app's About box; imports neither torch nor Qt."""

from __future__ import annotations


def package_version() -> str:
    """The installed digitpad package's version, "unknown" when running from a bare checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("digitpad")
    except PackageNotFoundError:
        return "unknown"
