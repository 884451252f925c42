"""The one place a run's extractor is put together from its settings."""

from __future__ import annotations

from brief.cache import ExtractionCache
from brief.config import Settings
from brief.extract.extractor import Extractor
from brief.language.english import english
from brief.models.backends import (
    AssemblyProgress,
    BackendProfile,
    backend_profile,
    build_chat_model,
)
from brief.models.base import ChatModel
from brief.models.prompts import load_extraction_prompt


def open_extractor(
    settings: Settings,
    *,
    model: ChatModel | None = None,
    on_assembly: AssemblyProgress | None = None,
    profile: BackendProfile | None = None,
) -> Extractor:
    """The model, prompt and cache a run uses; close it with `Extractor.close`.

    `model` replaces the one the settings would build (the batch workflow passes a model
    that answers from collected batches); the request keys stay those of the profile.
    """
    profile = profile or backend_profile(settings)
    english()  # a missing or corrupted English pipeline stops the run here, before any call
    if model is None:
        model = build_chat_model(settings, profile, on_assembly=on_assembly)
    # A replay answers from its fixtures only: an answer cached by an earlier live run of
    # the same request would hide what the fixtures hold.
    reads_cache = settings.use_cache and settings.replay_dir is None
    return Extractor(
        model=model,
        prompt=load_extraction_prompt(profile.prompt),
        cache=ExtractionCache(settings.cache_dir) if reads_cache else None,
        max_attempts=settings.max_attempts,
        max_tokens=settings.max_tokens,
        concurrency=profile.concurrency,
    )
