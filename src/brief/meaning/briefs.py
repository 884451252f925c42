"""Checking what others wrote: a file of claim/evidence pairs, or a Markdown brief with
`[n]` citations against its numbered sources (ours, a person's or another tool's)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from brief.meaning.check import Verdict, check_claim
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
        missing = [n for n in cited if n not in numbered]
        if missing:
            why = f"cites [{missing[0]}], which is not among the sources given"
            results.append(SentenceVerdict(sentence, cited, Verdict.refused("name", why)))
            continue
        claim = _claim_of(sentence)
        evidence = _closest(claim, [s for n in cited for s in numbered[n].sentences])
        verdict = _judged(_best_verdict(claim, evidence), claim, evidence, judge)
        results.append(SentenceVerdict(sentence, cited, verdict))
    return results


_LEAD = re.compile(
    r"^(?:[\w ,'’\-]{1,40}:\s+)?"  # a label: "calls for restraint: …", "reported 2020-01-10: …"
    r"(?:according to (?:one|\d+) sources?,\s*)?"
    r"(?:(?:on|in|by|since)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4},\s*)?",
    re.IGNORECASE,
)


def _claim_of(sentence: str) -> str:
    """The claim a brief's sentence makes, without its markers, label and date lead (the
    date is the brief's reading of the article's date, not a word of its sentences)."""
    text = _MARKER.sub("", sentence).strip()
    bare = _LEAD.sub("", text, count=1).strip()
    return bare[:1].upper() + bare[1:] if len(bare.split()) >= 3 else text


def _best_verdict(claim: str, evidence: list[str]) -> Verdict:
    """Supported when one of the closest sentences, or the closest together, tells it;
    else the verdict against the closest one."""
    first: Verdict | None = None
    for candidate in [*([s] for s in evidence), evidence[:3]]:
        verdict = check_claim(claim, candidate, grounded=True)
        if verdict.supported:
            return verdict
        first = first or verdict
    return first or Verdict.refused("empty", "its sources have no sentences")


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


def _closest(claim: str, sentences: Sequence[str]) -> list[str]:
    """The sentences sharing most words with the claim: its evidence, in article order."""
    wanted = set(_WORD.findall(claim.casefold()))
    scored = sorted(
        range(len(sentences)),
        key=lambda i: (-len(wanted & set(_WORD.findall(sentences[i].casefold()))), i),
    )
    return [sentences[i] for i in sorted(scored[:_EVIDENCE_PER_CLAIM])]
