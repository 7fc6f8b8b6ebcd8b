"""Reading the rep's words: what kind of objection a sentence voices (cues from the packs, a
small linear model shipped as data beside them, and the account's own facts such as its listed
competitors). Runs in Python before the engine; the rules see only the resulting facts."""
