"""Backup archives: the database, the uploaded and generated files, and a manifest.

An archive is a plain tar. Its members are the database (``pg_dump`` custom format, or an
SQLite copy taken with SQLite's online backup API, so the app may keep running), every file
under MEDIA_ROOT (``media/``) and PRIVATE_MEDIA_ROOT (``private/``), and ``manifest.json``
with each member's size and SHA-256. The manifest is written last: an archive cut short has
none, and is refused as such. A restore checks everything before it writes anything.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/db.sqlite3", "postgresql": "database/festival.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """What is wrong, in words for the administrator; nothing has been changed."""


def file_roots() -> dict[str, Path]:
    """The folders an archive holds, by their folder name inside it."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def app_version() -> str:
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def archive_name(now=None) -> str:
    """``festival-<site>-YYYYmmdd-HHMMSS.tar``, in the site's local time (backups.rotation
    reads the date back from it)."""
    site = (settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]) or "site"
    stamp = timezone.localtime(now or timezone.now())
    return f"festival-{site}-{stamp:%Y%m%d-%H%M%S}.tar"


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise ArchiveError(_("Không sao lưu được cơ sở dữ liệu %(engine)s.") % {"engine": vendor})
    return vendor


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


class _Hashing:
    """A file read through, feeding a digest: each member is hashed as it is written."""

    def __init__(self, file, digest):
        self.file, self.digest = file, digest

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    info = tarfile.TarInfo(name)
    stat = source.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
    digest = hashlib.sha256()
    with source.open("rb") as file:
        tar.addfile(info, _Hashing(file, digest))
    return {"name": name, "size": info.size, "sha256": digest.hexdigest()}


def _postgres_command(program: str) -> tuple[list[str], dict[str, str]]:
    conf = connection.settings_dict
    args = [program, f"--dbname={conf['NAME']}"]
    if conf["HOST"]:
        args.append(f"--host={conf['HOST']}")
    if conf["PORT"]:
        args.append(f"--port={conf['PORT']}")
    if conf["USER"]:
        args.append(f"--username={conf['USER']}")
    env = {**os.environ}
    if conf["PASSWORD"]:
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    return args, env


