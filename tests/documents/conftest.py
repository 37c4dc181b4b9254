import shutil

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError

from documents import renderers
from documents.registry import DocumentKind, Rendered, register, unregister
from wards.models import AreaKind, ResidentialArea


@pytest.fixture
def areas(units):
    ward = units["ward"]
    return [
        ResidentialArea.objects.create(
            ward=ward, kind=AreaKind.THON, name="Thôn Đông", households=120, population=450
        ),
        ResidentialArea.objects.create(
            ward=ward,
            kind=AreaKind.KHU_PHO,
            name="Khu phố Ánh Dương",
            households=1200,
            population=4500,
        ),
        ResidentialArea.objects.create(
            ward=ward, kind=AreaKind.AP, name="Ấp Bắc", households=None, population=None
        ),
    ]


@pytest.fixture
def kind():
    """Registers document kinds for one test and removes them afterwards."""
    added = []

    def _register(identifier, render, **options):
        options.setdefault("formats", ("pdf",))
        options.setdefault("model", "wards.AdministrativeUnit")
        register(
            DocumentKind(identifier=identifier, verbose_name=identifier, render=render, **options)
        )
        added.append(identifier)
        return identifier

    yield _register
    for identifier in added:
        unregister(identifier)


class Flaky:
    """A render function that meets a passing database error ``failures`` times, then works."""

    def __init__(self, failures: int):
        self.failures = failures
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        if self.calls <= self.failures:
            raise OperationalError("could not connect to server: Connection refused")
        return Rendered("ổn.pdf", renderers.typst_pdf("plain.typ", {"text": "ổn"}))


PLAIN = """#import "/common/header.typ": *
#let data = json(bytes(sys.inputs.data))
#show: page-setup
#national-header(authority: "UBND phường An", sub-authority: "UBND tỉnh Thử",
  number: "125/QĐ-UBND", place: "An", date: "ngày 12 tháng 8 năm 2025")
#data.text
"""


@pytest.fixture
def typ_dir(settings, tmp_path):
    """A copy of templates/documents with extra templates: ``typ_dir.write(name, source)``.
    ``plain.typ`` prints the national header and ``data.text``."""
    root = tmp_path / "typ"
    shutil.copytree(django_settings.DOCUMENTS_TEMPLATE_DIR, root)
    settings.DOCUMENTS_TEMPLATE_DIR = root
    (root / "plain.typ").write_text(PLAIN, encoding="utf-8")

    class Dir:
        path = root

        @staticmethod
        def write(name, source):
            (root / name).write_text(source, encoding="utf-8")
            return name

    return Dir
