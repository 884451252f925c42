"""What a run counted: articles, model calls, tokens, fallbacks and each step's time."""

from __future__ import annotations

from dataclasses import dataclass, field

from brief.extract import ExtractionOutcome


@dataclass
class RunStats:
    articles_read: int = 0
    articles_summarized: int = 0
    model_calls: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    gists_written: int = 0  # worded by the model and checked
    gists_quoted: int = 0  # fell back to the article's own words
    bottom_line_written: bool = False  # by the model, checked; else the deterministic one
    step_seconds: list[tuple[str, float]] = field(default_factory=list)

    def add(self, outcome: ExtractionOutcome) -> None:
        self.model_calls += outcome.usage.calls
        self.cache_hits += outcome.cache_hits
        self.prompt_tokens += outcome.usage.prompt_tokens
        self.completion_tokens += outcome.usage.completion_tokens
        if outcome.ok:
            self.articles_summarized += 1
        else:
            self.failed += 1

    def step_lines(self) -> list[str]:
        """A line per step that ran, with its time (shown by `brief -v`)."""
        return [f"step {n}. {s}: {t:.2f} s" for n, (s, t) in enumerate(self.step_seconds, 1)]

    def closing_line(self) -> str:
        tokens = self.prompt_tokens + self.completion_tokens
        return (
            f"{self.articles_read} articles read, {self.articles_summarized} summarized, "
            f"{self.model_calls} model calls, {self.cache_hits} cache hits, "
            f"{tokens:,} tokens ({self.prompt_tokens:,} prompt + {self.completion_tokens:,} "
            f"completion), {self.failed} failed, {self.skipped} skipped"
            + (
                f"; gists: {self.gists_written} worded, {self.gists_quoted} quoted; "
                f"bottom line {'worded' if self.bottom_line_written else 'from the timeline'}"
                if self.gists_written or self.gists_quoted
                else ""
            )
        )
