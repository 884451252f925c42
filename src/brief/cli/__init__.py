"""The `brief` command line."""

from brief.cli.commands import app, main

__all__ = ["app", "main"]
