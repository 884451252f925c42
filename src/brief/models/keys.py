"""Content-addressed keys: hashes of canonical JSON of everything that changes an answer."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace, so equal content hashes equally."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(value: Any, size: int = 16) -> str:
    """blake2b of the canonical JSON of `value`, as hex."""
    return hashlib.blake2b(canonical_json(value).encode("utf-8"), digest_size=size).hexdigest()
