"""The OpenAI chat-completions protocol: OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp server.

Structured output: ask for `json_schema` first; a server that rejects it gets JSON mode with
the schema written into the prompt, and keeps getting it for the rest of the run. The answer
is validated on our side either way (structured.py), since some servers accept a schema and
ignore it.

Transport retries (429, 5xx, timeouts, dropped connections) live here, with exponential
backoff and jitter, honouring Retry-After. The SDK's own retries are off so that there is
exactly one retry layer. Every HTTP attempt, retries included, waits for the optional
requests-per-minute limiter, which all threads using this model share.

The model is called from several threads at once (pipeline's thread pool): the SDK's client
is thread-safe, and the only state here is a counter behind a lock and the structured-output
mode, whose one possible change (to JSON mode) is the same whichever thread makes it.
"""

from __future__ import annotations

import dataclasses
import json
import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

import httpx
import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from brief.config import hide_credentials, secret_forms
from brief.errors import ModelError, ModelHTTPError
from brief.models.base import STOP, ChatRequest, ChatResponse, check_not_stopped
from brief.models.ratelimit import RateLimiter

StructuredMode = Literal["json_schema", "json_object"]

NO_KEY = "no-key"  # what the SDK is given for a local server that needs no key
REDACTED = "[redacted]"
RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, openai.APIConnectionError):  # includes APITimeoutError
        return True
    return isinstance(error, openai.APIStatusError) and error.status_code in RETRYABLE_STATUS


def _retry_after(error: BaseException | None) -> float | None:
    if not isinstance(error, openai.APIStatusError):
        return None
    value = error.response.headers.get("retry-after")
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None  # an HTTP-date Retry-After falls back to our own backoff
    if seconds is None or not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)  # "-5" means now, not a crash


def _wait_unless_stopped(seconds: float) -> None:
    STOP.wait(seconds)


def _rejects_json_schema(error: openai.BadRequestError) -> bool:
    text = str(error).lower()
    return any(word in text for word in ("response_format", "json_schema", "schema"))


class OpenAIChatModel:
    """A chat model reached over the OpenAI protocol. The client is passed in."""

    concurrent = True

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        *,
        mode: StructuredMode = "json_schema",
        max_retries: int = 4,
        backoff_initial: float = 1.0,
        backoff_max: float = 30.0,
        sleep: Callable[[float], None] | None = None,
        rate_limiter: RateLimiter | None = None,
        secrets: Iterable[str] = (),
        timeout: float = MAX_RETRY_AFTER,
    ) -> None:
        self.client = client.with_options(max_retries=0)  # one retry layer: ours
        self.name = model
        self.mode: StructuredMode = mode
        self.max_retries = max_retries
        # A server's Retry-After never holds the run past its own --timeout.
        self._wait = BackoffHonouringRetryAfter(backoff_initial, backoff_max, cap=timeout)
        # A backoff wait ends early on Ctrl-C (and the retry is then not sent).
        self._sleep = sleep or _wait_unless_stopped
        self._rate_limiter = rate_limiter
        self._count_lock = threading.Lock()
        self.requests_sent = 0
        # What a server must never get to write into a fixture, the cache or a message.
        known = [k for k in (client.api_key, *secrets) if k and k != NO_KEY]
        # Every form a server could echo: as sent, URL-encoded, base64 (Basic auth).
        self._secrets = secret_forms(known)

    def complete(self, request: ChatRequest) -> ChatResponse:
        attempts = 0

        def send() -> ChatResponse:
            nonlocal attempts
            check_not_stopped()  # after Ctrl-C nothing more is sent, retries included
            attempts += 1
            return self._send(request)

        try:
            return transport_retrying(self.max_retries, self._wait, self._sleep)(send)
        except openai.APIStatusError as e:
            raise ModelHTTPError(
                f"{self.name}: the server answered HTTP {e.status_code} "
                f"({_attempts(attempts)}): {self._short(e)}",
                status_code=e.status_code,
            ) from None
        except openai.APIConnectionError as e:
            raise ModelHTTPError(f"{self.name}: {self._short(e)} ({_attempts(attempts)})") from None
        except (openai.APIError, ValueError, TypeError, KeyError, AttributeError) as e:
            # A 200 whose body is a web page, broken JSON or JSON with no choices.
            raise ModelError(f"{self.name}: unreadable answer: {self._short(e)}") from None

    def _short(self, error: Exception) -> str:
        return short_error(error, secrets=self._secrets)

    def _send(self, request: ChatRequest) -> ChatResponse:
        # The mode this request was sent in, not the shared one: when several workers'
        # json_schema requests are refused together, each switches and asks again, even
        # after another worker has already switched the model to JSON mode.
        mode = self.mode
        try:
            return self._create(request, mode)
        except openai.BadRequestError as e:
            if mode == "json_schema" and request.schema and _rejects_json_schema(e):
                self.mode = "json_object"
                return self._create(request, "json_object")
            raise

    def _create(self, request: ChatRequest, mode: StructuredMode) -> ChatResponse:
        if self._rate_limiter is not None:
            self._rate_limiter.acquire()
        with self._count_lock:
            self.requests_sent += 1
        # The client's own `post` (documented for requests the SDK has no method for), not
        # `chat.completions.create`: the body is already JSON-ready, and create's walk over
        # it (the schema included) and its typed answer, dumped back to a dict at once, were
        # a fifth of brief's own CPU per article. Auth, base URL, Azure deployments, status
        # errors and timeouts are the client's as before.
        answer = self.client.post(
            "/chat/completions",
            body=chat_completion_body(self.name, request, mode),
            cast_to=httpx.Response,
        )
        response = response_from_completion(answer.json())
        return redacted(response, self._secrets)


