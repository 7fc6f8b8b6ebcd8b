"""output/jsonindent.dumps must write exactly what json.dumps(..., ensure_ascii=False, indent=2) writes."""
from __future__ import annotations

import json
from collections.abc import Mapping

import pytest

from advisor import load_account
from advisor.output import jsonindent, render

from .conftest import AS_OF, FIXTURES

ODD = {"a": [1, 2.5, -0.0, None, True, False, {"x": []}], "b": {}, "nan": float("nan"), "inf": [float("-inf")],
       "tuple": (1, "2"), "int keys": {1: 2, "k": [{}]}, "text": "é\n\t\"\\\u2028\x00 中文", "deep": [[], [[1]], {"z": {}}],
       "big": 10 ** 30, "small": 1e-7}


class Texts(Mapping):  # like outcomes.LazyTexts: a Mapping json cannot write without ``default``
    def __getitem__(self, k):
        return {"en": "x", "zh": "中"}[k]

    def __iter__(self):
        return iter(("en", "zh"))

    def __len__(self):
        return 2


@pytest.mark.parametrize("value", [ODD, [], {}, "x", 3, None, [ODD, [ODD]]])
def test_same_bytes_as_json_on_odd_values(value):
    assert jsonindent.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_default_is_used_where_json_would_use_it():
    value = {"what": Texts(), "list": [Texts()]}
    assert jsonindent.dumps(value, default=dict) == json.dumps(value, ensure_ascii=False, indent=2, default=dict)
    with pytest.raises(TypeError):
        jsonindent.dumps(value)


def test_same_bytes_as_json_on_every_fixtures_advice(advisor):
    for path in sorted((FIXTURES / "accounts").glob("*.yaml")):
        advice = advisor.advise(load_account(path), as_of=AS_OF)
        for lang in ("en", "zh"):
            for n in (5, 0):
                data = render.as_dict(advice, lang, n) | {"file": path.name}
                assert jsonindent.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2), (path.name, lang, n)
