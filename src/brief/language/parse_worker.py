"""The parse worker's program (see `brief.language.parse_process`): it parses each batch
of sentences that comes in on stdin and sends the parses back on stdout, until stdin ends."""

from __future__ import annotations

import json
import os
import sys
from typing import IO

from spacy.tokens import DocBin

from brief.language.english import english_pipeline, pipe
from brief.language.parse_process import ATTRS, FAILED, PARSED, READY, receive, send


def serve(into: IO[bytes], out: IO[bytes]) -> None:
    english_pipeline()  # loaded and verified before saying it is ready
    out.write(READY)
    out.flush()
    while True:
        try:
            _, payload = receive(into, with_kind=False)
        except OSError:
            return
        try:
            packed = DocBin(attrs=ATTRS)
            for doc in pipe(json.loads(payload)):
                packed.add(doc)
            send(out, packed.to_bytes(), PARSED)
        except Exception as e:  # the caller parses this batch itself, and says what failed
            send(out, str(e).encode(), FAILED)


if __name__ == "__main__":
    # The replies go out on the real stdout; anything a library prints goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, replies)
