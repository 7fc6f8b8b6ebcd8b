"""Does a later note say the promised thing has still not arrived? (session 9, blind account b-zh09.)

promises.py reads a later visit to the person a step was promised to as the rep going back with it: followed up.
But the later "visit" is often the buyer chasing it — a LINE message or a call "昨天說好要給的報價，還沒收到耶",
"we still haven't received the quote" — and then the promise is open and overdue, the most urgent thing on the
account, not kept. A note that says so in the buyer's or the rep's words keeps the step open; so does one where the
buyer chases it ("Any news?", "where's the quote?", "又来催了").
"""
from __future__ import annotations

import re
from typing import Optional

# "not received / still waiting / haven't got it", 还没收到 / 還沒收到 / 尚未收到 / 一直没收到 / 还在等
_STILL_OWED = re.compile(
    r"(?:still|yet)\s+(?:not\s+|haven'?t\s+|hasn'?t\s+)?(?:received|arrived|got(?:ten)?|seen)"
    r"|(?:haven'?t|hasn'?t|have not|has not|did not|didn'?t|not)\s+(?:yet\s+)?(?:received|arrived|got(?:ten)?|come)"
    r"|still waiting (?:for|on)|never (?:received|arrived|came)"
    r"|(?:还|還|仍|尚|一直|都)?(?:没|沒|未)(?:有)?(?:收到|拿到|看到|等到)|(?:还|還)在等|(?:仍|尚)未(?:收到|提供|回覆|回复)"
    # the buyer chasing it: asking after it is saying it has not come ("Any news, Rhys?", "chased again for the
    # quote", "where's the proposal?", "又来催报价", "问方案怎么样了") — session 11, a v13 venue whose promised quote was
    # read as kept because the buyer's chasing e-mail was "a later visit"
    r"|(?<![a-z])any (?:news|update|updates|word)(?![a-z])|(?<![a-z])chas(?:ed|ing|es)(?![a-z])"
    r"|(?<![a-z])where(?:'s| is| are) (?:the|my|our|your)(?![a-z])|(?<![a-z])still nothing(?![a-z])"
    r"|催|追问|追問|(?:有|有没有|有沒有)(?:消息|进展|進展)|(?:怎么样|怎麼樣|如何)了|进展如何|進展如何",
    re.IGNORECASE)


def still_owed(*notes: Optional[str]) -> Optional[str]:
    """The words of the first note that say the promised thing has not arrived yet, or None."""
    for note in notes:
        m = _STILL_OWED.search(note or "")
        if m:
            return m.group(0)
    return None
