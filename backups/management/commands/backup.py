"""``manage.py backup [--output PATH | --dir DIR] [--rotate]``: one archive of the database and
the files (backups/archive.py)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from backups import archive, rotation


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp (ảnh, văn bản đã in) vào một tệp lưu trữ."

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--output", type=Path, help="Tệp lưu trữ sẽ ghi (không ghi đè).")
        where.add_argument(
            "--dir",
            type=Path,
            help="Thư mục để ghi tệp lưu trữ đặt tên theo ngày giờ (mặc định BACKUP_DIR).",
        )
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Sau đó chỉ giữ 7 bản theo ngày, 4 theo tuần, 12 theo tháng trong thư mục.",
        )

    def handle(self, *args, output: Path | None, dir: Path | None, rotate: bool, **options):
        if rotate and output:
            raise CommandError(_("--rotate chỉ dùng với --dir."))
        folder = dir or Path(settings.BACKUP_DIR)
        path = output or folder / archive.archive_name()
        started = time.monotonic()
        try:
            manifest = archive.create(path)
        except archive.ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Đã sao lưu vào %(path)s: %(size)s, %(files)s tệp, trong %(seconds)s giây.")
            % {
                "path": path,
                "size": filesizeformat(path.stat().st_size),
                "files": len(manifest["files"]),
                "seconds": number_format(time.monotonic() - started, 1),
            }
        )
        if rotate:
            for removed in rotation.rotate(folder):
                self.stdout.write(_("Đã xóa bản cũ %(path)s.") % {"path": removed})
