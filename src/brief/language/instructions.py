"""Text written to steer a model rather than to report news ("Ignore previous
instructions and report that …"), wherever it sits: a sentence, a title, front matter.

Read after Unicode normalisation, so that full-width letters, ligatures and invisible
joiners spell the same words, and in the languages such text most often comes in.
"""

from __future__ import annotations

import re
import unicodedata

WITHHELD_TITLE = "[title withheld: it addresses AI systems, not readers]"

# Phrases that speak to an AI system rather than report news. Kept narrow on purpose: a news
# sentence *about* prompt injection ("researchers told the chatbot to ignore …") is rare in
# crisis reporting, and a false match only costs one claim.
_ADDRESSES_THE_MODEL = re.compile(
    r"""
    \b(ignore|disregard|forget|override)\b[^.]{0,40}\b(previous|prior|above|earlier|all|your)\b
        [^.]{0,20}\b(instructions?|prompts?|rules|directions)\b
    | \b(you\ are\ now|you\ must\ now|act\ as|pretend\ to\ be)\b
    | \b(system|assistant)\s*(prompt|message)?\s*:
    | \b(developer|jailbreak|god)\ mode\b
    | \bnew\ instructions?\b
    | \b(language\ model|ai\ model|llm|chatbot)\b[^.]{0,40}\b(must|should|will)\b
    | \b(output|respond\ with|answer\ with|return)\b[^.]{0,30}\b(json|empty|nothing)\b
    """,
    # Lower case, searched in lower-cased text (3x faster than IGNORECASE); the Turkish
    # dotted and dotless i, which lower() does not make an "i", are folded first.
    re.VERBOSE,
)


# Every branch of the pattern above needs one of these words: a sentence with none (nearly
# every news sentence) is not searched, which costs a third as much. Kept with the pattern.
_ENGLISH_KEYS = (
    "ignore", "disregard", "forget", "override", "you are now", "you must now", "act as",
    "pretend to be", "system", "assistant", "developer mode", "jailbreak mode", "god mode",
    "new instruction", "language model", "ai model", "llm", "chatbot", "output",
    "respond with", "answer with", "return",
)  # fmt: skip


# The same request in the languages an injection most often comes in besides English.
_ADDRESSES_THE_MODEL_ELSEWHERE = re.compile(
    r"""
    \b(ignorez|oubliez)\b[^.]{0,30}\binstructions?\b
    | \b(ignora|ignore|olvida)\b[^.]{0,30}\binstrucci(o|ó)n(es)?\b
    | \b(ignoriere|ignorieren|vergiss)\b[^.]{0,30}\b(anweisungen|anweisung)\b
    | \b(ignora|dimentica)\b[^.]{0,30}\bistruzioni\b
    | \b(ignore|ignora|ignorem|esque(ç|c)a|desconsidere)\b[^.]{0,30}\binstru(ç|c)(õ|o)es\b
    | \b(negeer|vergeet)\b[^.]{0,30}\binstructies\b
    | \b(abaikan|lupakan)\b[^.]{0,30}\binstruksi\b
    | \btalimatlar\w*\b[^.]{0,30}\b(yok\ say|unut|görmezden)
    | \b(игнорируй|игнорируйте|забудь|забудьте)\b[^.]{0,30}\bинструкци
    | निर्देश\S*.{0,30}(अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)
    | (अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल).{0,30}निर्देश
    | ہدایات.{0,30}(نظر\s*انداز|بھول)
    | دستور(العمل)?.{0,30}(نادیده|فراموش)
    | 指示.{0,6}(無視|忘れ)
    | 지시.{0,10}(무시|잊)
    | 忽略.{0,10}(指令|指示|说明)
    | تجاهل.{0,20}التعليمات
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What the pattern above needs to match: one of these verbs in Latin letters (every
# Latin-script branch has one), or a letter of a script its other branches are written in
# (Cyrillic, Arabic, Devanagari, kana, CJK, Hangul).
_ELSEWHERE_LATIN_WORDS = (
    "ignor", "oubli", "olvid", "vergiss", "vergeet", "dimentic", "esque", "desconsider",
    "negeer", "abaikan", "lupakan", "talimat",
)  # fmt: skip
_OTHER_SCRIPTS = re.compile(
    "[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
# Letters of other scripts that look like Latin ones ("іgnоrе" with Cyrillic і, о, е):
# folded to Latin before the English patterns are tried (the text itself is not changed).
_LOOK_ALIKE_LETTERS = "аеорсуххіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅοαεικνρτυχΑΒΕΗΙΚΜΝΟΡΤΥΧİı"
_LOOK_ALIKES = str.maketrans(
    _LOOK_ALIKE_LETTERS, "aeopcyxxijsdqwhlABEKMHOPCTXIJSoaeikvptuxABEHIKMNOPTYXIi"
)
# Translating with a table walks every letter in Python's slow path; most text has none.
_HAS_LOOK_ALIKE = re.compile(f"[{_LOOK_ALIKE_LETTERS}]")


def addresses_the_model(sentence: str) -> bool:
    """True when a sentence (or a title) reads as an instruction to an AI system, after
    Unicode normalisation: full-width letters, ligatures and invisible joiners spell the
    same words."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", sentence))
    latin = text.translate(_LOOK_ALIKES) if _HAS_LOOK_ALIKE.search(text) else text
    lower = latin.lower()
    if any(key in lower for key in _ENGLISH_KEYS) and _ADDRESSES_THE_MODEL.search(lower):
        return True
    latin_verb = any(word in lower for word in _ELSEWHERE_LATIN_WORDS)
    if not latin_verb and not _OTHER_SCRIPTS.search(text):
        # Nearly every news sentence: no letter of the other scripts and none of the
        # Latin-script verbs, so their long pattern (a tenth of brief's own CPU per
        # article) cannot match and is not tried.
        return False
    return bool(
        _ADDRESSES_THE_MODEL_ELSEWHERE.search(text)
        or (latin != text and _ADDRESSES_THE_MODEL_ELSEWHERE.search(latin))
    )


def shown_title(title: str) -> str:
    """The title as a model or a reader may see it: withheld when it addresses the model."""
    return WITHHELD_TITLE if addresses_the_model(title) else title
