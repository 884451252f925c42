"""Chat models: one small protocol, several backends (OpenAI protocol, embedded llama.cpp,
replay from recordings) and a recording wrapper."""

from brief.models.base import ChatModel, ChatRequest, ChatResponse, request_key

__all__ = ["ChatModel", "ChatRequest", "ChatResponse", "request_key"]
