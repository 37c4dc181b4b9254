"""Common fixtures: a small country and one person per role, in the spirit of healthchecks'
owner / teammate / outsider.

    Tỉnh Thử (90)                         Tỉnh Khác (91)
    ├── Cụm Một (90-G1)                   └── Phường Xa (91001)
    │   ├── Phường An (90001)   ← ward_official, organiser
    │   └── Phường Bình (90002) ← outsider (a sibling ward's official)
    └── Xã Cam (90003)
"""

import os
import shutil
from datetime import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation

from config.celery_app import app as celery_app
from tests.workers import test_database_url, worker_process
from wards.models import AdministrativeUnit, Level, Membership, Role

PASSWORD = "mật-khẩu-thử-2025"


@pytest.fixture(scope="session", autouse=True)
def _fresh_embedded_broker():
    """Messages left by an earlier, interrupted run must not reach this run's workers."""
    shutil.rmtree(settings.CELERY_EMBEDDED_DIR, ignore_errors=True)
    # Eager tasks store their result too, in a folder the settings created at import.
    for folder in ("queue", "processed", "control", "results"):
        (settings.CELERY_EMBEDDED_DIR / folder).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session", autouse=True)
def _fresh_cache():
    """Rate-limit counts and locks left by an earlier run must not refuse this run's requests."""
    cache.clear()


# The suite's clock. Every test starts at this instant (Vietnam time), whatever day the suite runs,
# so no test passes or fails by the calendar. CI runs the suite again with TEST_CLOCK set to
# awkward instants (31 December 23:45, 29 February) so a date bug shows the day it is written.
# A test about a particular day moves the clock itself (``clock.move_to(...)``).
TEST_CLOCK = datetime.fromisoformat(os.environ.get("TEST_CLOCK") or "2026-11-20T09:30:00+07:00")


@pytest.fixture(autouse=True)
def clock():
    """The pinned clock, ticking from TEST_CLOCK; also reaches the worker processes a test starts
    (tests.workers) and the live server's thread."""
    with time_machine.travel(TEST_CLOCK, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _vietnamese():
    """Every test starts in Vietnamese: a request in English leaves its language active in the
    thread, and the next test would read English messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs seconds per test for nothing a test checks.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery(request):
    """Unit tests run tasks in-process; tests marked ``worker`` use a real worker."""
    eager = request.node.get_closest_marker("worker") is None
    celery_app.conf.task_always_eager = eager
    celery_app.conf.task_eager_propagates = eager
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def celery_worker(transactional_db):
    """A real worker process on the suite's broker, reading the test database."""
    with worker_process({"DATABASE_URL": test_database_url()}, ready_app=celery_app) as proc:
        yield proc


def make_unit(code, name, level, parent=None, division_type=""):
    return AdministrativeUnit.objects.create(
        code=code,
        name=name,
        level=level,
        parent=parent,
        division_type=division_type,
        is_national=level != Level.DISTRICT,
    )


@pytest.fixture
def units(db):
    province = make_unit("90", "Tỉnh Thử", Level.PROVINCE, division_type="tỉnh")
    grouping = make_unit("90-G1", "Cụm Một", Level.DISTRICT, province, "cụm")
    other_province = make_unit("91", "Tỉnh Khác", Level.PROVINCE, division_type="tỉnh")
    return {
        "province": province,
        "grouping": grouping,
        "ward": make_unit("90001", "An", Level.WARD, grouping, "phường"),
        "sibling": make_unit("90002", "Bình", Level.WARD, grouping, "phường"),
        "commune": make_unit("90003", "Cam", Level.WARD, province, "xã"),
        "other_province": other_province,
        "far_ward": make_unit("91001", "Xa", Level.WARD, other_province, "phường"),
    }


def make_user(username, role=None, unit=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def people(units):
    """One person per role; ``outsider`` is the official of a sibling ward."""
    return {
        "ward_official": make_user(
            "canbo.an", Role.WARD_OFFICIAL, units["ward"], first_name="Hải", last_name="Nguyễn Văn"
        ),
        "organiser": make_user("btc.an", Role.ORGANISER, units["ward"]),
        "outsider": make_user("canbo.binh", Role.WARD_OFFICIAL, units["sibling"]),
        "district": make_user("cum.mot", Role.STAFF, units["grouping"]),
        "province": make_user("tinh.thu", Role.STAFF, units["province"]),
        "admin": make_user("quantri.thu", Role.ADMIN, units["province"]),
        "nobody": make_user("chua.phan.quyen"),
    }


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
