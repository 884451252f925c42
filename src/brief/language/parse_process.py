"""Parsing in a worker process, beside the threads that wait on a model server.

With many articles in flight, one process both parses and talks HTTP, and the two take
turns on one core under the GIL. A worker process parses the batches instead and sends
the parses back as a `DocBin` (a twentieth of the parse's cost to pack and unpack), so the
main process spends its core on requests and answers while another core parses.

The worker is `brief.language.parse_worker` run as a program, with `python -m`,
talking over its stdin and stdout: not `multiprocessing`, whose "spawn" runs the caller's
own script again in the child (a library must not), and whose "fork" copies the locks of
threads that are running. It starts only when a run is large enough to repay its start (a
fresh interpreter that loads and verifies the pipeline: about two seconds of the other
core); until it is ready, and if it ever fails, batches are parsed here as before. The
result is the same either way: the worker runs the same verified pipeline and repairs.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from spacy.tokens import Doc, DocBin

# Everything the reading of a parse looks at: words, tags, lemmas, the tree, sentence
# starts and spacing (no entities: the pipeline runs without them; no vectors: unused).
ATTRS = ["ORTH", "NORM", "LEMMA", "TAG", "POS", "MORPH", "DEP", "HEAD", "SENT_START", "SPACY"]
READY, PARSED, FAILED = b"R", b"D", b"E"


def has_a_core_to_spare() -> bool:
    """Whether this process may use more than one core (and can watch a worker's pipe)."""
    if os.name != "posix":
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        cores = os.cpu_count() or 1
    return cores > 1


class ParseProcess:
    """A worker process that parses batches of sentences; see the module's note. One is
    enough: batches are parsed one at a time (`brief.language.english`), and the main
    process keeps a core for everything else."""

    def __init__(self, patience: float = 30.0) -> None:
        # How long a batch may take there (plus a tenth of a second a sentence) before the
        # worker is taken for hung (stopped, swapping, deadlocked) and the parsing comes back.
        self._patience = patience
        package_root = str(Path(__file__).resolve().parents[2])  # the folder holding brief/
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (package_root, os.environ.get("PYTHONPATH")) if p
        )}  # fmt: skip
        self._process = subprocess.Popen(
            # -P: the modules of the folder brief runs in are not the worker's to import
            [sys.executable, "-P", "-m", "brief.language.parse_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a worker that fails is replaced by parsing here
            env=env,
            start_new_session=True,  # Ctrl-C stops the run, which then ends the worker
        )
        self._ready = False
        self._failed = False

    @property
    def ready(self) -> bool:
        """Whether the worker has the pipeline loaded and has not failed (never waits)."""
        if self._ready or self._failed:
            return self._ready
        out = self._process.stdout
        assert out is not None
        poll = select.poll()  # (select refuses a descriptor above 1024)
        poll.register(out, select.POLLIN)
        if poll.poll(0):
            self._ready = out.read(1) == READY
            self._failed = not self._ready
        return self._ready

    def parse(self, sentences: Sequence[str]) -> list[Doc] | None:
        """The sentences parsed in the worker, or None when it cannot (the caller parses)."""
        if not self.ready:
            return None
        from brief.language.english import english_pipeline  # (english imports this module)

        try:
            send(self._process.stdin, json.dumps(list(sentences)).encode())
            self._await_reply(self._patience + 0.1 * len(sentences))
            kind, packed = receive(self._process.stdout)
            if kind != PARSED:
                return None  # this batch failed there: parsed here, each article alone
            docs = list(DocBin().from_bytes(packed).get_docs(english_pipeline().vocab))
        except BaseException:
            # Gone (killed, out of memory), garbled, or cut off mid-exchange (Ctrl-C): a
            # reply left unread would be taken for the next batch's, so no next batch.
            self._failed, self._ready = True, False
            self._process.kill()
            if not isinstance(sys.exc_info()[1], Exception):
                raise
            return None
        return docs if len(docs) == len(sentences) else None

    def _await_reply(self, seconds: float) -> None:
        out = self._process.stdout
        assert out is not None
        poll = select.poll()
        poll.register(out, select.POLLIN | select.POLLHUP)
        if not poll.poll(int(seconds * 1000)):
            raise TimeoutError(f"the parse worker gave no reply in {seconds:.0f} s")

    def close(self) -> None:
        """End the worker (it stops when its input ends; one still loading is stopped)."""
        if not self._ready:
            self._process.terminate()
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):  # gone already: nothing to tell it
                self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


def send(pipe: IO[bytes] | None, payload: bytes, kind: bytes = b"") -> None:
    if pipe is None:
        raise OSError("no pipe")
    pipe.write(kind + len(payload).to_bytes(8, "big") + payload)
    pipe.flush()


def receive(pipe: IO[bytes] | None, with_kind: bool = True) -> tuple[bytes, bytes]:
    if pipe is None:
        raise OSError("no pipe")
    kind = pipe.read(1) if with_kind else b""
    size = pipe.read(8)
    if len(size) < 8 or (with_kind and not kind):
        raise OSError("the worker ended")
    wanted = int.from_bytes(size, "big")
    payload = pipe.read(wanted)
    if len(payload) != wanted:
        raise OSError("the worker ended mid-reply")
    return kind, payload
