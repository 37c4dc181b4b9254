"""The script a province copies (tests/api_client_example.py), run against a live server and
a real Celery worker: pull every ward's figures for a year, push ten nominations, print the
summary of the wards, poll the job and download it; run again, it creates nothing twice."""

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

import json

import openpyxl
import pytest
from django.core.cache import cache
from django.utils import timezone

from awards.catalogue import seed_catalogue
from awards.models import Nomination, Nominee, Status
from tests import api_client_example
from tests.api.conftest import make_token
from wards.models import Signer


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_province_script_runs_end_to_end(
    live_server, celery_worker, units, people, tmp_path, capsys
):
    cache.clear()  # rate-limit counts of earlier tests, by users of the same ids
    seed_catalogue()
    Signer.objects.create(unit=units["province"], name="Phạm Văn Tỉnh", title="Chủ tịch")
    _token, secret = make_token(units["province"], people["admin"], can_write=True)
    nominees = [
        Nominee.objects.create(ward=units["ward"], name=f"Nguyễn Văn {name}", birth_year=1970 + i)
        for i, name in enumerate(["An", "Bình", "Chi", "Dũng", "Em", "Giang", "Hà", "Khánh"])
    ] + [
        Nominee.objects.create(ward=units["commune"], name=f"Trần Thị {name}", birth_year=1985)
        for name in ["Lan", "Mai"]
    ]
    nominations = tmp_path / "nominations.json"
    nominations.write_text(
        json.dumps(
            [
                {
                    "nominee": nominee.pk,
                    "form": "GKUBP",
                    "year": timezone.localdate().year,
                    "achievements": "Có nhiều đóng góp cho phong trào toàn dân bảo vệ ANTQ",
                    "proposing_unit": f"Công an {nominee.ward.official_name}",
                }
                for nominee in nominees
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "tong-hop.xlsx"
    argv = [
        "--base-url",
        live_server.url,
        "--token",
        secret,
        "--unit",
        "90",
        "--year",
        str(timezone.localdate().year),
        "--nominations",
        str(nominations),
        "--batch",
        "dot-1",
        "--out",
        str(out),
    ]

    assert api_client_example.main(argv) == 0

    printed = capsys.readouterr().out
    assert printed.startswith("3 wards\n")
    assert "90001\tAn\t" in printed
    assert "10 nominations" in printed
    assert Nomination.objects.filter(status=Status.SUBMITTED).count() == 10
    sheet = openpyxl.load_workbook(out).worksheets[0]
    texts = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert {"An", "Bình", "Cam"} <= texts

    # Run again (a retry after a network failure): the keys replay, nothing is doubled.
    assert api_client_example.main(argv) == 0
    assert Nomination.objects.count() == 10
    assert Nomination.objects.filter(status=Status.SUBMITTED).count() == 10
