"""The OpenAI Files and Batches endpoints `brief` uses, behind one transport retry policy."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Final, TypeVar

import openai

from brief.errors import BatchError
from brief.models.openai import (
    BackoffHonouringRetryAfter,
    short_error,
    transport_retrying,
)

ENDPOINT: Final = "/v1/chat/completions"
COMPLETION_WINDOW: Final = "24h"
T = TypeVar("T")


class BatchAPI:
    """The Files and Batches endpoints `brief` uses, with the one transport retry policy and
    errors turned into BatchError (the API key cut out of any server text)."""

    def __init__(
        self,
        client: openai.OpenAI,
        *,
        max_retries: int = 4,
        backoff_initial: float = 1.0,
        backoff_max: float = 30.0,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.client = client.with_options(max_retries=0)  # one retry layer: ours
        self._retrying = transport_retrying(
            max_retries,
            BackoffHonouringRetryAfter(backoff_initial, backoff_max),
            sleep or time.sleep,
        )

    def upload(self, name: str, data: bytes) -> str:
        """Upload a batch input file; its file id."""
        uploaded = self._call(
            f"uploading {name}",
            lambda: self.client.files.create(
                file=(name, data, "application/jsonl"), purpose="batch"
            ),
        )
        return uploaded.id

    def create(self, input_file_id: str, metadata: dict[str, str]) -> Any:
        return self._call(
            f"creating a batch from {input_file_id}",
            lambda: self.client.batches.create(
                input_file_id=input_file_id,
                endpoint=ENDPOINT,
                completion_window=COMPLETION_WINDOW,
                metadata=metadata,
            ),
        )

    def find_batch(self, input_file_id: str, *, look_at: int = 500) -> Any | None:
        """The batch made from `input_file_id`, among the `look_at` newest; None if none."""

        def search() -> Any | None:
            for seen, batch in enumerate(self.client.batches.list(limit=100)):
                if batch.input_file_id == input_file_id:
                    return batch
                if seen + 1 >= look_at:
                    break
            return None

        return self._call(f"looking for the batch of {input_file_id}", search)

    def retrieve(self, batch_id: str) -> Any:
        return self._call(f"checking {batch_id}", lambda: self.client.batches.retrieve(batch_id))

    def cancel(self, batch_id: str) -> Any:
        return self._call(f"cancelling {batch_id}", lambda: self.client.batches.cancel(batch_id))

    def content(self, file_id: str) -> str:
        return self._call(f"downloading {file_id}", lambda: self.client.files.content(file_id).text)

    def _call(self, what: str, call: Callable[[], T]) -> T:
        try:
            return self._retrying(call)
        except openai.APIStatusError as e:
            raise BatchError(
                f"{what}: the server answered HTTP {e.status_code}: {self._short(e)}"
            ) from None
        except openai.APIConnectionError as e:
            raise BatchError(f"{what}: {self._short(e)}") from None

    def _short(self, error: Exception) -> str:
        return short_error(error, secrets=[self.client.api_key])
