"""Our cheaper pass over pysbd's abbreviations splits exactly as pysbd's own does."""

from __future__ import annotations

import json
import random
from pathlib import Path

from pysbd.lang.english import English
from pysbd.processor import Processor

from brief.ingest.sentences import _English

DATA = Path(__file__).parent / "data"


def _split(text: str, language: type) -> list[str]:
    return list(Processor(text, language, char_span=False).process())


def test_real_paragraphs_split_as_pysbd_splits_them() -> None:
    seeds = Path(__file__).parents[1] / "seeds"
    paragraphs = [p for path in sorted(seeds.glob("*.txt")) for p in path.read_text().split("\n")]
    for story in sorted((DATA / "stories").glob("*.jsonl")):
        lines = story.read_text(encoding="utf-8").splitlines()
        paragraphs += [json.loads(line)["text"] for line in lines if line]
    assert len(paragraphs) > 20
    for paragraph in paragraphs:
        assert _split(paragraph, _English) == _split(paragraph, English)


def test_text_dense_with_abbreviations_splits_as_pysbd_splits_it() -> None:
    # Every abbreviation pysbd knows, in its cases, with and without a full stop, before
    # capitals, digits and lower-case words: where skipping one could change a split.
    words = ["the", "Iran", "said", "on", "5", "U.S.", "in", "Washington", ".", "He", "It's",
             "a", "(parens.)", "ok", "3", "p.m.", "Gen.", "Mr."]  # fmt: skip
    abbreviations = sorted(English.Abbreviation.ABBREVIATIONS)
    shuffle = random.Random(7)
    for _ in range(400):
        tokens = []
        for _ in range(shuffle.randint(5, 40)):
            if shuffle.random() < 0.4:
                word = shuffle.choice(abbreviations)
                word = shuffle.choice((word, word.upper(), word.capitalize()))
                tokens.append(word + shuffle.choice((".", "", ".,", ". ")))
            else:
                tokens.append(shuffle.choice(words))
        text = " ".join(tokens)
        assert _split(text, _English) == _split(text, English), text


def test_letters_a_regex_folds_otherwise_than_lower_take_pysbds_own_path() -> None:
    for text in (
        "Shares of Koç Holding and TÜPRAŞ İnc. fell, since the deal collapsed. Then more.",
        "The ıst. Regiment and the ſt. Division moved. Then more.",
    ):
        assert _split(text, _English) == _split(text, English), text
