"""Bulk runs through the Batch API, against a fake Batch API on a real HTTP server on 127.0.0.1
(tests/batch_server.py), through the command line: submit → status → collect, and everything
that can go wrong between them.

The chat-completions test server shares the base URL, as it would on OpenAI or vLLM: a collect
that re-asks about an invalid answer online is counted there, and so is any model call a
collect should not make.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner, Result

from batch_server import FakeBatchServer
from brief.batch import collect as batch_collect
from brief.batch.state import load_state, state_lock
from brief.batch.submit import (
    Limits,
    PartRequest,
    chunk_lines,
    corpus_requests,
)
from brief.cli import options as cli_options
from brief.cli.commands import app
from brief.config import Settings, load_settings
from brief.errors import BatchError
from brief.extract.extractor import Extractor
from brief.ingest.articles import article_from_text, read_articles
from brief.models.cache import ExtractionCache
from brief.models.openai_batch import BatchAPI
from brief.models.prompts import load_extraction_prompt
from chat_server import ChatServer, write_articles
from fakes import FakeChatModel

KEY = "sk-planted-BATCH-3e9a77c0d15b"


@pytest.fixture(autouse=True)
def no_real_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    def settings(**flags: Any) -> Settings:
        return load_settings(
            os.environ,
            max_retries=1,
            backoff_initial=0.0,
            backoff_max=0.0,
            **{**flags, "gists": False},
        )

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)


@pytest.fixture
def fake(server: HTTPServer) -> Iterator[FakeBatchServer]:
    yield FakeBatchServer(server)
    server.clear()


def brief(fake: FakeBatchServer, *args: str) -> Result:
    """`brief --base-url FAKE ARGS...` with the planted key, as a fresh process would run it."""
    return CliRunner().invoke(app, ["--base-url", fake.url, *args], env={"OPENAI_API_KEY": KEY})


def submitted(result: Result) -> list[str]:
    """The batch ids a submit printed on stdout."""
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def keys_of(folder: Path) -> list[str]:
    """The cache keys brief computes for the folder's requests (gpt-4o-mini, default prompt)."""
    model = FakeChatModel("gpt-4o-mini")
    extractor = Extractor(model=model, prompt=load_extraction_prompt())
    return [p.key for p in corpus_requests(read_articles([folder]).articles, extractor)]


# ------------------------------------------------------------------ the whole cycle


def test_submit_status_collect_gives_the_brief_an_online_summarize_gives(
    fake: FakeBatchServer, chat: ChatServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 5)

    ids = submitted(brief(fake, "batch", "submit", str(folder)))
    assert len(ids) == 1
    lines = fake.input_lines()
    assert sorted(line["custom_id"] for line in lines) == sorted(keys_of(folder))
    assert {line["url"] for line in lines} == {"/v1/chat/completions"}
    assert all(line["body"]["model"] == "gpt-4o-mini" for line in lines)
    assert lines[0]["body"]["response_format"]["type"] == "json_schema"

    status = brief(fake, "batch", "status")
    assert status.exit_code == 0, status.output
    assert f"{ids[0]}  in_progress" in status.stdout and "running" in status.stdout

    early = brief(fake, "batch", "collect", "-o", str(tmp_path / "early.md"))
    assert early.exit_code == 6, early.output
    assert "still in 1 running batch" in early.stderr
    assert not (tmp_path / "early.md").exists()

    fake.complete()
    assert "ready to collect" in brief(fake, "batch", "status").stdout
    out = tmp_path / "batch.md"
    collected = brief(fake, "batch", "collect", "-o", str(out))
    assert collected.exit_code == 0, collected.output
    assert "5 of 5 requests cached" in collected.stderr
    assert sum(chat.counts().values()) == 0  # the brief came from the cache alone
    assert "0 model calls, 5 cache hits" in collected.stderr
    assert "collected" in brief(fake, "batch", "status").stdout

    online = tmp_path / "online.md"
    args = [
        "--base-url",
        chat.url,
        "--cache-dir",
        str(tmp_path / "online-cache"),
        "summarize",
        str(folder),
        "-o",
        str(online),
    ]
    result = CliRunner().invoke(app, args, env={"OPENAI_API_KEY": KEY})
    assert result.exit_code == 0, result.output
    assert sum(chat.counts().values()) == 5
    assert out.read_text() == online.read_text()


