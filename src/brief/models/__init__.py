"""Chat models: one small protocol, several backends (OpenAI protocol, embedded llama.cpp,
replay from recordings), a recording wrapper and a caching one. Asking belongs here: no
caller outside this package builds a key, opens the cache or reads a prompt file."""

from brief.models.asking import (
    CachingModel,
    ask_text,
    caching,
    parse_numbered_lines,
    parse_yes_no,
)
from brief.models.backends import (
    AssemblyProgress,
    BackendProfile,
    backend_profile,
    build_batch_api,
    describe_models,
    open_model,
)
from brief.models.base import STOP, ChatModel, ChatRequest, ChatResponse
from brief.models.openai import StructuredMode, chat_completion_body, response_from_completion
from brief.models.openai_batch import ENDPOINT, BatchAPI
from brief.models.prompts import ExtractionPrompt, load_extraction_prompt, text_request

__all__ = [
    "ENDPOINT",
    "STOP",
    "AssemblyProgress",
    "BackendProfile",
    "BatchAPI",
    "CachingModel",
    "ChatModel",
    "ChatRequest",
    "ChatResponse",
    "ExtractionPrompt",
    "StructuredMode",
    "ask_text",
    "backend_profile",
    "build_batch_api",
    "caching",
    "chat_completion_body",
    "describe_models",
    "load_extraction_prompt",
    "open_model",
    "parse_numbered_lines",
    "parse_yes_no",
    "response_from_completion",
    "text_request",
]
