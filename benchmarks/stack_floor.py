"""The cold-start floor of the fixed stack: what any `advise` pays before advisor's own code runs.

    python benchmarks/stack_floor.py        # time it as a whole process, beside `advisor advise FIXTURE`

Imports click and PyYAML (with libyaml), defines one small pydantic model the way advisor's
models are defined (extra fields forbidden) and validates one value. benchmarks/results.md
compares `advisor advise` with this process in alternating pairs (issue 13: ≤ 250 ms).
"""
import click  # noqa: F401
import yaml  # noqa: F401
from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")
    x: int
    y: list[str] = []


Model(x=1, y=["a"])
