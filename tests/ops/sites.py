"""Scratch installations for the backup, restore and upgrade tests.

Each site has its own database (an SQLite file, or a PostgreSQL database beside the suite's
when DATABASE_URL is PostgreSQL) and its own media folders, and is driven by subprocesses:
``manage.py`` as an administrator runs it, and ``tests.ops.probe`` to load data and to look
at the result. Nothing runs against the suite's own test database.
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

# Now is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

ROOT = Path(__file__).resolve().parents[2]


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _admin_connection(url: str):
    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


class Site:
    def __init__(self, folder: Path, label: str):
        self.folder = folder
        self.media = folder / "media"
        self.private = folder / "private"
        self.engine = "postgresql" if _postgres_url() else "sqlite"
        if self.engine == "postgresql":
            base = urlsplit(_postgres_url())
            self.database = f"{base.path.lstrip('/')}_{label}_{os.getpid()}"
            self.database_url = urlunsplit(base._replace(path=f"/{self.database}"))
            with _admin_connection(self.database_url) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{self.database}"')
        else:
            self.database = folder / "db.sqlite3"
            self.database_url = f"sqlite:///{self.database}"

    @property
    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media),
            "PRIVATE_MEDIA_ROOT": str(self.private),
            "VAR_DIR": str(self.folder / "var"),
            "DEBUG": "false",
            "SECRET_KEY": "scratch-site-secret-key-for-tests-0123456789abcdefghijklmnop",
            "SITE_URL": "https://ngayhoi.example.gov.vn",
            "SECURE_SSL_REDIRECT": "false",
            # The worker processes' clock: the test's, pinned (tests/conftest.py).
            "TEST_CLOCK_START": datetime.now(UTC).isoformat(),
        }
        # The cache (rate limits) and the broker in the site's own folder, not the suite's Redis.
        env.pop("REDIS_URL", None)
        return env

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self._run("manage", *args, check=check)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "tests.ops.probe", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check:
            assert done.returncode == 0, done.stderr
        return done

    def probe(self, *args: str):
        """What ``tests.ops.probe`` prints, read back as JSON."""
        done = self._run(*args)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def files(self) -> dict[str, bytes]:
        return {
            f"{root.name}/{path.relative_to(root).as_posix()}": path.read_bytes()
            for root in (self.media, self.private)
            if root.exists()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    def drop(self) -> None:
        if self.engine == "postgresql":
            with _admin_connection(self.database_url) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
