"""Checking what others wrote: a file of claim/evidence pairs, or a Markdown brief with
`[n]` citations against its numbered sources (ours, a person's or another tool's)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from brief.meaning.check import Verdict, check_claim
from brief.meaning.described import as_owners, undescribed
from brief.meaning.lexicon import NUMBER_WORDS
from brief.schema import Article

_MARKER = re.compile(r"\[(\d{1,4})\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z“\"(])")
_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]{2,}")
_EVIDENCE_PER_CLAIM = 5  # the cited article's sentences closest to the claim

# A second reader of a claim the rules have passed (the model's yes/no), passed in.
Judge = Callable[[str, Sequence[str]], Verdict]


@dataclass(frozen=True)
class PairResult:
    """One line of a pairs file: its verdict, or why the line could not be checked."""

    line: int
    verdict: Verdict | None
    error: str | None = None

    def as_json(self) -> str:
        if self.verdict is None:
            return json.dumps({"supported": None, "why": None, "error": self.error})
        return json.dumps(
            {
                "supported": self.verdict.supported,
                "why": self.verdict.why,
                "problem": self.verdict.problem,
            }  # fmt: skip
        )


def check_pairs(lines: Iterable[str], judge: Judge | None = None) -> Iterator[PairResult]:
    """Each non-blank line `{"claim": "...", "evidence": ["...", ...]}` checked, in order;
    a malformed line is reported as such and the rest still checked. A `judge` reads
    again each claim the rules pass."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        pair, error = _pair(line)
        if pair is None:
            yield PairResult(number, None, error)
            continue
        claim, evidence = pair
        yield PairResult(number, _judged(check_claim(claim, evidence), claim, evidence, judge))


def _judged(verdict: Verdict, claim: str, evidence: Sequence[str], judge: Judge | None) -> Verdict:
    return judge(claim, evidence) if judge is not None and verdict.supported else verdict


def _pair(line: str) -> tuple[tuple[str, list[str]] | None, str]:
    try:
        data = json.loads(line)
    except ValueError as e:
        return None, f"not JSON ({e})"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    claim, evidence = data.get("claim"), data.get("evidence")
    if isinstance(evidence, str):
        evidence = [evidence]
    if not isinstance(claim, str) or not claim.strip():
        return None, 'no "claim" string'
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        return None, 'no "evidence" list of strings'
    if not evidence:
        return None, '"evidence" is empty'
    return (claim, evidence), ""


@dataclass(frozen=True)
class SentenceVerdict:
    """A cited sentence of a brief and its verdict."""

    text: str
    sources: tuple[int, ...]
    verdict: Verdict


def check_brief(
    markdown: str, articles: Sequence[Article], judge: Judge | None = None
) -> list[SentenceVerdict]:
    """Every sentence of the brief that carries `[n]` markers, checked against the
    sentences of its sources that are closest to it.

    Sources are numbered as in the brief's own Sources list where each entry can be
    matched to an article (by path, URL or title), else in the order given.
    """
    numbered = _numbered_sources(markdown, articles)
    results = []
    for sentence, cited in cited_sentences(markdown):
        if _ABOUT_ITSELF.match(sentence):
            continue  # "This brief draws on 2 sources…": about the brief, not the news
        figures = _figures_verdict(sentence, numbered)
        if figures is not None:
            results.append(SentenceVerdict(sentence, cited, figures))
            continue
        missing = [n for n in cited if n not in numbered]
        if missing:
            why = f"cites [{missing[0]}], which is not among the sources given"
            results.append(SentenceVerdict(sentence, cited, Verdict.refused("name", why)))
            continue
        sources = [numbered[n] for n in cited]
        sentences = as_owners([s for a in sources for s in a.sentences], sources)
        claim = undescribed(_claim_of(sentence), sources)
        verdict = _verdict_of(claim, sentences, judge)
        results.append(SentenceVerdict(sentence, cited, verdict))
    return results


_LEAD = re.compile(
    r"^(?:[\w ,'’\-]{1,40}:\s+)?"  # a label: "calls for restraint: …", "reported 2020-01-10: …"
    r"(?:then,\s*)?"
    r"(?:according to (?:one|\d+) sources?(?:\s*\([^)]*\))?,\s*)?"
    r"(?:(?:on|in|by|since)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4},\s*)?",
    re.IGNORECASE,
)
# A row's date after its words ("Iran struck Pakistan, 2024-01-16"): the brief's reading;
# "(claimed)": its doer is known by a claim, which the check looks for in the sources.
_TRAILING_DATE = re.compile(r"(?:\s*\(claimed\))?(?:,\s*(?:\d{4}-\d{2}(?:-\d{2})?|undated))?\s*$")
# Where a brief joins two happenings in one sentence ("…in Baghdad, and according to one
# source, on 8 January 2020, Iran launched…; then, on 10 January…"): each is checked alone
# against the sentences closest to it, as a reader would look each one up; so is what
# was said at talks after them (": Qureshi expressed concern…").
_JOINS = re.compile(
    r";\s+|:\s+(?=[A-Z])|,\s+and\s+(?=(?:then,\s*)?"
    r"(?:according to|(?:on|in)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4},))"
)


