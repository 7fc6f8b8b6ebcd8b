"""Words that say where a clause stands in an objection: shared by the model's features and the readers."""
from __future__ import annotations

import re

# the main point of a conceding sentence follows its last contrast word ("the price is fine, but …",
# "便宜是便宜，就是售后跟不上"): the model gives the n-grams after it once more, marked (model.features), and the
# clause judge (second.py) weighs a clause after one as the point, a clause before one as often conceded
CONTRAST = re.compile(r"(?:(?<![\w'])(?:but|however|though|except|only thing is|the thing is|the problem is|"
                      r"the issue is|problem is|issue is)(?![\w'])|但是|但|不过|可是|就是|只是|可惜|问题是|关键是|主要是)")

# a clause that says it adds an objection ("功能也不全", "而且…", 且 in formal writing, "and on top of that", "…as well"): its own
# kind is meant as a second one (reader.signals gives such a clause's strong cue less to prove; second.py weighs it)
ALSO = re.compile(r"也|还有|而且|(?<![暂姑尚苟])且(?!慢)|另外|再说|况且|并且|再加上|(?<![\w'])(?:also|too|as well|either|anyway|besides|"
                  r"on top of that|plus|and even|what is more|not only)(?![\w'])")
