"""The English contractions written out, as the objection reader reads them (the cues, the model's n-grams, the clause
judge): one job, in a module of its own so that its whole source is in the reader model's staleness stamp
(scripts/train_reader.py ``fingerprint``) — a change to how a contraction is written out changes the n-grams of the
lines that hold one, and the shipped weights must be retrained with it (session 12 found the stamp hashed the table
only, not the code that applies it)."""
from __future__ import annotations

import re

# English contractions (and their run-together spellings) are read written out, in the text and in the
# cues alike: one cue "do not need" covers "we don't need" / "we do not need" / "we dont need", and a
# cue "not a good time" also meets "this isn't a good time"
_EXPANSIONS = {
    "don't": "do not", "doesn't": "does not", "didn't": "did not", "can't": "can not", "cannot": "can not",
    "won't": "will not", "wouldn't": "would not", "shouldn't": "should not", "couldn't": "could not",
    "isn't": "is not", "aren't": "are not", "wasn't": "was not", "weren't": "were not", "haven't": "have not",
    "hasn't": "has not", "hadn't": "had not", "mustn't": "must not", "we're": "we are", "they're": "they are",
    "you're": "you are", "i'm": "i am", "it's": "it is", "that's": "that is", "there's": "there is",
    "what's": "what is", "we've": "we have", "i've": "i have", "they've": "they have", "you've": "you have",
    "we'll": "we will", "i'll": "i will", "they'll": "they will", "you'll": "you will", "it'll": "it will",
    "we'd": "we would", "i'd": "i would", "they'd": "they would", "you'd": "you would",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "havent": "have not", "hasnt": "has not", "wouldnt": "would not", "couldnt": "could not",
    "shouldnt": "should not", "im": "i am", "ive": "i have", "youre": "you are", "theyre": "they are",
    "thats": "that is", "theres": "there is", "whats": "what is",
    "he's": "he is", "she's": "she is", "he'll": "he will", "she'll": "she will", "he'd": "he would", "she'd": "she would",
    "ain't": "is not", "gonna": "going to", "wanna": "want to", "gotta": "got to",
    # Scots, Irish and Northern English as buyers write it (blind13's regional Englishes): "I'm no the one signing",
    # "ye'd need tae get past the trustees, no me", "we've nae bother wi' the wash" — the same words, spelt as said
    "ye": "you", "ye'd": "you would", "ye'll": "you will", "ye've": "you have", "yer": "your", "tae": "to", "nae": "no",
    "wi'": "with", "dinnae": "do not", "dinna": "do not", "didnae": "did not", "cannae": "can not", "canna": "can not",
    "wouldnae": "would not", "couldnae": "could not", "isnae": "is not", "wasnae": "was not", "willnae": "will not",
    "no the": "not the", "no a": "not a", "no me": "not me", "no mine": "not mine", "no my": "not my", "no bad": "not bad",
}
_CONTRACT = re.compile(r"(?<![\w'])(" + "|".join(sorted(map(re.escape, _EXPANSIONS), key=len, reverse=True)) + r")(?![\w'])")

# "'s" is "has", not "is", in a perfect tense: before been / got / gotten / had ("she's been on leave", "it's got no API",
# "he's had a look"), and before a past participle with an object after it ("he's asked us twice", "she's signed the
# renewal", "it's taken me a month") — a passive takes no object ("it's asked for" is; "he's asked us" has). Not after a
# word of naming or of feeling, whose participle is an adjective before a clause ("it's called the", "he's worried the
# switch will go wrong", "she's convinced the old one is fine"). "'d" before a participle is "had" ("we'd already
# signed", "I'd been told"): "would" takes a bare verb. Read as "is" / "would", a perfect tense was a passive or a wish.
_IRREGULAR = (r"been|got|gotten|had|done|seen|heard|told|taken|given|made|sent|spent|written|known|found|left|kept|bought|"
              r"brought|paid|said|shown|chosen|gone|come|put|run|set|cut|let|lost|won|sold|built|felt|meant|read|thought")
_ADJECTIVAL = (r"called|named|termed|deemed|considered|supposed|based|located|worried|concerned|convinced|pleased|surprised|"
               r"scared|annoyed|interested|disappointed|satisfied|tired|bored|excited|relieved|amazed|shocked|frustrated|"
               r"determined|committed|involved|related|used|prepared|allowed|required|expected|aimed|designed|focused|"
               r"obsessed|embarrassed|confused|impressed|qualified|entitled|inclined|opposed|exposed|attached")
_OBJECT = r"us|me|them|him|her|you|it|the|a|an|our|my|your|their|his|its|this|that|these|those|some|any|no|every|all|two|three"
_HAS = re.compile(r"(?<![\w'])(it|he|she|that|there|what|who|where)'s(?=\s+(?:been|got|gotten|had)(?![\w'])|\s+(?!(?:"
                  + _ADJECTIVAL + r")(?![\w']))(?:[a-z]+ed|" + _IRREGULAR + r")\s+(?:already\s+|just\s+|now\s+)?(?:"
                  + _OBJECT + r")(?![\w']))")
_HAD = re.compile(r"(?<![\w'])(i|we|you|they|he|she|it|ye)'d(?=\s+(?:(?:already|just|never|not|only|all|both)\s+)?(?!(?:"
                  + _ADJECTIVAL + r"|need|feed|bleed|speed|proceed|exceed|succeed|breed|seed|heed|shed|wed)(?![\w']))"
                  r"(?:[a-z]+ed|been|got|gotten|had|done|seen|heard|told|taken|given|made|sent|spent|written|known|found|bought|"
                  r"brought|paid|shown|chosen|gone|signed|agreed)(?![\w']))")


def expand(text: str) -> str:
    """The (lower-case) text with its contractions written out: "he's asked us" → "he has asked us", "don't" → "do not"."""
    text = _HAD.sub(r"\1 had", _HAS.sub(r"\1 has", text))
    return _CONTRACT.sub(lambda m: _EXPANSIONS[m.group(1)], text)
