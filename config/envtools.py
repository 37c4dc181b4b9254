"""Small typed readers for environment variables.

Each reader returns the default when the variable is unset or empty and raises
ImproperlyConfigured naming the variable when the value is malformed, so a bad deployment
stops at start-up instead of misbehaving later.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}."
    )


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, not {value!r}.")
    return number


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_path(name: str, default: Path, base: Path | None = None) -> Path:
    """A folder or file; a relative value is taken from ``base`` (the project), not from
    whatever directory the process was started in."""
    value = _raw(name)
    if value is None:
        return default
    path = Path(value)
    return base / path if base is not None and not path.is_absolute() else path


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, default: str) -> str:
    value = _raw(name)
    if value is None:
        return default
    parts = urlsplit(value)
    if not parts.scheme or (not parts.netloc and not parts.path):
        raise ImproperlyConfigured(
            f"{name} must be a URL such as scheme://host/path, not {value!r}."
        )
    try:
        # urlsplit checks the port only when asked; ask now so "host:abc" fails at start-up.
        parts.port  # noqa: B018
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a malformed port: {value!r}.") from None
    return value


# DATABASE_URL and EMAIL_URL are read here like every other variable; django-environ stays only
# as the parser that turns their URL schemes into Django's dicts, a table not worth copying.
def env_database(name: str, default: str) -> dict:
    url = env_url(name, default)
    if url.split(":", 1)[0] not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name} must start with postgres:// or sqlite://, not {url.split(':', 1)[0]!r}."
        )
    try:
        return environ.Env.db_url_config(url)
    except (ValueError, KeyError, ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL: {exc}") from exc


def env_email(name: str, default: str) -> dict:
    url = env_url(name, default)
    try:
        return environ.Env.email_url_config(url)
    except (ValueError, KeyError, ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"{name} is not an e-mail URL: {exc}") from exc


def env_secret(name: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (Docker and systemd secrets)."""
    value = _raw(name)
    if value is not None:
        return value
    path = _raw(f"{name}_FILE")
    if path is None:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"{name}_FILE names a file that cannot be read: {exc}") from exc
