"""Loading versioned prompt files.

Prompts live in `prompts/*.toml` at the top of the repository and are shipped inside the
package as `brief/prompts/`. Each file carries its own version string, which goes into every
cache and fixture key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from brief.errors import ConfigError
from brief.models.base import ChatRequest

_PACKAGED = Path(__file__).resolve().parents[1] / "prompts"
_SOURCE_TREE = Path(__file__).resolve().parents[3] / "prompts"


@dataclass(frozen=True)
class ExtractionPrompt:
    version: str
    system: str
    user: str
    reask: str
    schema_hint: str
    repeat_penalty: float = 1.0
    # How articles are read: "whole_article" (one answer lists everything) or
    # "by_sentence" (the model reads each sentence in turn; see brief.extract.by_sentence).
    method: str = "whole_article"


def prompt_dir() -> Path:
    """Where prompt files are read from: the installed package, else the source tree."""
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE


@cache
def load_extraction_prompt(name: str = "extract.v2") -> ExtractionPrompt:
    """Read `prompts/<name>.toml`."""
    path = prompt_dir() / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in prompt_dir().glob("*.toml")))
        raise ConfigError(f"no prompt {name!r} in {str(prompt_dir())!r}", hint=f"known: {known}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return ExtractionPrompt(
            version=data["version"],
            system=data["system"],
            user=data["user"],
            reask=data["reask"],
            schema_hint=data["schema_hint"],
            repeat_penalty=float(data.get("repeat_penalty", 1.0)),
            method=str(data.get("method", "whole_article")),
        )
    except (OSError, KeyError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(
            f"cannot load prompt {name!r} from {path}: {e}", hint="reinstall brief"
        ) from e


@dataclass(frozen=True)
class TextPrompt:
    """A prompt for a short text answer (a gist, a bottom line): no schema, no re-ask."""

    version: str
    system: str
    user: str


@cache
def load_text_prompt(name: str) -> TextPrompt:
    """Read `prompts/<name>.toml` with a version, a system and a user template."""
    path = prompt_dir() / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return TextPrompt(version=data["version"], system=data["system"], user=data["user"])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(
            f"cannot load prompt {name!r} from {path}: {e}", hint="reinstall brief"
        ) from e


def text_request(
    name: str,
    *,
    schema_name: str,
    max_tokens: int,
    label: str,
    schema: dict[str, Any] | None = None,
    **fields: str,
) -> ChatRequest:
    """The request of text prompt `name` with its user template filled from `fields`."""
    prompt = load_text_prompt(name)
    return ChatRequest(
        messages=(
            {"role": "system", "content": prompt.system},
            {"role": "user", "content": prompt.user.format(**fields)},
        ),
        prompt_version=prompt.version,
        schema_name=schema_name,
        schema=schema,
        max_tokens=max_tokens,
        label=label,
    )
