"""Recount the dashboards' running totals from the rows (after loading data in bulk, or to
check them): ``manage.py rebuild_dashboard_totals [--ward CODE ...]``."""

from django.core.management.base import BaseCommand, CommandError

from dashboards import summaries
from wards.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Đếm lại số liệu tổng hợp của bảng theo dõi (hoạt động, khen thưởng) từ sổ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ward", action="append", default=[], metavar="CODE", help="Chỉ phường, xã này."
        )

    def handle(self, *args, ward: list[str], **options):
        ward_ids = None
        if ward:
            found = dict(
                AdministrativeUnit.objects.wards().filter(code__in=ward).values_list("code", "pk")
            )
            missing = sorted(set(ward) - found.keys())
            if missing:
                raise CommandError(f"Không có phường, xã mã: {', '.join(missing)}")
            ward_ids = found.values()
        wrong = summaries.rebuild(ward_ids)
        self.stdout.write(
            f"Đã đếm lại. Sai lệch đã sửa: hoạt động {wrong['activity']}, "
            f"khen thưởng {wrong['nominations']}."
        )
