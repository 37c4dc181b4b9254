"""Stored layouts still equal to the first default get the default whose boxes have a
minimum size and a maximum number of lines, each leaving room for its maximum (the first
default let a two-line name print over the position line). Layouts an administrator changed
are left alone: their boxes print one line at their size until edited."""

from django.db import migrations


def _box(field, x, y, width, size, min_size, lines, align, bold, italic):
    box = {"field": field, "x": x, "y": y, "width": width, "size": size}
    if min_size is not None:
        box |= {"min_size": min_size, "max_lines": lines}
    return box | {"align": align, "bold": bold, "italic": italic}


QR = {"field": "qr", "x": 20, "y": 160, "size": 24}

FIRST = [
    _box("authority", 30, 36, 237, 15, None, 1, "center", True, False),
    _box("name", 30, 82, 237, 26, None, 1, "center", True, False),
    _box("position_unit", 30, 96, 237, 15, None, 1, "center", False, True),
    _box("achievements", 45, 108, 207, 15, None, 1, "center", False, False),
    _box("decision", 30, 132, 237, 13, None, 1, "center", False, True),
    _box("place_date", 150, 146, 120, 14, None, 1, "center", False, True),
    _box("signer_title", 150, 154, 120, 14, None, 1, "center", True, False),
    _box("signer_name", 150, 184, 120, 15, None, 1, "center", True, False),
    _box("serial", 20, 190, 90, 11, None, 1, "left", False, False),
    QR,
]

FITTING = [
    _box("authority", 30, 35, 237, 15, 12, 2, "center", True, False),
    _box("name", 30, 81, 237, 26, 16, 2, "center", True, False),
    _box("position_unit", 30, 104, 237, 15, 12, 2, "center", False, True),
    _box("achievements", 30, 118, 237, 15, 12, 3, "center", False, False),
    _box("decision", 30, 139, 237, 13, 11, 1, "center", False, True),
    _box("place_date", 150, 147, 120, 14, 12, 1, "center", False, True),
    _box("signer_title", 150, 154, 120, 14, 12, 3, "center", True, False),
    _box("signer_name", 150, 184, 120, 15, 12, 1, "center", True, False),
    _box("serial", 20, 190, 90, 11, 9, 1, "left", False, False),
    QR,
]


def _replace(old, new):
    def run(apps, schema_editor):
        CertificateLayout = apps.get_model("awards", "CertificateLayout")
        for layout in CertificateLayout.objects.all():
            if layout.fields == old:
                layout.fields = new
                layout.save(update_fields=["fields"])

    return run


class Migration(migrations.Migration):
    dependencies = [("awards", "0007_decision_wording_nfc_fields")]

    operations = [migrations.RunPython(_replace(FIRST, FITTING), _replace(FITTING, FIRST))]
