"""Time merge_summaries on generated summaries and show how the time grows.

Each generated article names ~20 actors: recurring people in varying spellings and with
titles, states by name, acronym or capital, organisations, and two local officials seen
nowhere else (so the number of distinct names grows with N, as in real news). Positions
and events are worded from templates with variations, so folding has work to do.

Columns: best of three runs; "x time" against "x N" is the growth from the row above;
"no-GC s" is the same merge with the cyclic garbage collector paused; "peak MiB" is what
the merge allocates at its peak (tracemalloc), beyond the summaries it is given.

Usage: .venv/bin/python bench/bench_merge.py [--bare] [sizes...]   (default 1000 2000 5000 10000)
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import resource
import string
import sys
import time
import tracemalloc
from collections.abc import Sequence

from brief.assemble.merge import merge_summaries, summarized
from brief.schema import (
    ActorKind,
    Article,
    ArticleExtraction,
    ArticleSummary,
    EventCategory,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPosition,
    Stance,
)

DEFAULT_SIZES = (1_000, 2_000, 5_000, 10_000)
# --bare: summaries without what the per-article step reads from the text (the principal
# actors), as lines written before it did are; the merge then reads every text itself.
BARE = "--bare" in sys.argv

PEOPLE: list[tuple[list[str], str, str]] = [
    (["Shah Mahmood Qureshi", "Shah Mehmood Qureshi", "Qureshi", "FM Qureshi",
      "Foreign Minister Shah Mahmood Qureshi"], "Pakistan", "Foreign Minister"),
    (["Sergei Lavrov", "Sergey Lavrov", "Lavrov", "Russian Foreign Minister Sergei Lavrov"],
     "Russia", "Foreign Minister"),
    (["Qasem Soleimani", "Qassem Soleimani", "Soleimani", "Gen. Qasem Soleimani"], "Iran",
     "commander"),
    (["Imran Khan", "Prime Minister Imran Khan", "PM Imran Khan"], "Pakistan", "Prime Minister"),
    (["Ismail Khan"], "Afghanistan", "governor"),
    (["Donald Trump", "President Donald Trump", "Trump", "Donald J. Trump"], "US", "President"),
    (["Mohammad Javad Zarif", "Javad Zarif", "Zarif", "Mohammed Javad Zarif"], "Iran",
     "Foreign Minister"),
    (["Hossein Amirabdollahian", "Hossein Amir-Abdollahian", "Amirabdollahian"], "Iran",
     "Foreign Minister"),
    (["Jalil Abbas Jilani", "Jilani", "Foreign Minister Jalil Abbas Jilani"], "Pakistan",
     "Foreign Minister"),
    (["Qamar Javed Bajwa", "Gen Qamar Javed Bajwa", "General Bajwa", "Bajwa"], "Pakistan",
     "Chief of Army Staff"),
    (["Antony Blinken", "Secretary of State Antony Blinken", "Blinken"], "United States",
     "Secretary of State"),
    (["Wang Yi", "Foreign Minister Wang Yi"], "China", "Foreign Minister"),
    (["Ali Khamenei", "Ayatollah Ali Khamenei", "Supreme Leader Ali Khamenei", "Khamenei"],
     "Iran", "Supreme Leader"),
    (["Anwaar-ul-Haq Kakar", "Anwar-ul-Haq Kakar", "Kakar"], "Pakistan", "Prime Minister"),
    (["Hina Rabbani Khar", "Khar"], "Pakistan", "former Foreign Minister"),
    (["Antonio Guterres", "António Guterres", "Guterres"], "Portugal", "UN Secretary-General"),
]  # fmt: skip
STATES: list[list[str]] = [
    ["United States", "US", "U.S.", "USA", "Washington", "America"],
    ["Iran", "Tehran", "Islamic Republic of Iran"],
    ["Pakistan", "Islamabad"],
    ["Russia", "Moscow", "Russian Federation"],
    ["China", "Beijing"],
    ["Iraq", "Baghdad"],
    ["Saudi Arabia", "Riyadh", "Saudi"],
    ["Turkey", "Türkiye", "Ankara"],
    ["Ukraine", "Kyiv", "Kiev"],
    ["United Arab Emirates", "UAE"],
    ["Afghanistan", "Kabul"],
    ["India", "New Delhi"],
]
ORGANISATIONS: list[tuple[list[str], ActorKind]] = [
    (["United Nations", "UN", "U.N."], "organization"),
    (["European Union", "EU"], "organization"),
    (["UN Security Council", "UNSC", "Security Council"], "organization"),
    (["Hezbollah", "Hizbollah"], "armed_group"),
    (["Jaish al-Adl", "Jaish ul-Adl"], "armed_group"),
    (["Pakistan Foreign Office", "Foreign Office"], "organization"),
]
FIRST_NAMES = ["Amir", "Bilal", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hassan",
               "Irina", "Javed", "Karim", "Leila", "Nadia", "Omar", "Parisa"]  # fmt: skip
SAYS: list[tuple[Stance, str]] = [
    ("calls_for_restraint", "all sides must show {m} restraint"),
    ("calls_for_restraint", "the region cannot afford a new war, {m} restraint is needed"),
    ("offers_mediation", "ready to {m} mediate between the two sides"),
    ("seeks_cooperation", "wants {m} cooperation on border security"),
    ("condemns", "condemns the {m} strike as a violation of sovereignty"),
    ("warns_or_threatens", "warns of a {m} response to any attack"),
    ("expresses_concern", "deeply {m} concerned about the escalation"),
    ("neutral", "will not take sides in the {m} conflict"),
]
MODIFIERS = ["", "maximum", "immediate", "serious", "strong", "further", "renewed", "urgent"]
EVENTS: list[tuple[EventCategory, str]] = [
    ("strike", "{a} drone strike on {b} targets"),
    ("attack", "{a} missile attack on {b} forces"),
    ("talks", "{a} and {b} foreign ministers hold {m} talks"),
    ("agreement", "{a} and {b} agree to {m} joint efforts for peace"),
    ("offer", "{a} offers to mediate between {b} and its neighbours"),
    ("statement", "{a} issues {m} statement on {b}"),
    ("sanction", "{a} announces {m} sanctions on {b}"),
]


def make_summary(n: int) -> ArticleSummary:
    """Article `n`: ~20 actors, 4 positions, 4 events, all drawn by a seeded generator."""
    rng = random.Random(n)
    people = rng.sample(PEOPLE, 8)
    states = rng.sample(STATES, 8)
    organisations = rng.sample(ORGANISATIONS, 2)
    actors = [
        ExtractedActor(name=rng.choice(forms), kind="person", country=country, role=role)
        for forms, country, role in people
    ]
    actors += [ExtractedActor(name=rng.choice(forms), kind="state") for forms in states]
    actors += [ExtractedActor(name=rng.choice(forms), kind=kind) for forms, kind in organisations]
    actors += [ExtractedActor(name=local_official(rng), kind="person") for _ in range(2)]
    sentences = [f"Sentence {k} of report {n} about the crisis." for k in range(1, 13)]
    positions = [position(rng, actors, k) for k in range(1, 5)]
    events = [event(rng, states, k) for k in range(5, 9)]
    article = Article(
        id=f"bench-{n:06d}",
        path=f"bench/{n:06d}.txt",
        title=f"Report {n}",
        text=" ".join(sentences),
        sentences=tuple(sentences),
        date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500)),
        date_basis="metadata",
    )
    # 20 actors is more than one model call may return (MAX_ACTORS), but it is what the
    # extractor hands over for a long article read in parts; skip the per-call limit.
    extraction = ArticleExtraction.model_construct(
        actors=actors, positions=positions, events=events
    )
    if BARE:
        return ArticleSummary(article=article, extraction=extraction)
    # As `brief extract` and summarize hand it over: the text read per article already.
    return summarized(article, extraction)


def local_official(rng: random.Random) -> str:
    surname = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=7))
    return f"{rng.choice(FIRST_NAMES)} {surname}"


def position(rng: random.Random, actors: list[ExtractedActor], sentence: int) -> ExtractedPosition:
    stance, template = rng.choice(SAYS)
    says = " ".join(template.format(m=rng.choice(MODIFIERS)).split())
    who = rng.choice(actors[:16]).name
    toward = rng.choice([None, "Iran", "Tehran", "US", "Washington", "Pakistan"])
    return ExtractedPosition(actor=who, sentences=[sentence], says=says, stance=stance,
                             toward=toward)  # fmt: skip


def event(rng: random.Random, states: list[list[str]], sentence: int) -> ExtractedEvent:
    category, template = rng.choice(EVENTS)
    a, b = (rng.choice(forms) for forms in rng.sample(states, 2))
    what = " ".join(template.format(a=a, b=b, m=rng.choice(MODIFIERS)).split())
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500))
    date = rng.choice([day.isoformat(), day.isoformat()[:7], None])
    status = (
        "happened" if category not in {"talks", "offer"} else rng.choice(["planned", "announced"])
    )
    return ExtractedEvent(sentences=[sentence], what=what, actor=a, target=b, date=date,
                          status=status, category=category)  # fmt: skip


def time_merge(
    summaries: Sequence[ArticleSummary], repeats: int = 3, *, collect: bool = True
) -> tuple[float, int, int, int]:
    """Best seconds of `repeats` merges, and the actors, positions and events merged.

    With `collect=False` the cyclic garbage collector is off during the merge: the
    difference is interpreter overhead, which grows with everything alive in the process
    (here also the pool of generated summaries), not with the merge's own work.
    """
    timings = []
    for _ in range(repeats):
        gc.collect()
        if not collect:
            gc.disable()
        try:
            started = time.perf_counter()
            brief = merge_summaries(summaries)
            timings.append(time.perf_counter() - started)
        finally:
            gc.enable()
    elapsed = min(timings)
    positions = sum(len(a.positions) for a in brief.actors)
    return elapsed, len(brief.actors), positions, len(brief.timeline)


def peak_memory(summaries: Sequence[ArticleSummary]) -> float:
    """MiB allocated at the peak of one merge, beyond the summaries themselves."""
    gc.collect()
    tracemalloc.start()
    merge_summaries(summaries)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(sizes: Sequence[int]) -> None:
    largest = max(sizes)
    started = time.perf_counter()
    pool = [make_summary(n) for n in range(largest)]
    print(f"generated {largest:,} summaries in {time.perf_counter() - started:.1f}s")
    header = (
        f"{'N':>7} {'seconds':>8} {'x time':>7} {'x N':>5} {'s/1k':>6} {'no-GC s':>8} "
        f"{'actors':>7} {'positions':>9} {'events':>7} {'peak MiB':>9}"
    )
    print(header)
    print("-" * len(header))
    previous: tuple[int, float] | None = None
    for size in sizes:
        batch = pool[:size]
        seconds, actors, positions, events = time_merge(batch)
        without_gc = time_merge(batch, collect=False)[0]
        peak = peak_memory(batch)
        growth = (
            f"{seconds / previous[1]:7.2f} {size / previous[0]:5.1f}"
            if previous
            else f"{'':>7} {'':>5}"
        )
        print(
            f"{size:>7,} {seconds:8.2f} {growth} {1000 * seconds / size:6.3f} {without_gc:8.2f} "
            f"{actors:>7,} {positions:>9,} {events:>7,} {peak:9.1f}"
        )
        previous = (size, seconds)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS (generation included): {max_rss:.0f} MiB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:] if a != "--bare"] or DEFAULT_SIZES)
