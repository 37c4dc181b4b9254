"""Award fixtures on top of the common country (tests/conftest.py): the seeded forms, the
ward's leadership (a staff member of Phường An, who signs the ward chairman's Giấy khen), and
helpers that make nominees and nominations."""

from datetime import date

import pytest

from awards.catalogue import seed_catalogue
from awards.models import AwardForm, Decision, Nomination, Nominee, RecipientKind, Status
from tests.conftest import make_user
from wards.models import Role, Signer


@pytest.fixture
def forms(db):
    seed_catalogue()  # a test that flushed the database took the migration's rows with it
    return {form.code: form for form in AwardForm.objects.all()}


@pytest.fixture
def ward_leader(units):
    return make_user("chutich.an", Role.WARD_LEADER, units["ward"])


@pytest.fixture
def make_nominee(units):
    def _make(name="Nguyễn Văn Hải", ward=None, kind=RecipientKind.INDIVIDUAL, **extra):
        if kind == RecipientKind.INDIVIDUAL:
            extra.setdefault("birth_year", 1970)
        return Nominee.objects.create(ward=ward or units["ward"], kind=kind, name=name, **extra)

    return _make


@pytest.fixture
def make_nomination(make_nominee):
    def _make(form, nominee=None, status=Status.DRAFT, year=2025, **extra):
        return Nomination.objects.create(
            nominee=nominee or make_nominee(),
            form=form,
            year=year,
            achievements="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
            proposing_unit=extra.pop("proposing_unit", "UBND phường An"),
            status=status,
            **extra,
        )

    return _make


@pytest.fixture
def chairman(units):
    """The chairman of Phường An's people's committee, who signs its papers."""
    return Signer.objects.create(unit=units["ward"], name="Trần Văn Bình", title="Chủ tịch")


@pytest.fixture
def make_decision(units):
    def _make(form, unit=None, number=125, day=date(2025, 8, 12), **extra):
        unit = unit or units["ward"]
        if "signer" not in extra:
            extra["signer"], _created = Signer.objects.get_or_create(
                unit=unit, name="Trần Văn Bình", title="Chủ tịch"
            )
        return Decision.objects.create(
            unit=unit,
            form=form,
            number=number,
            symbol=extra.pop("symbol", "QĐ-UBND"),
            date=day,
            authority=extra.pop("authority", "Ủy ban nhân dân phường An"),
            place="An",
            **extra,
        )

    return _make
