"""Settings from command-line flags and BRIEF_* / OPENAI_* environment variables.

The only module that reads the environment. Flags win over variables; BRIEF_* variables win
over OPENAI_* ones.
"""

from __future__ import annotations

import base64
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

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
    # Seconds; finite ("inf" and 1e999 would wait forever), at most a day.
    timeout: float = Field(default=120.0, gt=0, le=86_400, allow_inf_nan=False)
    verbosity: int = 0

    @field_validator("base_url")
    @classmethod
    def _an_http_url(cls, value: str | None) -> str | None:
        """Checked before anything is read or sent: a URL every request would fail on is a
        mistake in the command, not a "connection error" on each article."""
        if value is None:
            return value
        try:
            parts = urllib.parse.urlsplit(value)
            parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
        except ValueError as e:
            raise ValueError(f"--base-url is not a URL ({e})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("--base-url must be an http:// or https:// URL with a host, "
                             "e.g. http://localhost:11434/v1")  # fmt: skip
        return value

    @model_validator(mode="after")
    def _one_source_of_answers(self) -> Settings:
        if self.record_dir is not None and self.replay_dir is not None:
            raise ValueError("--record and --replay cannot be used together: a replay asks "
                             "no model, so there is nothing to record")  # fmt: skip
        return self


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
# Query parameters that carry a credential: Azure's "?api-key=", signed URLs' "sig=".
_SECRET_PARAM = re.compile(
    r"(?i)([?&](?:api[-_]?key|key|token|access[-_]?token|sig|signature|password|secret)=)"
    r"[^&#\s]+"
)
_MIN_SECRET = 6  # shorter "secrets" (a user name "me") would hide ordinary words


def hide_credentials(text: str) -> str:
    """`text` with the "user:key@" of any URL in it shown as "***@", and the value of a
    credential query parameter ("?api-key=…") as "***": a base URL that carries its
    credentials is shown without them, in listings and in every message."""
    return _SECRET_PARAM.sub(r"\1***", _USERINFO.sub("***@", text))


def url_secrets(url: str | None) -> list[str]:
    """The secrets a URL carries: its password (or a lone user name, often a token), the
    "user:password" pair a Basic-auth header sends, and credential query parameters."""
    if not url:
        return []
    parts = urllib.parse.urlsplit(url)
    found = [parts.password, parts.username]
    if parts.username and parts.password:
        found.append(f"{parts.username}:{parts.password}")
    found += [m.group(0).split("=", 1)[1] for m in _SECRET_PARAM.finditer(url)]
    return [s for s in found if s and len(s) >= _MIN_SECRET]


def secret_forms(secrets: Iterable[str | None]) -> list[str]:
    """Every way a secret may come back in a server's text: as it is, URL-encoded, and in
    base64 (a Basic-auth header echoed in an error body); longest first, so that a
    longer form is cut out whole before a shorter one inside it."""
    forms: set[str] = set()
    for secret in (s for s in secrets if s and len(s) >= _MIN_SECRET):
        raw = secret.encode("utf-8")
        encoded = base64.b64encode(raw).decode("ascii")
        forms |= {
            secret,
            urllib.parse.quote(secret, safe=""),
            urllib.parse.quote_plus(secret),
            encoded,
            encoded.rstrip("="),
            base64.urlsafe_b64encode(raw).decode("ascii"),
        }
    return sorted(forms, key=len, reverse=True)
