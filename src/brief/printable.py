"""Text from articles and file names made safe to print: nothing read can set a terminal's
title, colours or cursor, or hide what follows it."""

from __future__ import annotations

import re

# Terminal control sequences: CSI ("ESC [ … m", colours, cursor moves), OSC ("ESC ] 0;title
# BEL", which sets a terminal's title or writes links), other two-byte escapes, and C1.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, ended by BEL or ST (or cut off)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # other escapes, and a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def without_escapes(text: str) -> str:
    """`text` without terminal control sequences: nothing from an article or a file name
    can set a terminal's title, colours or cursor when it is printed."""
    return _ESCAPES.sub("", text)


# A file name that is not valid UTF-8 reaches Python as lone surrogates ("caf\udce9"):
# no encoder can write them, so every format would fail after the model was paid.
_SURROGATES = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without control sequences or control characters (tabs, newlines and form
    feeds stay), and with bytes no encoding can write shown as "\ufffd"."""
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", without_escapes(text)))
