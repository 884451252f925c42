"""brief: turn news articles about a crisis into a short, sourced brief."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("brief")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