_ABOUT_ITSELF = re.compile(r"^(?:this|the) (?:brief|report|summary)\b", re.IGNORECASE)
# A line where the sources differ on a figure: "Killed in “…”: at least 5 [1]; 7 [2]".
_FIGURES = re.compile(r"^\w[\w ]* in “[^”]+”:\s*((?:(?:at least )?[\d,.]+ (?:\[\d+\])+;?\s*)+)$")
_FIGURE = re.compile(r"([\d,.]+) ((?:\[\d+\])+)")


def _figures_verdict(sentence: str, numbered: dict[int, Article]) -> Verdict | None:
    """Each figure of a "sources differ" line is one its cited source gives."""
    found = _FIGURES.match(sentence)
    if found is None:
        return None
    for value, marks in _FIGURE.findall(found.group(1)):
        for n in (int(m) for m in _MARKER.findall(marks)):
            article = numbered.get(n)
            if article is None or not _gives(article.text, value.rstrip(".,")):
                return Verdict.refused("number", f"[{n}] does not give {value.rstrip('.,')}")
    return Verdict.ok("each figure is given by the source cited for it")


def _gives(text: str, value: str) -> bool:
    digits = value.replace(",", "")
    if re.search(rf"(?<![\d.,]){re.escape(digits)}(?![\d]|,\d)", text.replace(",", "")):
        return True
    words = [w for w, n in NUMBER_WORDS.items() if str(int(n)) == digits]
    return any(re.search(rf"\b{w}\b", text, re.IGNORECASE) for w in words)


_QUOTATION = re.compile(r"^[“\"]([^“”\"]+)[”\"]$")


def _verdict_of(claim: str, sentences: Sequence[str], judge: Judge | None) -> Verdict:
    """The claim against its cited articles' sentences: whole, else part by part."""
    quoted = _QUOTATION.match(claim)
    if quoted:
        return _quote_verdict(quoted.group(1), sentences)
    whole = _checked(claim, sentences, judge)
    parts = [_claim_of(part) for part in _JOINS.split(claim)]
    if whole.supported or len(parts) < 2:
        return whole
    for part in parts:
        verdict = _range_verdict(part, sentences) or _checked(part, sentences, judge)
        if not verdict.supported:
            return verdict
    return Verdict.ok()


# The brief's own note where sources differ: "the sources differ on the dead, from 5 to 10".
_RANGE = re.compile(
    r"^the sources differ on the [\w ]+, from (?:at least )?([\d,]+) to ([\d,]+)$", re.I
)


def _range_verdict(part: str, sentences: Sequence[str]) -> Verdict | None:
    """Both ends of a range where the sources differ are figures the cited articles give."""
    found = _RANGE.match(part)
    if found is None:
        return None
    text = " ".join(sentences)
    for value in found.groups():
        if not _gives(text, value):
            return Verdict.refused("number", f"the cited articles do not give {value}")
    return Verdict.ok("each end of the range is a figure the cited articles give")


def _quote_verdict(quote: str, sentences: Sequence[str]) -> Verdict:
    """A quotation under a label ("opposes: “…a clear rejection…”"): its words, cut where
    it shows "…", are the cited article's own, in its order."""
    text = _plain(" ".join(sentences))
    at = 0
    for piece in re.split(r"…|\.\.\.", quote):
        piece = _plain(piece).strip(" ,;:.")
        if len(piece.split()) < 2:
            continue
        found = text.find(piece, at)
        if found < 0:
            why = f"the cited articles do not say “{piece}”"
            return Verdict.refused("added", why)
        at = found + len(piece)
    return Verdict.ok("the quoted words are the cited article's own")


def _plain(text: str) -> str:
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", text)  # Markdown's escapes
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(text.casefold().split())


def _checked(claim: str, sentences: Sequence[str], judge: Judge | None) -> Verdict:
    evidence = _closest(claim, sentences)
    return _judged(_best_verdict(claim, evidence), claim, evidence, judge)


def _claim_of(sentence: str) -> str:
    """The claim a brief's sentence makes, without its markers, label and date lead (the
    date is the brief's reading of the article's date, not a word of its sentences)."""
    text = _MARKER.sub("", sentence).strip().rstrip(".").strip()
    text = _TRAILING_DATE.sub("", text)
    bare = _LEAD.sub("", text, count=1).strip()
    return bare[:1].upper() + bare[1:] if len(bare.split()) >= 3 else text


