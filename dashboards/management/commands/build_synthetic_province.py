"""A synthetic province for benchmarks: by default 150 wards in groupings of 10, 1,200
residential areas, 20,000 schemes, 200,000 activity entries over four years, 3,000 exemplary
people, a festival a year in most wards with its side events, and 30,000 nominations of
10,000 nominees (the approved ones in issued decisions), written with bulk_create. Random but
repeatable (``--seed``).

    python manage.py build_synthetic_province [--code 99] [--wards 150] [--schemes 20000]
        [--activities 200000] [--nominations 30000]
"""

import random
from datetime import date, time, timedelta
from decimal import Decimal
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from awards.models import AwardForm, Decision, DecisionStatus, Nomination, Nominee, RecipientKind
from awards.models import Status as NominationStatus
from dashboards import summaries
from documents.vietnamese import fold, sort_text
from festival.models import Festival, SideEvent, SideEventKind
from festival.models import Status as FestivalStatus
from wards.models import (
    Activity,
    ActivityType,
    AdministrativeUnit,
    AreaKind,
    Exemplar,
    ExemplarKind,
    Level,
    ResidentialArea,
    Scheme,
    SchemeKind,
    SchemeProfile,
    SchemeStatus,
    Signer,
)

BATCH = 5000
SIDE_EVENTS = (
    (
        SideEventKind.HEALTH_CHECK,
        "Khám bệnh, cấp thuốc miễn phí",
        lambda rng: {
            "people_examined": rng.randint(50, 400),
            "medicine_given": rng.randint(50, 400),
        },
    ),
    (
        SideEventKind.GIFTS,
        "Tặng quà hộ nghèo",
        lambda rng: {
            "gifts_count": rng.randint(10, 80),
            "gifts_value": rng.randint(10, 80) * 500_000,
        },
    ),
    (
        SideEventKind.ADMIN_SERVICES,
        "Cấp căn cước, định danh điện tử",
        lambda rng: {"id_cards": rng.randint(0, 200), "electronic_ids": rng.randint(0, 300)},
    ),
)
SYLLABLES = [
    "An",
    "Bình",
    "Cẩm",
    "Đông",
    "Hòa",
    "Hưng",
    "Khánh",
    "Lạc",
    "Long",
    "Minh",
    "Nam",
    "Ninh",
    "Phú",
    "Phúc",
    "Quang",
    "Sơn",
    "Tân",
    "Thạnh",
    "Thành",
    "Thịnh",
    "Thuận",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Yên",
    "Hải",
    "Hà",
    "Đức",
    "Lợi",
    "Mỹ",
]
# Kinds weighted as in the festival reports: many self-management groups, fewer cameras.
KIND_WEIGHTS = {"to-tu-quan": 40, "to-hoa-giai": 12, "camera": 14, "to-lien-gia-pccc": 10}


def _profile_fields(profile: str, rng: random.Random) -> dict:
    if profile == SchemeProfile.CAMERAS:
        cameras = rng.randint(1, 40)
        return {"camera_count": cameras, "cameras_connected": rng.randint(0, cameras)}
    if profile == SchemeProfile.FIRE_GROUP:
        return {"households": rng.randint(5, 30), "extinguishers": rng.randint(5, 30)}
    if profile == SchemeProfile.FIRE_POINT:
        return {"equipment": "Bình bột, vòi, thang"}
    if profile in (SchemeProfile.PATROL, SchemeProfile.MEDIATION):
        return {"member_count": rng.randint(3, 15)}
    if profile == SchemeProfile.MAILBOX:
        return {"mailbox_location": "Nhà văn hóa khu"}
    return {}


