"""The one place a run's extractor is put together from its settings."""

from __future__ import annotations

from brief.config import Settings
from brief.extract.extractor import Extractor
from brief.language import english_pipeline
from brief.models import (
    AssemblyProgress,
    BackendProfile,
    ChatModel,
    backend_profile,
    load_extraction_prompt,
    open_model,
)


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
    english_pipeline()  # a missing or damaged English pipeline stops the run before any call
    return Extractor(
        model=open_model(settings, profile, model=model, on_assembly=on_assembly),
        prompt=load_extraction_prompt(profile.prompt),
        max_attempts=settings.max_attempts,
        max_tokens=settings.max_tokens,
        concurrency=profile.concurrency,
    )
