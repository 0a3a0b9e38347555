"""The frozen executable's entry point: the same `digitpad` command as the console script."""

import sys

from app.entry import main

if __name__ == "__main__":
    sys.exit(main())
