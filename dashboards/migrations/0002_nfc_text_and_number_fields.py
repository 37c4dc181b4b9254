import documents.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0001_running_totals"),
    ]

    operations = [
        migrations.AlterField(
            model_name="wardstamp",
            name="token",
            field=documents.fields.CharField(max_length=32),
        ),
        migrations.RunPython(
            documents.fields.nfc_stored_text("dashboards"), migrations.RunPython.noop
        ),
    ]