def test_answers_are_matched_by_custom_id_whatever_their_order(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 8)
    submitted(brief(fake, "batch", "submit", str(folder)))
    fake.complete()
    batch = next(iter(fake.batches.values()))
    output = [
        json.loads(line)["custom_id"] for line in fake.files[batch["output_file_id"]].splitlines()
    ]
    assert output != [line["custom_id"] for line in fake.input_lines()]  # really shuffled
    out = tmp_path / "brief.json"
    result = brief(fake, "batch", "collect", "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    sources = json.loads(out.read_text())["sources"]
    assert sorted(Path(s["path"]).name for s in sources) == [f"story_{i:03d}.txt" for i in range(8)]


# ------------------------------------------------------------------ what goes wrong


def test_failed_lines_are_reported_and_a_second_submit_sends_only_those(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 5)
    fake.failing = {1, 3}
    submitted(brief(fake, "batch", "submit", str(folder)))
    fake.complete()

    out = tmp_path / "brief.md"
    result = brief(fake, "batch", "collect", "-o", str(out))
    assert result.exit_code == 1, result.output  # a brief, with two articles missing
    assert "3 of 5 requests cached" in result.stderr
    lost = [line for line in result.stderr.splitlines() if line.startswith("lost:")]
    assert len(lost) == 1 and "2 requests" in lost[0] and "HTTP 500" in lost[0]
    assert "story_001.txt" in lost[0] and "story_003.txt" in lost[0]
    assert "brief batch submit" in result.stderr
    text = out.read_text().replace("\\_", "_")  # Markdown escapes underscores
    assert "story_001.txt — model: the request failed (HTTP 500)" in text  # not processed

    fake.failing = set()
    again = submitted(brief(fake, "batch", "submit", str(folder)))
    assert len(again) == 1
    assert sorted(fake.markers(again[0])) == [1, 3]
    fake.complete()
    result = brief(fake, "batch", "collect", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "HTTP 500" not in out.read_text()


def test_an_expired_batch_keeps_what_it_finished_and_names_what_it_lost(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 6)
    (batch_id,) = submitted(brief(fake, "batch", "submit", str(folder)))
    fake.expire(batch_id, answered=4)

    result = brief(fake, "batch", "collect", "-o", str(tmp_path / "brief.md"))
    assert result.exit_code == 1, result.output
    assert f"collected {batch_id} (expired): 4 of 6" in result.stderr
    assert (
        f"2 requests (2 articles: story_004.txt, story_005.txt): not answered: "
        f"batch {batch_id} expired" in result.stderr.replace(str(folder) + "/", "")
    )
    state = load_state(tmp_path / "brief-cache" / "batches.json")
    assert len(state.batches[0].lost) == 2

    again = submitted(brief(fake, "batch", "submit", str(folder)))
    assert sorted(fake.markers(again[0])) == [4, 5]


def test_a_failed_batch_and_a_cancelled_one_are_reported_with_their_reason(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", 2)
    (failed,) = submitted(brief(fake, "batch", "submit", str(tmp_path / "a")))
    fake.fail(failed, "line 1: model not found")
    for i, path in enumerate(write_articles(tmp_path / "b", 4)[2:]):
        path.rename(tmp_path / "b" / f"other_{i}.txt")
    (cancelled,) = submitted(brief(fake, "batch", "submit", str(tmp_path / "b")))
    result = brief(fake, "batch", "cancel")
    assert result.exit_code == 0, result.output
    assert fake.batches[cancelled]["status"] == "cancelled"

    result = brief(fake, "batch", "collect")
    assert result.exit_code == 4, result.output  # nothing at all to brief
    assert (
        f"not answered: batch {failed} failed; invalid_request: line 1: model not found"
        in result.stderr
    )
    assert f"not answered: batch {cancelled} cancelled" in result.stderr
    assert "Traceback" not in result.output


def test_collect_runs_from_the_state_file_alone_on_another_machine(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 3)
    state = tmp_path / "shared" / "nightly.json"
    submitted(
        brief(
            fake,
            "--cache-dir",
            str(tmp_path / "mine"),
            "batch",
            "submit",
            str(folder),
            "--state",
            str(state),
        )
    )
    fake.complete()

    # A colleague: the same state file, a copy of the corpus elsewhere, an empty cache.
    theirs = tmp_path / "colleague"
    shutil.copytree(folder, theirs / "articles")
    shutil.copy(state, theirs / "nightly.json")
    out = theirs / "brief.md"
    result = brief(
        fake,
        "--cache-dir",
        str(theirs / "cache"),
        "batch",
        "collect",
        str(theirs / "articles"),
        "--state",
        str(theirs / "nightly.json"),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "0 model calls, 3 cache hits" in result.stderr
    assert len(ExtractionCache(theirs / "cache")) == 3

    # Or with the state file and nothing else: the corpus recorded at submit is read.
    again = brief(
        fake, "--cache-dir", str(tmp_path / "third"), "batch", "collect", "--state", str(state)
    )
    assert again.exit_code == 0, again.output
    assert "story\\_002.txt" in again.stdout


def test_a_collect_cut_short_goes_on_where_it_stopped(
    fake: FakeBatchServer, chat: ChatServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 4)
    fake.invalid = {0}
    first, second = submitted(brief(fake, "batch", "submit", str(folder), "--max-requests", "2"))
    fake.complete()
    fake.unavailable = {fake.batches[second]["output_file_id"]}
    broken = brief(fake, "batch", "collect")
    assert broken.exit_code == 4, broken.output
    assert "HTTP 503" in broken.stderr and "Traceback" not in broken.output
    assert chat.counts() == {0: 1}  # the first batch's invalid answer, re-asked online
    state = load_state(tmp_path / "brief-cache" / "batches.json")
    assert [b.collected for b in state.batches] == [True, False]

    fake.unavailable = set()
    result = brief(fake, "batch", "collect")
    assert result.exit_code == 0, result.output
    assert f"collected {first}" not in result.stderr and f"collected {second}" in result.stderr
    assert chat.counts() == {0: 1}  # nothing asked twice


def test_summarize_batch_submits_and_collect_needs_the_same_model(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 2)
    (batch_id,) = submitted(brief(fake, "--model", "m-small", "summarize", str(folder), "--batch"))
    assert {line["body"]["model"] for line in fake.input_lines()} == {"m-small"}
    fake.complete()
    other = brief(fake, "--model", "m-large", "batch", "collect")
    assert other.exit_code == 2
    assert f"batch {batch_id} was submitted with model 'm-small'" in other.stderr
    assert brief(fake, "--no-cache", "batch", "collect").exit_code == 2
    same = brief(fake, "batch", "collect")  # the state file says which model
    assert same.exit_code == 0, same.output


def test_a_corpus_past_the_limits_is_split_into_several_batches(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 7)
    fake.max_requests = 3  # the server refuses more: brief must split below it
    ids = submitted(brief(fake, "batch", "submit", str(folder), "--max-requests", "3"))
    assert [len(fake.input_lines(i)) for i in ids] == [3, 3, 1]

    more = tmp_path / "more"
    for i, path in enumerate(write_articles(more, 17)[7:]):
        path.rename(more / f"extra_{i}.txt")
    for path in more.glob("story_*"):
        path.unlink()
    sizes = [len(json.dumps(line)) + 1 for line in fake.input_lines()]
    limit = int(max(sizes) * 2.5)  # two lines fit, three do not
    fake.max_bytes = limit
    fake.max_requests = 50_000
    by_size = submitted(brief(fake, "batch", "submit", str(more), "--max-bytes", str(limit)))
    assert [len(fake.input_lines(i)) for i in by_size] == [2, 2, 2, 2, 2]
    assert all(len(fake.files[fake.batches[i]["input_file_id"]]) <= limit for i in by_size)
    assert sorted(fake.markers()) == list(range(17))

    fake.complete()
    result = brief(fake, "batch", "collect", str(folder), str(more), "-o", str(tmp_path / "b.md"))
    assert result.exit_code == 0, result.output
    assert "17 articles read, 17 summarized" in result.stderr


def test_nothing_is_paid_for_twice(fake: FakeBatchServer, chat: ChatServer, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    paths = write_articles(folder, 4)
    # Two articles were summarized online before: they are in the cache.
    online = CliRunner().invoke(
        app,
        ["--base-url", chat.url, "summarize", *map(str, paths[:2])],
        env={"OPENAI_API_KEY": KEY},
    )
    assert online.exit_code == 0, online.output
    (first,) = submitted(brief(fake, "batch", "submit", str(folder)))
    assert sorted(fake.markers(first)) == [2, 3]

    pending = brief(fake, "batch", "submit", str(folder))
    assert submitted(pending) == []
    assert "2 already cached, 2 already in batches not collected yet" in pending.stderr
    assert f"still to collect: {first}" in pending.stderr

    fake.complete()
    assert brief(fake, "batch", "collect").exit_code == 0
    after = brief(fake, "batch", "submit", str(folder))
    assert submitted(after) == [] and len(fake.batches) == 1
    assert "0 requests submitted in 0 batch(es), 4 already cached" in after.stderr


def test_an_invalid_answer_is_asked_again_online_with_the_conversation_continued(
    fake: FakeBatchServer, chat: ChatServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 4)
    fake.invalid = {1, 2}
    submitted(brief(fake, "batch", "submit", str(folder)))
    fake.complete()
    seen: list[dict[str, Any]] = []
    real = chat._handle
    chat.server.clear()
    FakeBatchServer.__post_init__(fake)  # the batch endpoints again, after clear()

    def handle(request: Any) -> Any:
        seen.append(request.get_json())
        return real(request)

    chat.server.expect_request("/v1/chat/completions").respond_with_handler(handle)
    result = brief(fake, "batch", "collect", "-o", str(tmp_path / "b.md"))
    assert result.exit_code == 0, result.output
    assert chat.counts() == {1: 1, 2: 1}
    for body in seen:
        messages = body["messages"]
        assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
        assert "cites sentence(s) [3]" in messages[3]["content"]
    assert "2 invalid answers fixed online (2 model calls)" in result.stderr


def test_an_invalid_answer_can_be_resubmitted_as_a_new_batch_instead(
    fake: FakeBatchServer, chat: ChatServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 4)
    fake.invalid = {2}
    submitted(brief(fake, "batch", "submit", str(folder)))
    fake.complete()
    result = brief(fake, "batch", "collect", "--invalid", "resubmit")
    assert result.exit_code == 6, result.output  # the resubmitted line is still running
    assert "resubmitted 1 invalid answer as batch_002" in result.stderr
    (line,) = fake.input_lines("batch_002")
    assert [m["role"] for m in line["body"]["messages"]] == ["system", "user", "assistant", "user"]
    assert line["custom_id"] == fake.input_lines("batch_001")[2]["custom_id"]
    assert sum(chat.counts().values()) == 0

    fake.complete()
    result = brief(fake, "batch", "collect", "--invalid", "resubmit")
    assert result.exit_code == 0, result.output
    assert sum(chat.counts().values()) == 0


def test_a_collect_cut_short_after_resubmitting_does_not_resubmit_again(
    fake: FakeBatchServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path / "articles", 3)
    fake.invalid = {1}
    submitted(brief(fake, "batch", "submit", str(tmp_path / "articles")))
    fake.complete()
    real_submit = batch_collect.submit

    def submit_then_crash(*args: Any, **kwargs: Any) -> Any:
        real_submit(*args, **kwargs)
        raise KeyboardInterrupt  # after the new batch exists, before the old one is marked

    monkeypatch.setattr(batch_collect, "submit", submit_then_crash)
    crashed = brief(fake, "batch", "collect", "--invalid", "resubmit")
    assert crashed.exit_code == 130, crashed.output
    assert len(fake.batches) == 2
    monkeypatch.setattr(batch_collect, "submit", real_submit)

    again = brief(fake, "batch", "collect", "--invalid", "resubmit")
    assert again.exit_code == 6, again.output  # waiting for the resubmitted line
    assert len(fake.batches) == 2  # and not a third batch for the same line
    fake.complete()
    assert brief(fake, "batch", "collect").exit_code == 0


def test_json_mode_is_for_every_line_of_the_run_resubmissions_included(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    write_articles(tmp_path / "articles", 2)
    fake.invalid = {0}
    submitted(brief(fake, "batch", "submit", str(tmp_path / "articles"), "--json-mode"))
    fake.complete()
    assert brief(fake, "batch", "collect", "--invalid", "resubmit").exit_code == 6
    lines = fake.input_lines()
    assert len(lines) == 3
    for line in lines:
        assert line["body"]["response_format"] == {"type": "json_object"}
        assert '"actors"' in line["body"]["messages"][0]["content"]  # the schema, as text


def test_an_answer_still_invalid_after_max_attempts_is_lost_not_resubmitted_forever(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 2)
    fake.invalid = {1}
    fake.asks[1] = 0
    submitted(brief(fake, "batch", "submit", str(folder)))
    fake.complete()
    original = fake._answer

    def always_invalid(line: dict[str, Any]) -> dict[str, Any]:
        fake.asks[1] = 0  # every ask of article 1 is its "first"
        return original(line)

    fake._answer = always_invalid  # type: ignore[method-assign]
    for _ in range(2):  # attempts 2 and 3 of the default 3
        assert brief(fake, "batch", "collect", "--invalid", "resubmit").exit_code == 6
        fake.complete()
    result = brief(fake, "batch", "collect", "--invalid", "resubmit")
    assert result.exit_code == 1, result.output
    assert "still invalid after 3 attempts" in result.stderr
    assert len(fake.batches) == 3


def test_a_long_article_is_one_line_per_part(fake: FakeBatchServer, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    sentence = "Pakistan said the talks in Islamabad would go on for another week at least. "
    (folder / "long.txt").write_text("Story MARK-0 begins here. " + sentence * 250)
    submitted(brief(fake, "batch", "submit", str(folder)))
    lines = fake.input_lines()
    assert len(lines) == 2 and len({line["custom_id"] for line in lines}) == 2
    fake.complete()
    result = brief(fake, "batch", "collect", "-f", "json", "-o", str(tmp_path / "b.json"))
    assert result.exit_code == 0, result.output
    assert "0 model calls, 2 cache hits" in result.stderr


# ------------------------------------------------------------------ errors and secrets


def test_no_openai_server_is_one_line_and_exit_3(tmp_path: Path) -> None:
    write_articles(tmp_path / "a", 1)
    result = CliRunner().invoke(app, ["batch", "submit", str(tmp_path / "a")])
    assert result.exit_code == 3
    assert result.stderr.startswith("error: the Batch API needs an OpenAI-protocol server")
    assert len(result.stderr.strip().splitlines()) == 1


def test_status_without_a_state_file_says_so(fake: FakeBatchServer, tmp_path: Path) -> None:
    result = brief(fake, "batch", "status", "--state", str(tmp_path / "none.json"))
    assert result.exit_code == 2
    assert "no batch state file" in result.stderr and "brief batch submit" in result.stderr


def test_a_batch_the_server_refuses_is_one_line_and_exit_4(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", 3)
    fake.max_requests = 2
    result = brief(fake, "batch", "submit", str(tmp_path / "a"))
    assert result.exit_code == 4, result.output
    assert "HTTP 400" in result.stderr and "too large" in result.stderr
    assert "Traceback" not in result.output


def test_a_rate_limited_upload_is_retried_like_a_chat_call(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", 2)
    fake.rate_limited_uploads = 1
    assert len(submitted(brief(fake, "batch", "submit", str(tmp_path / "a")))) == 1
    assert len(fake.files) == 1  # the retry uploaded it once, not twice
    fake.rate_limited_uploads = 2  # more than the one retry these tests allow
    result = brief(
        fake, "batch", "submit", str(tmp_path / "a"), "--state", str(tmp_path / "other.json")
    )
    assert result.exit_code == 4
    assert "uploading brief-extract-v2-" in result.stderr and "HTTP 429" in result.stderr


def test_planted_key_is_in_no_file_the_batch_workflow_writes(
    fake: FakeBatchServer, chat: ChatServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 4)
    fake.failing, fake.invalid = {1}, {2}
    run = tmp_path / "run"
    common = ["--cache-dir", str(run / "cache"), "batch"]
    state = ["--state", str(run / "state.json")]
    submitted(brief(fake, *common, "submit", str(folder), *state))
    assert brief(fake, *common, "status", *state).exit_code == 0
    fake.complete()
    result = brief(fake, *common, "collect", *state, "-o", str(run / "brief.md"))
    assert result.exit_code == 1, result.output
    assert chat.counts() == {2: 1}  # the re-ask really went out with the key
    assert f"Bearer {KEY}" in fake.authorizations
    written = [p for p in run.rglob("*") if p.is_file()]
    assert {"state.json", "brief.md", "cache.sqlite3"} <= {p.name for p in written}
    for path in written:
        assert KEY.encode() not in path.read_bytes(), path
    assert KEY not in result.output


# ------------------------------------------------------------------ the library


def _part(n: int) -> PartRequest:
    article = article_from_text("Pakistan called for calm.", f"a{n}.txt")
    request, key = Extractor(FakeChatModel(), load_extraction_prompt()).part_request(article, 1, 1)
    return PartRequest(key, article, 1, 1, request)


def test_chunks_respect_both_limits_and_refuse_a_line_too_big_for_any() -> None:
    lines = [(_part(n), b"x" * size) for n, size in enumerate([40, 40, 40, 10, 90, 5])]
    chunks = list(chunk_lines(iter(lines), max_requests=2, max_bytes=100))
    assert [[len(line) for _, line in c] for c in chunks] == [[40, 40], [40, 10], [90, 5]]
    chunks = list(chunk_lines(iter(lines), max_requests=5, max_bytes=95))
    assert [[len(line) for _, line in c] for c in chunks] == [[40, 40], [40, 10], [90, 5]]
    with pytest.raises(BatchError, match="more than one batch file may hold"):
        list(chunk_lines(iter([(_part(0), b"x" * 101)]), max_requests=5, max_bytes=100))


def test_limits_default_to_the_openai_batch_limits() -> None:
    assert Limits() == Limits(50_000, 200_000_000)


# --------------------------------------------------------------- stops and collisions


def test_an_interrupt_while_a_batch_is_created_never_pays_for_it_twice(
    fake: FakeBatchServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C lands after the server has made the batch but before its answer is read:
    the next submit finds that batch by its input file and sends nothing again."""
    folder = tmp_path / "articles"
    write_articles(folder, 3)
    real_create = BatchAPI.create

    def create_then_interrupt(self: BatchAPI, file_id: str, metadata: dict[str, str]) -> Any:
        real_create(self, file_id, metadata)
        raise KeyboardInterrupt

    monkeypatch.setattr(BatchAPI, "create", create_then_interrupt)
    first = brief(fake, "batch", "submit", str(folder))
    assert first.exit_code == 130, first.output
    assert len(fake.batches) == 1 and len(fake.files) == 1
    monkeypatch.setattr(BatchAPI, "create", real_create)

    again = brief(fake, "batch", "submit", str(folder))
    assert again.exit_code == 0, again.output
    assert len(fake.batches) == 1 and len(fake.files) == 1  # nothing uploaded or made again
    status = brief(fake, "batch", "status")
    assert "batch_001" in status.stdout


def test_a_batch_never_made_is_forgotten_and_its_requests_sent_by_the_next_submit(
    fake: FakeBatchServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 3)

    def interrupted(self: BatchAPI, file_id: str, metadata: dict[str, str]) -> Any:
        raise KeyboardInterrupt  # before the request left

    real_create = BatchAPI.create
    monkeypatch.setattr(BatchAPI, "create", interrupted)
    assert brief(fake, "batch", "submit", str(folder)).exit_code == 130
    monkeypatch.setattr(BatchAPI, "create", real_create)
    assert submitted(brief(fake, "batch", "submit", str(folder))) == ["batch_001"]
    assert len(fake.input_lines()) == 3


def test_a_second_submit_while_one_runs_is_refused_in_one_line(
    fake: FakeBatchServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 2)
    state = tmp_path / "state.json"
    with state_lock(state):  # another brief batch command holds the state file
        result = brief(fake, "batch", "submit", str(folder), "--state", str(state))
    assert result.exit_code == 2, result.output
    assert "another brief batch command is using" in result.stderr
    assert fake.files == {}  # refused before anything was uploaded
    assert submitted(brief(fake, "batch", "submit", str(folder), "--state", str(state)))


def test_a_garbage_line_in_an_output_file_costs_that_line_alone(
    fake: FakeBatchServer, chat: ChatServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 3)
    [batch_id] = submitted(brief(fake, "batch", "submit", str(folder)))
    fake.complete()
    output = fake.batches[batch_id]["output_file_id"]
    fake.files[output] = fake.files[output] + b"this is not json\n"
    collected = brief(fake, "batch", "collect", "-o", str(tmp_path / "b.md"))
    assert collected.exit_code == 0, collected.output
    assert f"line 4 of file {output} is not a batch result: skipped" in collected.stderr
    assert "3 of 3 requests cached" in collected.stderr
