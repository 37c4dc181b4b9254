"""The award forms of the festival's commendations and the base salary since 2019.

Individual coefficients from Nghị định 152/2025/NĐ-CP (Bằng khen of a ministry or province
1.5 × base salary, the commemorative medal up to 0.6, Giấy khen 0.3); collectives get twice
the individual's, as is usual, and administrators may change them.
"""

from datetime import date
from decimal import Decimal

from django.apps import apps as global_apps

from awards.layouts import default_fields

FORMS = [
    # code, title, name, authority, level, individuals, collectives, once, rank, ind, coll
    (
        "KCC",
        "KỶ NIỆM CHƯƠNG",
        "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”",
        "Bộ trưởng Bộ Công an",
        "national",
        True,
        False,
        True,
        10,
        "0.6",
        "0",
    ),
    (
        "BKBCA",
        "BẰNG KHEN",
        "Bằng khen của Bộ trưởng Bộ Công an",
        "Bộ trưởng Bộ Công an",
        "national",
        True,
        True,
        False,
        20,
        "1.5",
        "3.0",
    ),
    (
        "BKUBT",
        "BẰNG KHEN",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "province",
        True,
        True,
        False,
        30,
        "1.5",
        "3.0",
    ),
    (
        "GKCAT",
        "GIẤY KHEN",
        "Giấy khen của Giám đốc Công an tỉnh",
        "Giám đốc Công an tỉnh",
        "province",
        True,
        True,
        False,
        40,
        "0.3",
        "0.6",
    ),
    (
        "GKCUM",
        "GIẤY KHEN",
        "Giấy khen của cấp cụm",
        "Trưởng Ban Chỉ đạo cụm",
        "district",
        True,
        True,
        False,
        50,
        "0.3",
        "0.6",
    ),
    (
        "GKUBP",
        "GIẤY KHEN",
        "Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã",
        "Chủ tịch Ủy ban nhân dân phường, xã",
        "ward",
        True,
        True,
        False,
        60,
        "0.3",
        "0.6",
    ),
]

SALARIES = [
    (1_490_000, date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]


def seed_catalogue(apps=global_apps) -> None:
    """Create what is missing; existing rows (edited by administrators) are left alone. Tests
    that flush the database call it again."""
    AwardForm = apps.get_model("awards", "AwardForm")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    CertificateLayout = apps.get_model("awards", "CertificateLayout")
    for code, title, name, authority, level, ind, coll, once, rank, c_ind, c_coll in FORMS:
        form, _ = AwardForm.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "name": name,
                "authority": authority,
                "level": level,
                "for_individuals": ind,
                "for_collectives": coll,
                "once_per_person": once,
                "rank": rank,
                "coefficient_individual": Decimal(c_ind),
                "coefficient_collective": Decimal(c_coll),
            },
        )
        CertificateLayout.objects.get_or_create(form=form, defaults={"fields": default_fields()})
    for amount, effective_from, basis in SALARIES:
        BaseSalary.objects.get_or_create(
            effective_from=effective_from, defaults={"amount": amount, "legal_basis": basis}
        )