def _run_postgres(program: str, *extra: str) -> None:
    args, env = _postgres_command(program)
    try:
        done = subprocess.run([*args, *extra], env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise ArchiveError(
            _("Không tìm thấy %(program)s: hãy cài gói postgresql-client.") % {"program": program}
        ) from None
    if done.returncode != 0:
        raise ArchiveError(
            _("%(program)s báo lỗi: %(error)s") % {"program": program, "error": done.stderr.strip()}
        )


def _dump_database(engine: str, target: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run_postgres("pg_dump", "--format=custom", f"--file={target}")


def create(path: Path) -> dict:
    """Write an archive at ``path`` (never over an existing file); return its manifest."""
    path = Path(path)
    if path.exists():
        raise ArchiveError(_("Tệp %(path)s đã có: không ghi đè.") % {"path": path})
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine()
    # Written under another name and linked into place at the end: a crash leaves no file
    # that looks like a finished archive, and a file that appeared meanwhile is not replaced.
    partial = path.with_name(f".{path.name}.partial")
    try:
        # The dump beside the archive: the volume sized for archives, not /tmp, holds it.
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".") as scratch:
            dump = Path(scratch) / "database"
            _dump_database(engine, dump)
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                files = [_add(tar, dump, DATABASE_MEMBERS[engine])]
                for folder, root in file_roots().items():
                    for source in sorted(p for p in root.rglob("*") if p.is_file()):
                        name = f"{folder}/{source.relative_to(root).as_posix()}"
                        files.append(_add(tar, source, name))
                manifest = {
                    "format": FORMAT,
                    "app_version": app_version(),
                    "created_at": timezone.now().isoformat(),
                    "django": django.get_version(),
                    "engine": engine,
                    "migrations": _applied_migrations(),
                    "files": files,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
                tar.addfile(info, io.BytesIO(data))
        try:
            os.link(partial, path)
        except FileExistsError:
            raise ArchiveError(_("Tệp %(path)s đã có: không ghi đè.") % {"path": path}) from None
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        len(parts) >= 2
        and not PurePosixPath(name).is_absolute()
        and ".." not in parts
        and (parts[0] in file_roots() or name in DATABASE_MEMBERS.values())
    )


def _read_manifest(tar: tarfile.TarFile, members: dict) -> dict:
    if MANIFEST not in members:
        raise ArchiveError(
            _(
                "Bản sao lưu không có %(manifest)s: tệp không đầy đủ (bị cắt ngắn?) hoặc không "
                "phải bản sao lưu của ứng dụng này."
            )
            % {"manifest": MANIFEST}
        )
    try:
        manifest = json.loads(tar.extractfile(members[MANIFEST]).read())
        files = {entry["name"]: entry for entry in manifest["files"]}
        if not isinstance(manifest["engine"], str) or not isinstance(manifest["migrations"], dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ArchiveError(_("%(name)s hỏng: không đọc được.") % {"name": MANIFEST}) from None
    if manifest.get("format") != FORMAT:
        raise ArchiveError(
            _("Bản sao lưu theo định dạng %(format)s, ứng dụng này đọc định dạng %(ours)s.")
            % {"format": manifest.get("format"), "ours": FORMAT}
        )
    manifest["files"] = files
    return manifest


def _check_fits_this_app(manifest: dict) -> None:
    engine = _engine()
    if manifest["engine"] != engine:
        raise ArchiveError(
            _("Bản sao lưu chứa cơ sở dữ liệu %(archive)s, ứng dụng đang dùng %(current)s.")
            % {
                "archive": ENGINE_NAMES.get(manifest["engine"], manifest["engine"]),
                "current": ENGINE_NAMES[engine],
            }
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise ArchiveError(
            _(
                "Bản sao lưu của phiên bản %(version)s, mới hơn phiên bản này: có migration ứng "
                "dụng này không có (%(names)s)."
            )
            % {"version": manifest.get("app_version", "?"), "names": ", ".join(unknown)}
        )
    if DATABASE_MEMBERS[engine] not in manifest["files"]:
        raise ArchiveError(_("Bản sao lưu không có cơ sở dữ liệu."))


def _checksum(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    digest = hashlib.sha256()
    with tar.extractfile(member) as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify(path: Path) -> dict:
    """The archive's manifest, once every member is where the manifest says, of its size and
    checksum, and the archive fits this app; otherwise ArchiveError naming what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(_("Không có tệp %(path)s.") % {"path": path})
    try:
        with tarfile.open(path, "r:") as tar:
            members = {}
            for member in tar.getmembers():
                if member.name in members or not member.isfile():
                    raise ArchiveError(
                        _("Bản sao lưu có mục lạ: %(name)s.") % {"name": member.name}
                    )
                members[member.name] = member
            manifest = _read_manifest(tar, members)
            _check_fits_this_app(manifest)
            listed, present = set(manifest["files"]), set(members) - {MANIFEST}
            if missing := sorted(listed - present):
                raise ArchiveError(
                    _("Bản sao lưu thiếu %(count)s tệp có trong manifest: %(names)s.")
                    % {"count": len(missing), "names": ", ".join(missing)}
                )
            if extra := sorted(present - listed):
                raise ArchiveError(
                    _("Bản sao lưu có tệp không ghi trong manifest: %(names)s.")
                    % {"names": ", ".join(extra)}
                )
            if unsafe := sorted(name for name in listed if not _safe_name(name)):
                raise ArchiveError(
                    _("Bản sao lưu có đường dẫn không hợp lệ: %(names)s.")
                    % {"names": ", ".join(unsafe)}
                )
            wrong = sorted(
                name
                for name, entry in manifest["files"].items()
                if members[name].size != entry["size"]
                or _checksum(tar, members[name]) != entry["sha256"]
            )
            if wrong:
                raise ArchiveError(
                    _(
                        "Tệp sai kích thước hoặc mã kiểm tra SHA-256 (bản sao lưu đã bị sửa hoặc "
                        "hỏng): %(names)s."
                    )
                    % {"names": ", ".join(wrong)}
                )
    except (tarfile.TarError, EOFError, OSError) as error:
        raise ArchiveError(
            _("Không đọc được %(path)s: tệp hỏng hoặc bị cắt ngắn (%(error)s).")
            % {"path": path, "error": error}
        ) from None
    return manifest


def _check_target_empty() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise ArchiveError(
            _(
                "Cơ sở dữ liệu đích không trống (%(count)s bảng): chỉ khôi phục vào cơ sở dữ "
                "liệu mới tạo, chưa chạy migrate."
            )
            % {"count": len(tables)}
        )
    for root in file_roots().values():
        if root.exists() and any(p.is_file() for p in root.rglob("*")):
            raise ArchiveError(
                _("Thư mục %(path)s đã có tệp: chỉ khôi phục vào thư mục trống.") % {"path": root}
            )


def _restore_database(engine: str, source: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    else:
        # One transaction: a failure leaves the database as empty as it was.
        _run_postgres(
            "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
            "--single-transaction", str(source),
        )  # fmt: skip
    connection.close()


def restore(path: Path) -> dict:
    """Restore an archive into an empty database and empty media folders; return its manifest."""
    manifest = verify(path)
    _check_target_empty()
    engine = _engine()
    roots = file_roots()
    with tarfile.open(path, "r:") as tar, tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "database"
        _copy_out(tar, DATABASE_MEMBERS[engine], database)
        _restore_database(engine, database)
        for name in manifest["files"]:
            folder, _sep, rest = name.partition("/")
            if folder in roots:
                _copy_out(tar, name, roots[folder] / rest)
    return manifest


def _copy_out(tar: tarfile.TarFile, name: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tar.extractfile(name) as source, target.open("wb") as out:
        while chunk := source.read(CHUNK):
            out.write(chunk)


def pending_migrations(manifest: dict) -> int:
    """How many of this version's migrations the restored database has not had."""
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return len(set(known) - applied)
