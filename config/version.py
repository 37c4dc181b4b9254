"""The app's version, from pyproject.toml: shown in the page footer, in /healthz/ and sent to
Sentry as the release."""

import tomllib
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def read_version() -> str:
    # In a checkout the file is the truth: an editable install's metadata keeps the version of
    # its last `pip install -e .`, so it lags behind a `git pull` that bumped it. An image built
    # without the file still has the installed package's metadata.
    if PYPROJECT.exists():
        return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    return metadata.version("ward-festival")


VERSION = read_version()


def version(request):
    """Template context: ``app_version`` for the footer."""
    return {"app_version": VERSION}
