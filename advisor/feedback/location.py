"""Where the feedback store file is: ``ADVISOR_STORE``, else ``feedback.sqlite3`` in the user data dir.

Apart from store.py so that a command which only reads feedback can see there is no store yet
without importing the store (and sqlite3): ``advise`` on a machine with no feedback pays nothing
for it (issue 13's cold start).
"""
from __future__ import annotations

import os
from pathlib import Path


def default_path() -> Path:
    """ADVISOR_STORE, else feedback.sqlite3 in the user data dir."""
    env = os.environ.get("ADVISOR_STORE")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("advisor", appauthor=False)) / "feedback.sqlite3"
