"""One article → its validated extraction, from the cache when it is there.

A long article is split into parts of whole sentences, each sent with its real sentence
numbers, so that citations stay valid for the whole article and nothing is cut silently.

Many articles are extracted in a thread pool when the model is a server. Threads, not
asyncio: the chat-model protocol, the embedded model, replay and the cache are synchronous,
and a pool around `Extractor.extract` keeps one code path for all of them, while each
worker spends its time waiting on the network with the GIL released.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from brief.errors import ConfigError, contained
from brief.extract.injection import drop_instruction_claims, drop_unsupported_claims
from brief.extract.methods import Method, method_for
from brief.extract.structured import StructuredResult, Usage, ask_structured, parse_answer
from brief.language import parsing_in_a_worker, shown_title
from brief.models import STOP, CachingModel, ChatModel, ChatRequest, ExtractionPrompt, caching
from brief.schema import MAX_ARTICLE_CHARS, Article, ArticleExtraction, ExtractedEvent


def drop_unsupported_date(event: ExtractedEvent, article: Article) -> ExtractedEvent:
    """The event without its ISO date when the article cannot support that date.

    Small models fill `date` with a plausible guess even when told not to. A date is kept
    when it falls in the two years before the article's own date, or, for an undated
    article, when its year is written in the article.
    """
    if event.date is None:
        return event
    year = int(event.date[:4])
    if article.date is not None:
        start = article.date.replace(year=article.date.year - 2)
        supported = (
            start.isoformat()[: len(event.date)]
            <= event.date
            <= (article.date.isoformat()[: len(event.date)])
        )
    else:
        supported = str(year) in article.text
    return event if supported else event.model_copy(update={"date": None})


@dataclass
class ExtractionOutcome:
    """What happened to one article: its extraction, or why there is none."""

    article: Article
    extraction: ArticleExtraction | None = None
    error: str | None = None
    cache_hits: int = 0
    usage: Usage = field(default_factory=Usage)
    parts: int = 1
    # Set when the article was too long to read whole: says where reading stopped.
    cut: str | None = None

    @property
    def ok(self) -> bool:
        return self.extraction is not None


OnDone = Callable[[ExtractionOutcome], None]


def _reported(outcome: ExtractionOutcome, on_done: OnDone | None) -> ExtractionOutcome:
    if on_done is not None:
        on_done(outcome)
    return outcome


def split_into_parts(sentences: tuple[str, ...], max_chars: int) -> list[tuple[int, int]]:
    """1-based inclusive (first, last) sentence ranges, each at most `max_chars` long
    (a single longer sentence stands alone)."""
    parts: list[tuple[int, int]] = []
    start, size = 1, 0
    for number, sentence in enumerate(sentences, start=1):
        if size and size + len(sentence) + 1 > max_chars:
            parts.append((start, number - 1))
            start, size = number, 0
        size += len(sentence) + 1
    if sentences:
        parts.append((start, len(sentences)))
    return parts


def build_request(
    article: Article, prompt: ExtractionPrompt, first: int, last: int, *, max_tokens: int
) -> ChatRequest:
    method = method_for(prompt)
    user = prompt.user.format(
        date=article.date.isoformat() if article.date else "unknown",
        title=shown_title(article.title),  # a title may carry an injection too
        sentences=method.shown(article, first, last),
    )
    return ChatRequest(
        # The system message is identical for every article: llama.cpp reuses its prefix.
        messages=({"role": "system", "content": prompt.system}, {"role": "user", "content": user}),
        prompt_version=prompt.version,
        schema_name=method.schema_name,
        schema=method.schema(article, first, last),
        max_tokens=max_tokens,
        repeat_penalty=prompt.repeat_penalty,
        schema_hint=prompt.schema_hint,
        label=f"{article.path!r} sentences {first}-{last}",
    )


@dataclass
class Extractor:
    """Extracts articles with one model and one prompt. A `CachingModel` keeps each
    validated answer; any other model is asked every time."""

    model: ChatModel
    prompt: ExtractionPrompt
    max_attempts: int = 3
    max_tokens: int = 2048
    max_part_chars: int = 12_000
    # A bound on calls per article: a 5 MB file would otherwise be hundreds of model calls.
    # Ordinary long articles take one or two parts.
    max_parts: int = 8
    # Articles in flight at once, used only when the model may be called concurrently.
    concurrency: int = 1
    # A run with articles in flight parses in a worker process once this many have started
    # (a smaller run does not repay the worker's start); None: never.
    parse_worker_after: int | None = 64

    def __post_init__(self) -> None:
        # The model as given is asked through one that keeps answers; both names hold
        # the same object, so wording steps handed `model` share its cache.
        self.asking: CachingModel = caching(self.model)
        self.model = self.asking

    def close(self) -> None:
        """Release the cache file; the extractor is not used after this."""
        if STOP.is_set():
            # A second Ctrl-C left workers finishing: each still stores the answer it
            # already has (every write is committed on its own; the file closes at exit).
            return
        self.asking.close()

    def extract_all(
        self, articles: Iterable[Article], on_done: OnDone | None = None
    ) -> list[ExtractionOutcome]:
        """Every article's outcome, in input order.

        `articles` may still be arriving (a reader thread hands them over as it reads them):
        each is started as soon as it arrives and a worker is free. `on_done` is called in
        the calling thread as each article finishes (in the order they finish). Ctrl-C, or
        an exception from `on_done`, stops the run: articles not yet started are dropped,
        and those in flight are finished first, since their requests are paid for and their
        answers go to the cache.
        """
        STOP.clear()
        if not self.model.concurrent or self.concurrency <= 1:
            return [_reported(self.extract(article), on_done) for article in articles]
        return self._extract_in_threads(iter(articles), self.concurrency, on_done)

    def _extract_in_threads(
        self, articles: Iterator[Article], workers: int, on_done: OnDone | None
    ) -> list[ExtractionOutcome]:
        outcomes: list[ExtractionOutcome | None] = []
        pending: dict[Future[ExtractionOutcome], int] = {}
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="brief-extract")
        parsing, after = ExitStack(), self.parse_worker_after
        try:
            while True:
                # Two per worker are queued, so a worker never waits for the next article,
                # and a stopped run leaves few queued (unpaid) articles to cancel.
                for article in itertools.islice(articles, 2 * workers - len(pending)):
                    pending[pool.submit(self.extract, article)] = len(outcomes)
                    outcomes.append(None)
                if after is not None and len(outcomes) >= after:
                    parsing.enter_context(parsing_in_a_worker())
                    after = None
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    outcomes[pending.pop(future)] = _reported(future.result(), on_done)
        except BaseException:
            # Workers stop sending at once (STOP); each finishes storing an answer it
            # already has. A second Ctrl-C here leaves them to finish as the process ends.
            STOP.set()
            pool.shutdown(wait=True, cancel_futures=True)
            STOP.clear()  # every worker has ended: the model may be asked again
            raise
        finally:
            parsing.close()
        pool.shutdown()
        return [outcome for outcome in outcomes if outcome is not None]

    def extract(self, article: Article) -> ExtractionOutcome:
        """Never raises for a model failure: the outcome carries the reason instead."""
        outcome = ExtractionOutcome(article=article)
        ranges, outcome.cut = self.part_ranges(article)
        outcome.parts = len(ranges)
        pieces: list[ArticleExtraction] = []
        for first, last in ranges:
            try:
                pieces.append(self._extract_part(article, first, last, outcome))
            except ConfigError:
                raise  # no model to ask (a bad model file): every article would fail alike
            except Exception as e:  # any failure, ours or not, fails this article alone
                extra = getattr(e, "usage", None)
                if isinstance(extra, Usage):
                    outcome.usage += extra
                where = f" (sentences {first}-{last})" if len(ranges) > 1 else ""
                outcome.error = f"{contained(e, article.path)}{where}"
                return outcome
        # Each part was validated on its own; the list bounds apply per model answer, so
        # the joined whole is built without validating it again.
        try:
            joined = ArticleExtraction.model_construct(
                actors=[a for p in pieces for a in p.actors],
                positions=[p_ for p in pieces for p_ in p.positions],
                events=[drop_unsupported_date(e, article) for p in pieces for e in p.events],
            )
            checked = drop_unsupported_claims(joined, article)
            outcome.extraction = drop_instruction_claims(checked, article)
        except Exception as e:  # the answers are cached; only this article's brief is lost
            outcome.error = contained(e, article.path)
        return outcome

    def part_ranges(self, article: Article) -> tuple[list[tuple[int, int]], str | None]:
        """The (first, last) sentence ranges the article is read in, and, when it is too long
        to read whole, where reading stops."""
        ranges = split_into_parts(article.sentences, self.max_part_chars)
        # An article longer than `MAX_ARTICLE_CHARS` was cut when it was read.
        read_in = (
            f" (its first {len(article.text):,} of {article.full_chars:,} characters were "
            f"read in; an article is read up to {MAX_ARTICLE_CHARS:,})"
            if article.full_chars is not None
            else ""
        )
        if len(ranges) <= self.max_parts:
            return (
                ranges,
                f"read sentences 1-{len(article.sentences)}{read_in}" if read_in else None,
            )
        ranges = ranges[: self.max_parts]
        cut = (
            f"read sentences 1-{ranges[-1][1]} of {len(article.sentences)} only{read_in}: the "
            f"article is longer than {self.max_parts} parts of "
            f"{self.max_part_chars:,} characters"
        )
        return ranges, cut

    def part_request(self, article: Article, first: int, last: int) -> tuple[ChatRequest, str]:
        """The request for one part and its key (the cache key, and a batch's custom_id)."""
        request = build_request(article, self.prompt, first, last, max_tokens=self.max_tokens)
        return request, self.asking.key(request)

    @property
    def method(self) -> Method:
        return method_for(self.prompt)

    def is_cached(self, key: str, first: int, last: int) -> bool:
        """Whether the cache holds a valid answer for `key`."""
        return self._cached_answer(key, None, first, last) is not None

    def cached_part(
        self, key: str, article: Article, first: int, last: int
    ) -> ArticleExtraction | None:
        """The cached extraction for `key`, if there is one that still validates."""
        answer = self._cached_answer(key, article, first, last)
        return None if answer is None else self.method.to_extraction(answer, article, first, last)

    def _cached_answer(
        self, key: str, article: Article | None, first: int, last: int
    ) -> BaseModel | None:
        cached = self.asking.recall(key)
        if cached is None:
            return None
        context = self.method.context(article, first, last)
        try:
            return self.method.output_type.model_validate_json(cached, context=context)
        except ValidationError:
            return None  # an entry that no longer validates is asked again, not trusted

    def check_answer(
        self, content: str, article: Article | None, first: int, last: int
    ) -> BaseModel:
        """One answer validated as an online answer would be; ValueError when invalid."""
        context = self.method.context(article, first, last)
        return parse_answer(content, self.method.output_type, context)

    def ask_part(
        self, request: ChatRequest, article: Article, first: int, last: int, max_attempts: int
    ) -> StructuredResult[BaseModel]:
        """Ask (and re-ask) until the answer validates; see `ask_structured`."""
        return ask_structured(
            self.model,
            request,
            self.method.output_type,
            reask_template=self.prompt.reask,
            context=self.method.context(article, first, last),
            max_attempts=max_attempts,
        )

    def store(self, key: str, answer: BaseModel, article_id: str) -> None:
        """Cache a validated answer (the model's, before it becomes an extraction, so that
        changing the conversion never needs the model again)."""
        self.asking.keep(
            key,
            json.dumps(answer.model_dump(mode="json"), ensure_ascii=False),
            prompt_version=self.prompt.version,
            article_id=article_id,
        )

    def _extract_part(
        self, article: Article, first: int, last: int, outcome: ExtractionOutcome
    ) -> ArticleExtraction:
        silent = self.method.silent_answer(article, first, last)
        if silent is not None:
            return self.method.to_extraction(silent, article, first, last)
        request, key = self.part_request(article, first, last)
        cached = self.cached_part(key, article, first, last)
        if cached is not None:
            outcome.cache_hits += 1
            return cached
        result = self.ask_part(request, article, first, last, self.max_attempts)
        outcome.usage += result.usage
        self.store(key, result.value, article.id)
        return self.method.to_extraction(result.value, article, first, last)
