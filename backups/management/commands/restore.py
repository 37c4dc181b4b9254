"""``manage.py restore ARCHIVE``: into an empty database and empty media folders, after every
member of the archive has been checked against its manifest (backups/archive.py)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from backups import archive


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu và thư mục tệp còn trống."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Tệp lưu trữ do lệnh backup ghi.")

    def handle(self, *args, **options):
        path = options["archive"]
        started = time.monotonic()
        try:
            manifest = archive.restore(path)
        except archive.ArchiveError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Đã khôi phục %(path)s (phiên bản %(version)s, sao lưu lúc %(created)s): "
                "%(files)s tệp, trong %(seconds)s giây."
            )
            % {
                "path": path,
                "version": manifest["app_version"],
                "created": manifest["created_at"],
                "files": len(manifest["files"]),
                "seconds": number_format(time.monotonic() - started, 1),
            }
        )
        if pending := archive.pending_migrations(manifest):
            self.stdout.write(
                _(
                    "Bản sao lưu của phiên bản cũ hơn: chạy manage.py migrate (%(count)s "
                    "migration mới)."
                )
                % {"count": pending}
            )