def _best_verdict(claim: str, evidence: list[str]) -> Verdict:
    """Supported when one of the closest sentences, or all of them together, tells it;
    else the verdict against the closest one."""
    verdicts = []
    for candidate in [*([s] for s in evidence), evidence]:
        verdict = check_claim(claim, candidate, grounded=True)
        if verdict.supported:
            return verdict
        verdicts.append(verdict)
    if not verdicts:
        return Verdict.refused("empty", "its sources have no sentences")
    closest = _closeness(claim, evidence)
    return verdicts[closest.index(max(closest))] if closest else verdicts[0]


def cited_sentences(markdown: str) -> list[tuple[str, tuple[int, ...]]]:
    """The sentences of the brief's prose and list items that carry citation markers,
    outside its Sources list, tables and code blocks."""
    found = []
    for block in _prose_blocks(markdown):
        for sentence in _SENTENCE_END.split(block):
            cited = tuple(dict.fromkeys(int(n) for n in _MARKER.findall(sentence)))
            if sentence.lstrip().startswith(("“", '"', "> ")):
                continue  # a quotation: verbatim, looked up by number, not written
            text = _plain_markdown(sentence)
            if cited and len(_MARKER.sub("", text).split()) >= 3:
                found.append((text, cited))
    return found


def _prose_blocks(markdown: str) -> Iterator[str]:
    in_code = in_sources = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            continue
        if stripped.startswith("#"):
            in_sources = "source" in stripped.casefold() and "differ" not in stripped.casefold()
            continue
        if in_code or in_sources or stripped.startswith("|") or not stripped:
            continue
        yield re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)


def _plain_markdown(text: str) -> str:
    text = re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", text)
    text = re.sub(r"·\s*\d+\s+sources?", "", text)
    return text.strip().strip('“”"').strip()


def _numbered_sources(markdown: str, articles: Sequence[Article]) -> dict[int, Article]:
    listed = _source_list(markdown)
    by_number: dict[int, Article] = {}
    for number, entry in listed:
        article = _article_for(entry, articles)
        if article is not None:
            by_number[number] = article
    if listed and len(by_number) == len(listed):
        return by_number
    return {n: article for n, article in enumerate(articles, start=1)}


def _source_list(markdown: str) -> list[tuple[int, str]]:
    entries, inside = [], False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            inside = stripped.lstrip("#").strip().casefold() in ("sources", "references")
            continue
        match = re.match(r"(?:\[(\d+)\]|(\d+)\.)\s+(.+)", stripped) if inside else None
        if match:
            entries.append((int(match.group(1) or match.group(2)), match.group(3)))
    return entries


def _article_for(entry: str, articles: Sequence[Article]) -> Article | None:
    folded = _fold(entry)
    for article in articles:
        if article.path and (article.path in entry or _fold(article.path) in folded):
            return article
        if article.url and article.url in entry:
            return article
    for article in articles:
        title = _fold(article.title)
        if title and (title in folded or folded.startswith(title[: max(20, len(title) // 2)])):
            return article
    return None


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[*_`\\]", "", text).casefold().split())


def _closeness(claim: str, sentences: Sequence[str]) -> list[int]:
    wanted = set(_WORD.findall(claim.casefold()))
    return [len(wanted & set(_WORD.findall(s.casefold()))) for s in sentences]


def _closest(claim: str, sentences: Sequence[str]) -> list[str]:
    """The sentences sharing most words with the claim: its evidence, in article order;
    and for a name of the claim none of those has, the closest sentence that has it ("al-
    Shabab claimed responsibility" beside the five that tell the storming of the hotel)."""
    shared = _closeness(claim, sentences)
    scored = sorted(range(len(sentences)), key=lambda i: (-shared[i], i))
    chosen = scored[:_EVIDENCE_PER_CLAIM]
    folded = [s.casefold() for s in sentences]
    for name in _NAME.findall(claim):
        key = name.casefold()
        if key.lower() in _NOT_A_NAME or any(key in folded[i] for i in chosen):
            continue
        having = next((i for i in scored if key in folded[i]), None)
        if having is not None and len(chosen) < _EVIDENCE_PER_CLAIM + _MORE_FOR_NAMES:
            chosen.append(having)
    return [sentences[i] for i in sorted(chosen)]


_NAME = re.compile(r"(?<![\w-])[A-Z][\w'’-]{2,}")
_NOT_A_NAME = frozenset({"the", "according", "on", "in", "then", "this", "that", "after"})
_MORE_FOR_NAMES = 2
