"""The `advisor` command's entry point (also `python -m advisor`).

`advisor --version` is answered here, before click is imported: click and the command
definitions cost ~50 ms, as much as the interpreter's own start (issue 13: ≤ 100 ms). The text
is what click's version option prints for it; tests/test_fast_start.py holds the two equal.
Everything else goes to the click CLI.
"""
from __future__ import annotations

import os
import sys

VERSION_FLAGS = (["--version"], ["-V"])


def main():
    if sys.argv[1:] in VERSION_FLAGS and "_ADVISOR_COMPLETE" not in os.environ:
        from . import __version__

        sys.stdout.write(f"advisor, version {__version__}\n")
        return 0
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