def redacted(response: ChatResponse, secrets: Iterable[str]) -> ChatResponse:
    """The response with any secret a server echoed cut out of its text, before it reaches
    the cache, a fixture or the screen."""
    content, refusal = response.content, response.refusal
    for secret in secrets:
        content = content.replace(secret, REDACTED) if content else content
        refusal = refusal.replace(secret, REDACTED) if refusal else refusal
    if (content, refusal) == (response.content, response.refusal):
        return response
    return dataclasses.replace(response, content=content, refusal=refusal)


# Seconds an answer still arriving at Ctrl-C may take to finish before it is abandoned.
STOP_GRACE = 2.0


class DeadlineTransport(httpx.BaseTransport):
    """An HTTP transport that bounds each whole answer, not each read: a server that
    trickles a byte a second never takes longer than `seconds` (the SDK's own timeout
    restarts with every byte)."""

    def __init__(self, seconds: float, inner: httpx.BaseTransport | None = None) -> None:
        self.seconds = seconds
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = time.monotonic() + self.seconds
        response = self.inner.handle_request(request)
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_DeadlineStream(response.stream, deadline, request, self.seconds),
            extensions=response.extensions,
            request=request,
        )

    def close(self) -> None:
        self.inner.close()


class _DeadlineStream(httpx.SyncByteStream):
    def __init__(
        self, stream: Any, deadline: float, request: httpx.Request, seconds: float
    ) -> None:
        self._stream, self._deadline, self._request = stream, deadline, request
        self._seconds = seconds
        self._stop_seen: float | None = None

    def _stopped_at(self) -> float:
        if self._stop_seen is None:
            self._stop_seen = time.monotonic()
        return self._stop_seen

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            if STOP.is_set():
                # Ctrl-C: an answer still arriving gets a short grace to finish (one the
                # server has sent is paid for, and is read in milliseconds); one still
                # being written after that is abandoned.
                self._deadline = min(self._deadline, self._stopped_at() + STOP_GRACE)
            if time.monotonic() > self._deadline:
                if STOP.is_set():
                    raise httpx.ReadError("interrupted", request=self._request)
                raise httpx.ReadTimeout(
                    f"no whole answer within {self._seconds:g} s", request=self._request
                )
            yield chunk

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


def chat_completion_body(
    model: str, request: ChatRequest, mode: StructuredMode = "json_schema"
) -> dict[str, Any]:
    """The chat-completions request body: sent online here, and written as the `body` of a
    Batch API line (batch.py), so that both ask the model exactly the same thing."""
    return {
        "model": model,
        "messages": _messages_for(request, mode),
        "response_format": _response_format(request, mode),
        "temperature": request.temperature,
        "max_tokens": request.max_tokens,
    }


def response_from_completion(completion: dict[str, Any]) -> ChatResponse:
    """A chat-completion response body (online, or a Batch API output line's) as ChatResponse.

    Raises ValueError when the body has no choice to read.
    """
    try:
        choice = completion["choices"][0]
        message = choice.get("message") or {}
    except (KeyError, IndexError, TypeError, AttributeError) as e:
        raise ValueError("the response has no choices") from e
    usage = completion.get("usage")
    return ChatResponse(
        content=message.get("content"),
        finish_reason=choice.get("finish_reason") or "stop",
        prompt_tokens=_tokens(usage, "prompt_tokens"),
        completion_tokens=_tokens(usage, "completion_tokens"),
        refusal=message.get("refusal"),
    )


def _tokens(usage: object, field: str) -> int:
    """A token count of the `usage` field; 0 when it is missing or malformed (a string, a
    negative number, a float): the count is bookkeeping, the content is what was paid for."""
    value = usage.get(field) if isinstance(usage, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def transport_retrying(
    max_retries: int, wait: Callable[[RetryCallState], float], sleep: Callable[[float], None]
) -> Retrying:
    """The one transport retry policy: transient errors only, `max_retries` after the first
    try. Shared by chat calls and the Batch API's file and batch calls."""
    return Retrying(
        stop=stop_after_attempt(max_retries + 1),
        wait=wait,
        retry=retry_if_exception(lambda e: _is_transient(e) and not STOP.is_set()),
        reraise=True,
        sleep=sleep,
    )


class BackoffHonouringRetryAfter:
    """Exponential backoff with jitter, unless the server said how long to wait."""

    def __init__(self, initial: float, maximum: float, cap: float = MAX_RETRY_AFTER) -> None:
        self._backoff = wait_exponential_jitter(multiplier=initial, max=maximum)
        self._cap = min(cap, MAX_RETRY_AFTER)

    def __call__(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        server_says = _retry_after(error)
        return min(server_says, self._cap) if server_says is not None else self._backoff(state)


def _response_format(request: ChatRequest, mode: StructuredMode) -> dict[str, Any]:
    if request.schema is None:
        return {"type": "text"}
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": request.schema_name, "schema": request.schema},
        }
    return {"type": "json_object"}


def _messages_for(request: ChatRequest, mode: StructuredMode) -> list[dict[str, str]]:
    messages = [dict(m) for m in request.messages]
    if mode == "json_object" and request.schema is not None and messages:
        hint = request.schema_hint.format(schema=json.dumps(request.schema))
        messages[0]["content"] = messages[0]["content"] + "\n\n" + hint
    return messages


def _attempts(n: int) -> str:
    return "1 attempt" if n == 1 else f"{n} attempts"


def short_error(error: Exception, *, secrets: Iterable[str | None] = (), limit: int = 200) -> str:
    # The server's error body, on one line. A server may echo the key it was sent
    # ("Incorrect API key provided: sk-..."), so the key is cut out before the text is
    # shortened (shortening first could leave half a key).
    text = hide_credentials(" ".join(str(error).split()))
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[API key]")
    return text if len(text) <= limit else text[: limit - 1] + "…"
