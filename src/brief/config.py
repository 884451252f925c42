"""Settings from command-line flags and BRIEF_* / OPENAI_* environment variables.

The only module that reads the environment. Flags win over variables; BRIEF_* variables win
over OPENAI_* ones.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr

Backend = Literal["auto", "openai", "embedded"]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    backend: Backend = "auto"
    model: str | None = None
    base_url: str | None = None
    # SecretStr: the key never shows in a repr, a log line or a traceback's locals.
    api_key: SecretStr | None = None
    model_path: Path | None = None
    cache_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_cache_dir("brief")))
    # One folder for the assembled embedded model (1.1 GB), whatever the cache folder:
    # a new --cache-dir must not make another copy of it.
    models_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("brief")) / "models"
    )
    use_cache: bool = True
    record_dir: Path | None = None
    replay_dir: Path | None = None
    # Requests in flight at once on a server. 4, because local servers (Ollama, llama.cpp,
    # vLLM on one GPU) serve a few requests in parallel and queue the rest, and a queued
    # request's wait counts against the client timeout; hosted APIs take more (--concurrency 16).
    concurrency: int = Field(default=4, ge=1, le=256)
    # Requests per minute to the endpoint, across all workers; None: no limit.
    rpm: int | None = Field(default=None, ge=1)
    # Transport retries (429, 5xx, timeouts, dropped connections) after the first try, and
    # their exponential backoff in seconds; re-asks on invalid output are max_attempts.
    max_retries: int = Field(default=4, ge=0, le=10)
    backoff_initial: float = Field(default=1.0, ge=0)
    backoff_max: float = Field(default=30.0, ge=0)
    # None: the prompt suited to the backend (see backends.prompt_name).
    prompt: str | None = None
    max_tokens: int = Field(default=2048, ge=64)
    max_attempts: int = Field(default=3, ge=1, le=10)
    # Word each key actor's gists with the model (one short call per actor); off: quotes.
    gists: bool = True
    timeout: float = Field(default=120.0, gt=0)
    verbosity: int = 0


def _first(env: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return None


def load_settings(env: Mapping[str, str], **flags: object) -> Settings:
    """Settings from flags (None means 'not given') over environment variables."""
    values: dict[str, object] = {
        "api_key": _first(env, "BRIEF_API_KEY", "OPENAI_API_KEY"),
        "base_url": _first(env, "BRIEF_BASE_URL", "OPENAI_BASE_URL"),
        "model": _first(env, "BRIEF_MODEL"),
        "model_path": _first(env, "BRIEF_MODEL_PATH"),
        "cache_dir": _first(env, "BRIEF_CACHE_DIR"),
        "models_dir": _first(env, "BRIEF_MODELS_DIR"),
    }
    values.update({k: v for k, v in flags.items() if v is not None})
    return Settings.model_validate({k: v for k, v in values.items() if v is not None})


_USERINFO = re.compile(r"(?<=//)[^/@\s]+@")


def hide_credentials(text: str) -> str:
    """`text` with the "user:key@" of any URL in it shown as "***@": a base URL that
    carries its credentials is shown without them, in listings and in every message."""
    return _USERINFO.sub("***@", text)


def url_secrets(url: str | None) -> list[str]:
    """The password (or the lone user name, often a token) a URL carries."""
    if not url:
        return []
    parts = urllib.parse.urlsplit(url)
    return [secret for secret in (parts.password, parts.username) if secret and len(secret) >= 6]
