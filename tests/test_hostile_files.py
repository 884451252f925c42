"""Odd files in one folder, through the command line against a real HTTP server on 127.0.0.1:
a 5 MB article, a symlink loop, an unreadable file and a file deleted during the run. The run
finishes, every good article is in the brief, and each problem is named with its reason."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from brief.cli.commands import app
from chat_server import PATH, completion, json_reply
from fakes import extraction
from open_hooks import before_open

KEY = "sk-planted-HOSTILE-0b7e41"
MAX_PARTS = 8  # the extractor's bound on calls for one article


class FakeModelServer:
    """A real HTTP server answering with a fake model's valid extraction for whichever
    sentences a request shows (read from the schema's enum). The first request deletes
    `doomed` and releases `first_request`."""

    def __init__(self, server: HTTPServer, doomed: Path) -> None:
        self.doomed = doomed
        self.first_request = threading.Event()
        self.prompts: list[str] = []
        self._lock = threading.Lock()
        server.expect_request(PATH, method="POST").respond_with_handler(self._handle)

    def _handle(self, request: Request) -> Response:
        body = request.get_json()
        self.doomed.unlink(missing_ok=True)
        self.first_request.set()
        with self._lock:
            self.prompts.append(body["messages"][1]["content"])
        if body["response_format"]["type"] != "json_schema":
            return json_reply(completion(""))  # a gist or bottom line: no wording
        schema = body["response_format"]["json_schema"]["schema"]
        first = schema["$defs"]["ExtractedPosition"]["properties"]["sentences"]["items"]["enum"][0]
        answer = extraction()
        answer["positions"][0]["sentences"] = answer["events"][0]["sentences"] = [first]
        return json_reply(completion(json.dumps(answer)))

    def requests_for(self, word: str) -> int:
        with self._lock:
            return sum(word in prompt for prompt in self.prompts)


def five_megabytes() -> str:
    sentence = (
        "Officials in Islamabad said talks with Tehran on border security, trade and the "
        "return of refugees would continue next week, and both sides urged restraint"
    )
    paragraphs = [
        f"In report {i}, {sentence}. {sentence} again. {sentence} once more." for i in range(10_500)
    ]
    return "Bigstory headline\n\n" + "\n\n".join(paragraphs)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "corpus"
    (folder / "loop").mkdir(parents=True)
    (folder / "a_big.txt").write_text(five_megabytes())
    for name in ("b", "e"):
        (folder / f"{name}_story.txt").write_text(
            f"Story {name.upper()}\n\nPakistan called for calm in {name}. Talks went on.\n"
        )
    (folder / "c_locked.txt").write_text("Locked story. Nobody may read it.\n")
    (folder / "f_gone.txt").write_text("Gone story. It is deleted during the run.\n")
    os.symlink(folder, folder / "loop" / "again")
    assert (folder / "a_big.txt").stat().st_size > 5_000_000
    return folder


def hostile_reads(monkeypatch: pytest.MonkeyPatch, first_request: threading.Event) -> None:
    """c_locked.txt cannot be opened (tests run as root, so chmod would not stop a read);
    e_story.txt is read only once the server has had its first request."""

    def hostile_hook(path: Path) -> None:
        if path.name == "c_locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        if path.name == "e_story.txt" and not first_request.wait(60):
            raise AssertionError("the model was not called while the folder was being read")

    before_open(monkeypatch, hostile_hook)


def test_odd_files_are_named_and_every_good_article_is_briefed(
    server: HTTPServer, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeModelServer(server, doomed=corpus / "f_gone.txt")
    hostile_reads(monkeypatch, fake.first_request)
    args = ["--base-url", server.url_for("/v1"), "--concurrency", "4", "summarize", str(corpus)]
    try:
        result = CliRunner().invoke(app, args, env={"OPENAI_API_KEY": KEY})
    finally:
        server.clear()
    assert result.exit_code == 1, result.output  # a brief, with inputs skipped
    stderr = result.stderr
    assert f"skipped: {corpus / 'c_locked.txt'}: cannot read: Permission denied" in stderr
    assert f"skipped: {corpus / 'f_gone.txt'}: file disappeared before it could be read" in stderr
    assert f"skipped: {corpus / 'loop' / 'again'}" in stderr
    assert f"warning: {corpus / 'a_big.txt'}: read sentences 1-" in stderr
    assert "3 articles read, 3 summarized" in stderr and "0 failed, 3 skipped" in stderr
    # The 5 MB article is read in at most MAX_PARTS calls, not hundreds.
    assert fake.requests_for("Bigstory") == MAX_PARTS
    brief = result.stdout
    assert "3 sources" in brief
    for title in ("Bigstory headline", "Story B", "Story E"):
        assert title in brief
    assert "## Read in part" in brief
    assert KEY not in result.output
