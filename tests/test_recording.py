from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from brief.errors import ReplayMissError
from brief.models.base import ChatRequest, request_key
from brief.models.recording import RecordingChatModel, ReplayChatModel
from fakes import FakeChatModel, extraction


def _request(text: str = "article") -> ChatRequest:
    return ChatRequest(
        messages=({"role": "system", "content": "sys"}, {"role": "user", "content": text}),
        prompt_version="test-v1",
        schema_name="s",
        schema={"type": "object"},
        label="'a.txt'",
    )


def test_key_changes_with_everything_that_changes_the_answer() -> None:
    base = _request()
    keys = {
        request_key("m", base),
        request_key("other-model", base),
        request_key("m", replace(base, prompt_version="test-v2")),
        request_key("m", _request("another article")),
        request_key("m", replace(base, schema={"type": "array"})),
        request_key("m", replace(base, repeat_penalty=1.1)),
    }
    assert len(keys) == 6
    assert request_key("m", replace(base, label="ignored")) == request_key("m", base)


def test_recorded_answer_replays_without_the_model(tmp_path: Path) -> None:
    fake = FakeChatModel().enqueue(extraction())
    recorder = RecordingChatModel(fake, tmp_path)
    first = recorder.complete(_request())
    files = list(tmp_path.glob("*.json"))
    assert [f.stem for f in files] == [request_key("fake-model", _request())]
    document = json.loads(files[0].read_text())
    assert document["request"]["model"] == "fake-model"
    assert document["response"]["content"] == first.content

    replayed = ReplayChatModel(tmp_path, "fake-model").complete(_request())
    assert replayed == first


def test_replay_miss_names_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ReplayMissError) as info:
        ReplayChatModel(tmp_path, "fake-model").complete(_request())
    message = str(info.value)
    assert request_key("fake-model", _request()) in message
    assert "'a.txt'" in message and "--record" in message
