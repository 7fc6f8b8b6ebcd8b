"""Whether output may carry styles (bold, italics, colour): only for a person at a terminal who has
not asked for none. ``NO_COLOR`` (https://no-color.org: any non-empty value) and ``TERM=dumb`` turn
every style off, not only colour (issue 20: `plan` still printed bold and italics under NO_COLOR);
output to a pipe or a file never has any."""
from __future__ import annotations

import os
from typing import TextIO


def wants_styles(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
