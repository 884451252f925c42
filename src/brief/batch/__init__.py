"""The OpenAI Batch API workflow: submit, collect, and the brief built from collected
answers."""

from brief.batch.collect import CollectReport
from brief.batch.state import BatchRecord, BatchState, default_state_path, load_state
from brief.batch.submit import MAX_BYTES, MAX_REQUESTS, Limits, cancel, refresh
from brief.batch.workflow import (
    BatchResultsOnly,
    batch_model,
    collect_paths,
    submit_paths,
    summarize_collected,
)

__all__ = [
    "BatchRecord",
    "BatchResultsOnly",
    "BatchState",
    "CollectReport",
    "Limits",
    "MAX_BYTES",
    "MAX_REQUESTS",
    "batch_model",
    "cancel",
    "collect_paths",
    "default_state_path",
    "load_state",
    "refresh",
    "submit_paths",
    "summarize_collected",
]
