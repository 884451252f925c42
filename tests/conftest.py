"""Every test gets its own cache directory, no API key from the environment, and no network
beyond 127.0.0.1 (where the protocol tests start real HTTP servers)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from brief.models.base import STOP
from chat_server import ChatServer, threaded_server

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIXTURES = REPO / "fixtures"

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
        _real_connect(self, address)
        return
    if self.family == socket.AF_UNIX:
        _real_connect(self, address)
        return
    raise RuntimeError(f"test tried to reach the network: {address!r}")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "BRIEF_API_KEY",
        "BRIEF_BASE_URL",
        "BRIEF_MODEL",
        "BRIEF_MODEL_PATH",
    ):
        monkeypatch.delenv(name, raising=False)
    cache = tmp_path / "brief-cache"
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(cache))
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    return cache


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    """A chat-completions test server on 127.0.0.1, one per module: stopping a threaded
    server takes half a second."""
    server = threaded_server()
    yield server
    server.stop()


@pytest.fixture
def chat(server: HTTPServer) -> Iterator[ChatServer]:
    yield ChatServer(server)
    server.clear()


@pytest.fixture(autouse=True)
def no_interrupt_left_over() -> Iterator[None]:
    """A test that presses Ctrl-C twice leaves the process-wide stop set, as a real second
    Ctrl-C does on the way out; the next test starts as a new process would."""
    yield
    STOP.clear()