class Command(BaseCommand):
    help = "Tạo một tỉnh giả lập (150 phường, 20.000 mô hình, 200.000 hoạt động) để đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--code", default="99", help="Mã tỉnh (chưa có trong cơ sở dữ liệu).")
        parser.add_argument("--name", default="Mẫu")
        parser.add_argument("--wards", type=int, default=150)
        parser.add_argument("--wards-per-grouping", type=int, default=10)
        parser.add_argument("--areas-per-ward", type=int, default=8)
        parser.add_argument("--schemes", type=int, default=20_000)
        parser.add_argument("--activities", type=int, default=200_000)
        parser.add_argument("--exemplars", type=int, default=3_000)
        parser.add_argument("--nominations", type=int, default=30_000)
        parser.add_argument("--years", type=int, default=4, help="Hoạt động trong bấy nhiêu năm.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        code = options["code"]
        if options["wards"] < 1:
            raise CommandError("Cần ít nhất một phường (--wards).")
        codes = [code, *(self.ward_code(code, index) for index in range(options["wards"]))]
        taken = AdministrativeUnit.objects.filter(
            Q(code__in=codes) | Q(code__startswith=f"{code}-G")
        ).values_list("code", flat=True)
        if taken:
            raise CommandError(
                f"Đã có đơn vị mã {', '.join(sorted(taken)[:5])}: chọn mã khác (--code) "
                "hoặc dùng cơ sở dữ liệu mới."
            )
        self.rng = random.Random(options["seed"])
        self.started = perf_counter()
        with transaction.atomic():
            wards = self.units(code, options)
            areas = self.areas(wards, options["areas_per_ward"])
            schemes = self.schemes(wards, areas, options["schemes"])
            self.activities(wards, schemes, options["activities"], options["years"])
            self.exemplars(wards, areas, options["exemplars"], options["years"])
            self.festivals(wards, options["years"])
            self.nominations(wards, areas, options["nominations"], options["years"])
            # Written in bulk: the dashboards' running totals are counted once at the end.
            summaries.rebuild([ward.pk for ward in wards])
            self.done("tổng hợp cho bảng theo dõi", len(wards))
        self.stdout.write(self.style.SUCCESS(f"Xong: tỉnh mã {code}, {len(wards)} phường."))

    @staticmethod
    def ward_code(code: str, index: int) -> str:
        return f"{code}{index + 1:03d}"

    def done(self, what: str, count: int) -> None:
        elapsed = perf_counter() - self.started
        self.stdout.write(f"  {count:>7} {what} ({elapsed:.1f} s)")

    def units(self, code: str, options) -> list[AdministrativeUnit]:
        province = AdministrativeUnit.objects.create(
            code=code, name=options["name"], level=Level.PROVINCE, division_type="tỉnh"
        )
        count = options["wards"]
        size = max(1, options["wards_per_grouping"])
        groupings = []
        for number in range(1, (count + size - 1) // size + 1):
            grouping = AdministrativeUnit(
                code=f"{code}-G{number}",
                name=f"Cụm thi đua số {number}",
                level=Level.DISTRICT,
                division_type="cụm",
                parent=province,
            )
            grouping.path = grouping.build_path()
            grouping.sort_name = sort_text(grouping.name)
            groupings.append(grouping)
        AdministrativeUnit.objects.bulk_create(groupings)
        names = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]
        self.rng.shuffle(names)
        wards = []
        for index in range(count):
            # Past the 870 two-syllable names, numbered: "An Bình 2".
            name = names[index % len(names)]
            if index >= len(names):
                name = f"{name} {index // len(names) + 1}"
            ward = AdministrativeUnit(
                code=self.ward_code(code, index),
                name=name,
                level=Level.WARD,
                division_type=self.rng.choice(["phường", "xã"]),
                parent=groupings[index // size],
                is_national=True,
            )
            ward.path = ward.build_path()
            ward.sort_name = sort_text(ward.name)
            wards.append(ward)
        AdministrativeUnit.objects.bulk_create(wards)
        # Each ward sits somewhere in the north; its schemes cluster around that point.
        self.centres = {
            ward.pk: (20.5 + self.rng.random() * 1.5, 105.5 + self.rng.random() * 1.5)
            for ward in wards
        }
        self.done("phường, xã", len(wards))
        return wards

    def areas(self, wards, per_ward: int) -> dict[int, list[ResidentialArea]]:
        rows = [
            ResidentialArea(
                ward=ward,
                kind=AreaKind.KHU_PHO,
                name=f"Khu phố {number}",
                households=self.rng.randint(150, 900),
                population=self.rng.randint(600, 3500),
            )
            for ward in wards
            for number in range(1, per_ward + 1)
        ]
        ResidentialArea.objects.bulk_create(rows, batch_size=BATCH)
        by_ward: dict[int, list[ResidentialArea]] = {ward.pk: [] for ward in wards}
        for area in rows:
            by_ward[area.ward_id].append(area)
        self.done("khu dân cư", len(rows))
        return by_ward

    def schemes(self, wards, areas, count: int) -> dict[int, list[int]]:
        kinds = list(SchemeKind.objects.all())
        if not kinds:
            raise CommandError("Chưa có loại mô hình: chạy migrate trước.")
        weights = [KIND_WEIGHTS.get(kind.code, 3) for kind in kinds]
        today = timezone.localdate()
        serial: dict[tuple[int, int], int] = {}
        rows = []
        for _index in range(count):
            ward = self.rng.choice(wards)
            kind = self.rng.choices(kinds, weights)[0]
            # One scheme in ten belongs to the whole ward.
            area = None
            if areas[ward.pk] and self.rng.random() < 0.9:
                area = self.rng.choice(areas[ward.pk])
            number = serial[ward.pk, kind.pk] = serial.get((ward.pk, kind.pk), 0) + 1
            established = (
                None
                if self.rng.random() < 0.1
                else today - timedelta(days=self.rng.randint(0, 15 * 365))
            )
            status, changed = SchemeStatus.ACTIVE, None
            roll = self.rng.random()
            if roll < 0.1:
                status = SchemeStatus.DISSOLVED if roll < 0.05 else SchemeStatus.SUSPENDED
                start = established or date(2015, 1, 1)
                changed = start + timedelta(days=self.rng.randint(0, max(0, (today - start).days)))
            latitude = longitude = None
            if self.rng.random() < 0.5:
                lat, lng = self.centres[ward.pk]
                latitude = Decimal(f"{lat + self.rng.uniform(-0.02, 0.02):.6f}")
                longitude = Decimal(f"{lng + self.rng.uniform(-0.02, 0.02):.6f}")
            name = f"{kind.name} số {number}"
            parts = [name, kind.name, area.name if area else ""]
            rows.append(
                Scheme(
                    ward=ward,
                    kind=kind,
                    name=name,
                    area=area,
                    established_on=established,
                    status=status,
                    status_changed_on=changed,
                    leader_name="Nguyễn Văn An",
                    latitude=latitude,
                    longitude=longitude,
                    search_text=fold(" ".join(filter(None, parts))),
                    **_profile_fields(kind.profile, self.rng),
                )
            )
        Scheme.objects.bulk_create(rows, batch_size=BATCH)
        by_ward: dict[int, list[int]] = {ward.pk: [] for ward in wards}
        for scheme in rows:
            by_ward[scheme.ward_id].append(scheme.pk)
        self.done("mô hình", len(rows))
        return by_ward

    def activities(self, wards, schemes, count: int, years: int) -> None:
        today = timezone.localdate()
        first = date(today.year - years + 1, 1, 1)
        span = (today - first).days
        types = [value for value, _label in ActivityType.choices]
        batch = []
        for index in range(count):
            ward = self.rng.choice(wards)
            own = schemes[ward.pk]
            batch.append(
                Activity(
                    ward=ward,
                    scheme_id=self.rng.choice(own) if own and self.rng.random() < 0.7 else None,
                    date=first + timedelta(days=self.rng.randint(0, span)),
                    type=self.rng.choice(types),
                    count=self.rng.randint(1, 5),
                )
            )
            if len(batch) == BATCH or index == count - 1:
                Activity.objects.bulk_create(batch)
                batch = []
        self.done("hoạt động", count)

    def exemplars(self, wards, areas, count: int, years: int) -> None:
        this_year = timezone.localdate().year
        rows = []
        for number in range(count):
            ward = self.rng.choice(wards)
            rows.append(
                Exemplar(
                    ward=ward,
                    kind=ExemplarKind.COLLECTIVE if number % 5 == 0 else ExemplarKind.INDIVIDUAL,
                    name=f"Điển hình {number + 1}",
                    area=self.rng.choice(areas[ward.pk]) if areas[ward.pk] else None,
                    year=this_year - self.rng.randint(0, years - 1),
                )
            )
        for row in rows:
            row.fill_derived()
        Exemplar.objects.bulk_create(rows, batch_size=BATCH)
        self.done("điển hình tiên tiến", len(rows))

    def festivals(self, wards, years: int) -> None:
        """Most wards hold their festival around 19 August; this year's may not have come."""
        today = timezone.localdate()
        festivals = []
        for ward in wards:
            for year in range(today.year - years + 1, today.year + 1):
                if self.rng.random() < 0.1:
                    continue
                day = date(year, 8, 19) + timedelta(days=self.rng.randint(-20, 20))
                status = FestivalStatus.REPORTED if self.rng.random() < 0.7 else FestivalStatus.HELD
                if day > today:
                    status = self.rng.choice([FestivalStatus.PLANNED, FestivalStatus.READY])
                festivals.append(
                    Festival(
                        ward=ward,
                        year=year,
                        date=day,
                        start_time=time(7, 30),
                        venue=f"Nhà văn hóa {ward.name}",
                        status=status,
                        attendance=self.rng.randint(200, 1500) if day <= today else None,
                    )
                )
        Festival.objects.bulk_create(festivals, batch_size=BATCH)
        events = [
            SideEvent(festival=festival, kind=kind, title=title, **results(self.rng))
            for festival in festivals
            if festival.attendance is not None
            for kind, title, results in SIDE_EVENTS
        ]
        SideEvent.objects.bulk_create(events, batch_size=BATCH)
        self.done("ngày hội", len(festivals))

    def nominations(self, wards, areas, count: int, years: int) -> None:
        """A nominee three times on average (forms and years differ); approved ones sit in
        issued decisions, one per ward, form and year."""
        if not count:
            return
        forms = list(AwardForm.objects.all())
        if not forms:
            raise CommandError("Chưa có hình thức khen thưởng: chạy migrate trước.")
        this_year = timezone.localdate().year
        nominees = []
        for number in range(max(1, count // 3)):
            ward = self.rng.choice(wards)
            collective = number % 6 == 0
            nominees.append(
                Nominee(
                    ward=ward,
                    kind=RecipientKind.COLLECTIVE if collective else RecipientKind.INDIVIDUAL,
                    name=f"Tập thể {number + 1}" if collective else f"Nguyễn Văn {number + 1}",
                    birth_year=None if collective else self.rng.randint(1950, 2000),
                    area=self.rng.choice(areas[ward.pk]) if areas[ward.pk] else None,
                )
            )
        for nominee in nominees:
            nominee.fill_derived()
        Nominee.objects.bulk_create(nominees, batch_size=BATCH)
        decisions: dict[tuple, Decision] = {}
        signers: dict[int, Signer] = {}
        rows, seen = [], set()
        statuses = [
            NominationStatus.SUBMITTED,
            NominationStatus.APPROVED,
            NominationStatus.REJECTED,
        ]
        while len(rows) < count:
            nominee = self.rng.choice(nominees)
            form = self.rng.choice([f for f in forms if f.allows(nominee.kind)])
            year = this_year - self.rng.randint(0, years - 1)
            if (nominee.pk, form.pk, year) in seen:
                continue
            seen.add((nominee.pk, form.pk, year))
            status = self.rng.choices(statuses + [NominationStatus.DRAFT], [3, 6, 1, 1])[0]
            decision = None
            if status == NominationStatus.APPROVED:
                decision = decisions.get((nominee.ward_id, form.pk, year))
                if decision is None:
                    if nominee.ward_id not in signers:
                        signers[nominee.ward_id] = Signer.objects.create(
                            unit=nominee.ward, name="Trần Văn Bình", title="Chủ tịch"
                        )
                    decision = decisions[nominee.ward_id, form.pk, year] = Decision(
                        unit=nominee.ward,
                        form=form,
                        number=len(decisions) + 1,
                        symbol="QĐ-UBND",
                        date=date(year, 8, 10),
                        authority=f"{form.authority} ({nominee.ward.name})",
                        place=nominee.ward.name,
                        signer=signers[nominee.ward_id],
                        status=DecisionStatus.ISSUED,
                    )
            rows.append(
                Nomination(
                    nominee=nominee,
                    form=form,
                    year=year,
                    achievements="Có thành tích xuất sắc trong phong trào",
                    proposing_unit=f"UBND {nominee.ward.name}",
                    status=status,
                    decision=decision,
                )
            )
        Decision.objects.bulk_create(decisions.values(), batch_size=BATCH)
        for nomination in rows:
            if nomination.decision is not None:
                nomination.decision_id = nomination.decision.pk
        Nomination.objects.bulk_create(rows, batch_size=BATCH)
        self.done("đề nghị khen thưởng", len(rows))
