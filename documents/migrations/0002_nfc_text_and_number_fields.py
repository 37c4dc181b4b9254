import django.core.serializers.json
import documents.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="job",
            name="attempts",
            field=documents.fields.PositiveSmallIntegerField(default=0, verbose_name="số lần chạy"),
        ),
        migrations.AlterField(
            model_name="job",
            name="error",
            field=documents.fields.TextField(blank=True, verbose_name="lý do lỗi"),
        ),
        migrations.AlterField(
            model_name="job",
            name="filename",
            field=documents.fields.CharField(blank=True, max_length=255, verbose_name="tên tệp"),
        ),
        migrations.AlterField(
            model_name="job",
            name="fmt",
            field=documents.fields.CharField(max_length=10, verbose_name="định dạng"),
        ),
        migrations.AlterField(
            model_name="job",
            name="kind",
            field=documents.fields.CharField(max_length=100, verbose_name="loại văn bản"),
        ),
        migrations.AlterField(
            model_name="job",
            name="mimetype",
            field=documents.fields.CharField(blank=True, max_length=100),
        ),
        migrations.AlterField(
            model_name="job",
            name="object_id",
            field=documents.fields.CharField(max_length=64, verbose_name="mã đối tượng"),
        ),
        migrations.AlterField(
            model_name="job",
            name="params",
            field=documents.fields.JSONField(
                blank=True,
                default=dict,
                encoder=django.core.serializers.json.DjangoJSONEncoder,
                verbose_name="tham số",
            ),
        ),
        migrations.AlterField(
            model_name="job",
            name="progress_done",
            field=documents.fields.PositiveIntegerField(default=0, verbose_name="đã xong"),
        ),
        migrations.AlterField(
            model_name="job",
            name="progress_total",
            field=documents.fields.PositiveIntegerField(default=0, verbose_name="tổng số"),
        ),
        migrations.AlterField(
            model_name="job",
            name="size",
            field=documents.fields.PositiveBigIntegerField(default=0, verbose_name="dung lượng"),
        ),
        migrations.AlterField(
            model_name="job",
            name="status",
            field=documents.fields.CharField(
                choices=[
                    ("queued", "Đang chờ"),
                    ("running", "Đang tạo"),
                    ("done", "Đã xong"),
                    ("failed", "Không tạo được"),
                ],
                db_index=True,
                default="queued",
                max_length=10,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="job",
            name="title",
            field=documents.fields.CharField(max_length=255, verbose_name="tên văn bản"),
        ),
        migrations.RunPython(
            documents.fields.nfc_stored_text("documents"), migrations.RunPython.noop
        ),
    ]
