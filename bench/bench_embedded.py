"""Seconds, tokens and peak memory per article for the embedded model on the seeds.

    .venv/bin/python bench/bench_embedded.py [--model qwen2.5-coder-1.5b]
        [--prompt extract.v4|extract.v3|extract.v2] [PATH ...]

No cache is used, so every article is a real model call. The model and the English
pipeline are loaded once (their load times are reported apart), as `brief summarize` does.
The parse of each article (speakers, doers, targets) is timed apart from the model's work:
"parse" is the spaCy pipeline and the attribution rules, "model" the rest of the article.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from brief.config import load_settings
from brief.extract.extractor import Extractor
from brief.ingest.articles import read_articles
from brief.language.attribution import attribute
from brief.language.english import english_pipeline
from brief.models.backends import EMBEDDED_PROMPT, backend_profile, build_chat_model
from brief.models.prompts import load_extraction_prompt

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(REPO / "seeds")])
    parser.add_argument("--model", default=None, help="embedded model name or prefix")
    parser.add_argument("--model-path", default=None, help="any GGUF file")
    parser.add_argument("--prompt", default=EMBEDDED_PROMPT, help="prompt file in prompts/")
    args = parser.parse_args()

    settings = load_settings(
        os.environ,
        backend="embedded",
        model=args.model,
        model_path=args.model_path,
        use_cache=False,
    )
    model = build_chat_model(settings, backend_profile(settings))
    extractor = Extractor(model=model, prompt=load_extraction_prompt(args.prompt))
    articles = read_articles(args.paths).articles

    started = time.perf_counter()
    model._load()  # type: ignore[attr-defined]
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    english_pipeline()
    parser_load = time.perf_counter() - started

    print(
        f"model {model.name}, prompt {args.prompt}, {os.cpu_count()} cores, "
        f"load {load_seconds:.1f} s, English pipeline load {parser_load:.1f} s"
    )
    print(f"{'article':34} {'sec':>6} {'parse':>6} {'prompt':>7} {'compl':>6} {'calls':>5}  result")
    totals = [0.0, 0, 0, 0.0]
    for article in articles:
        t0 = time.perf_counter()
        attribute(article)  # cached: the extraction below reuses it
        parse_seconds = time.perf_counter() - t0
        outcome = extractor.extract(article)
        seconds = time.perf_counter() - t0
        totals[3] += parse_seconds
        usage = outcome.usage
        totals[0] += seconds
        totals[1] += usage.prompt_tokens
        totals[2] += usage.completion_tokens
        result = "ok" if outcome.ok else f"FAILED: {outcome.error}"[:60]
        print(
            f"{Path(article.path).name[:34]:34} {seconds:6.1f} {parse_seconds:6.2f} "
            f"{usage.prompt_tokens:7d} "
            f"{usage.completion_tokens:6d} {usage.calls:5d}  {result}"
        )
    n = max(len(articles), 1)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{'mean per article':34} {totals[0] / n:6.1f} {totals[3] / n:6.2f} "
        f"{totals[1] / n:7.0f} {totals[2] / n:6.0f}"
    )
    print(
        f"completion speed {totals[2] / max(totals[0], 1e-9):.1f} tok/s overall; "
        f"peak RSS {peak_mib:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
