"""The OpenAI-protocol backend against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from typing import Any

import openai
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from brief.errors import ModelHTTPError
from brief.models.base import ChatRequest
from brief.models.openai import OpenAIChatModel
from chat_server import completion

PLANTED_KEY = "sk-test-PLANTED-0123456789abcdef"
PATH = "/v1/chat/completions"


def _request() -> ChatRequest:
    return ChatRequest(
        messages=({"role": "system", "content": "sys"}, {"role": "user", "content": "hi"}),
        prompt_version="t",
        schema_name="thing",
        schema={"type": "object"},
        schema_hint="SCHEMA: {schema}",
    )


def _model(server: HTTPServer, **kw: Any) -> OpenAIChatModel:
    client = openai.OpenAI(api_key=PLANTED_KEY, base_url=server.url_for("/v1"), timeout=2.0)
    return OpenAIChatModel(client, "m", sleep=lambda seconds: None, **kw)


def test_asks_for_json_schema_and_reads_usage(httpserver: HTTPServer) -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: Request) -> Response:
        seen.append(request.get_json())
        assert request.headers["Authorization"] == f"Bearer {PLANTED_KEY}"
        return Response(json.dumps(completion('{"a": 1}')), content_type="application/json")

    httpserver.expect_request(PATH, method="POST").respond_with_handler(handler)
    response = _model(httpserver).complete(_request())
    assert response.content == '{"a": 1}'
    assert (response.prompt_tokens, response.completion_tokens) == (11, 7)
    assert seen[0]["response_format"]["type"] == "json_schema"
    assert seen[0]["response_format"]["json_schema"]["schema"] == {"type": "object"}


def test_falls_back_to_json_mode_with_schema_in_prompt(httpserver: HTTPServer) -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: Request) -> Response:
        body = request.get_json()
        seen.append(body)
        if body["response_format"]["type"] == "json_schema":
            error = {"error": {"message": "response_format json_schema is not supported"}}
            return Response(json.dumps(error), status=400, content_type="application/json")
        return Response(json.dumps(completion("{}")), content_type="application/json")

    httpserver.expect_request(PATH, method="POST").respond_with_handler(handler)
    model = _model(httpserver)
    model.complete(_request())
    model.complete(_request())
    assert [b["response_format"]["type"] for b in seen] == [
        "json_schema",
        "json_object",
        "json_object",
    ]
    assert seen[1]["messages"][0]["content"].endswith('SCHEMA: {"type": "object"}')


def test_429_with_retry_after_is_retried_and_honoured(httpserver: HTTPServer) -> None:
    waits: list[float] = []
    replies = [
        Response("slow down", status=429, headers={"Retry-After": "3"}),
        Response(json.dumps(completion("{}")), content_type="application/json"),
    ]
    httpserver.expect_request(PATH).respond_with_handler(lambda r: replies.pop(0))
    client = openai.OpenAI(api_key=PLANTED_KEY, base_url=httpserver.url_for("/v1"))
    model = OpenAIChatModel(client, "m", sleep=waits.append)
    assert model.complete(_request()).content == "{}"
    assert waits == [3.0]
    assert len(httpserver.log) == 2


def test_server_errors_stop_after_the_retry_budget_with_one_clean_line(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request(PATH).respond_with_data("boom", status=503)
    model = _model(httpserver, max_retries=2)
    with pytest.raises(ModelHTTPError) as info:
        model.complete(_request())
    assert info.value.status_code == 503
    assert len(httpserver.log) == 3  # one try and two retries: the SDK's own retries are off
    assert PLANTED_KEY not in str(info.value)


def test_bad_request_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json(
        {"error": {"message": "bad model"}}, status=404
    )
    with pytest.raises(ModelHTTPError, match="HTTP 404"):
        _model(httpserver).complete(_request())
    assert len(httpserver.log) == 1


def test_refusal_and_truncation_are_passed_on(httpserver: HTTPServer) -> None:
    body = completion("", finish_reason="length")
    body["choices"][0]["message"]["refusal"] = "no"
    httpserver.expect_request(PATH).respond_with_json(body)
    response = _model(httpserver).complete(_request())
    assert response.finish_reason == "length" and response.refusal == "no"


@pytest.mark.parametrize("usage", ["lots", {"prompt_tokens": -5, "completion_tokens": "7"},
                                   {"prompt_tokens": 1.5}, None, [1, 2]])  # fmt: skip
def test_a_malformed_usage_field_costs_the_count_not_the_answer(
    httpserver: HTTPServer, usage: object
) -> None:
    body = completion('{"a": 1}')
    body["usage"] = usage
    httpserver.expect_request(PATH, method="POST").respond_with_data(
        json.dumps(body), content_type="application/json"
    )
    response = _model(httpserver).complete(_request())
    assert response.content == '{"a": 1}'
    assert (response.prompt_tokens, response.completion_tokens) == (0, 0)
