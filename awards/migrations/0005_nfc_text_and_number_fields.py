import awards.models
import django.core.validators
import documents.fields
from decimal import Decimal
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_ceremony"),
    ]

    operations = [
        migrations.AlterField(
            model_name="awardform",
            name="authority",
            field=documents.fields.CharField(
                help_text="Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh.",
                max_length=200,
                verbose_name="người, cơ quan ký tặng",
            ),
        ),
        migrations.AlterField(
            model_name="awardform",
            name="coefficient_collective",
            field=documents.fields.DecimalField(
                decimal_places=2,
                default=Decimal("0"),
                max_digits=5,
                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                verbose_name="hệ số tiền thưởng tập thể",
            ),
        ),
        migrations.AlterField(
            model_name="awardform",
            name="coefficient_individual",
            field=documents.fields.DecimalField(
                decimal_places=2,
                default=Decimal("0"),
                help_text="Nhân với mức lương cơ sở (Nghị định 152/2025/NĐ-CP).",
                max_digits=5,
                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                verbose_name="hệ số tiền thưởng cá nhân",
            ),
        ),
        migrations.AlterField(
            model_name="awardform",
            name="level",
            field=documents.fields.CharField(
                choices=[
                    ("national", "Trung ương (Bộ, ngành)"),
                    ("province", "Tỉnh, thành phố"),
                    ("district", "Cụm, huyện cũ"),
                    ("ward", "Phường, xã"),
                ],
                max_length=10,
                verbose_name="cấp khen",
            ),
        ),
        migrations.AlterField(
            model_name="awardform",
            name="name",
            field=documents.fields.CharField(
                max_length=200, unique=True, verbose_name="hình thức khen thưởng"
            ),
        ),
        migrations.AlterField(
            model_name="awardform",
            name="rank",
            field=documents.fields.PositiveSmallIntegerField(
                default=100,
                help_text="Số nhỏ trao trước trong buổi lễ và danh sách.",
                verbose_name="thứ bậc",
            ),
        ),
        migrations.AlterField(
            model_name="awardform",
            name="title",
            field=documents.fields.CharField(
                help_text="Ví dụ: BẰNG KHEN, GIẤY KHEN.",
                max_length=120,
                verbose_name="tên in trên bằng",
            ),
        ),
        migrations.AlterField(
            model_name="basesalary",
            name="amount",
            field=documents.fields.PositiveIntegerField(
                verbose_name="mức lương cơ sở (đồng/tháng)"
            ),
        ),
        migrations.AlterField(
            model_name="basesalary",
            name="legal_basis",
            field=documents.fields.CharField(blank=True, max_length=200, verbose_name="căn cứ"),
        ),
        migrations.AlterField(
            model_name="ceremony",
            name="mc_name",
            field=documents.fields.CharField(
                blank=True, max_length=120, verbose_name="người dẫn chương trình"
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="code",
            field=documents.fields.CharField(
                default=awards.models.new_verification_code,
                max_length=32,
                unique=True,
                verbose_name="mã xác minh",
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="number",
            field=documents.fields.PositiveIntegerField(verbose_name="số thứ tự"),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="qr_matrix",
            field=documents.fields.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="qr_url",
            field=documents.fields.CharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="reward",
            field=documents.fields.PositiveIntegerField(
                default=0, verbose_name="tiền thưởng (đồng)"
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="serial",
            field=documents.fields.CharField(max_length=30, unique=True, verbose_name="số hiệu"),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="year",
            field=documents.fields.PositiveSmallIntegerField(verbose_name="năm"),
        ),
        migrations.AlterField(
            model_name="certificatelayout",
            name="fields",
            field=documents.fields.JSONField(default=list, verbose_name="các trường in"),
        ),
        migrations.AlterField(
            model_name="certificatelayout",
            name="page_height",
            field=documents.fields.DecimalField(
                decimal_places=1,
                default=Decimal("210"),
                max_digits=6,
                verbose_name="khổ giấy cao (mm)",
            ),
        ),
        migrations.AlterField(
            model_name="certificatelayout",
            name="page_width",
            field=documents.fields.DecimalField(
                decimal_places=1,
                default=Decimal("297"),
                max_digits=6,
                verbose_name="khổ giấy rộng (mm)",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="authority",
            field=documents.fields.CharField(
                help_text="Ví dụ: Ủy ban nhân dân phường An.",
                max_length=200,
                verbose_name="cơ quan ban hành",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="number",
            field=documents.fields.PositiveIntegerField(verbose_name="số"),
        ),
        migrations.AlterField(
            model_name="decision",
            name="place",
            field=documents.fields.CharField(
                help_text="Ví dụ: An.", max_length=100, verbose_name="địa danh"
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="signer_name",
            field=documents.fields.CharField(max_length=120, verbose_name="người ký"),
        ),
        migrations.AlterField(
            model_name="decision",
            name="signer_title",
            field=documents.fields.CharField(
                help_text="Ví dụ: CHỦ TỊCH.", max_length=200, verbose_name="chức vụ người ký"
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="status",
            field=documents.fields.CharField(
                choices=[("draft", "Dự thảo"), ("issued", "Đã ban hành")],
                default="draft",
                editable=False,
                max_length=10,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="symbol",
            field=documents.fields.CharField(
                help_text="Ví dụ: QĐ-UBND.", max_length=40, verbose_name="ký hiệu"
            ),
        ),
        migrations.AlterField(
            model_name="nomination",
            name="achievements",
            field=documents.fields.TextField(verbose_name="thành tích"),
        ),
        migrations.AlterField(
            model_name="nomination",
            name="proposing_unit",
            field=documents.fields.CharField(
                help_text="Ví dụ: Công an phường An, UBND phường An.",
                max_length=200,
                verbose_name="đơn vị đề nghị",
            ),
        ),
        migrations.AlterField(
            model_name="nomination",
            name="reason",
            field=documents.fields.TextField(
                blank=True, verbose_name="lý do trả lại / không duyệt"
            ),
        ),
        migrations.AlterField(
            model_name="nomination",
            name="status",
            field=documents.fields.CharField(
                choices=[
                    ("draft", "Đang soạn"),
                    ("submitted", "Đã gửi, chờ xét"),
                    ("approved", "Đã duyệt"),
                    ("returned", "Trả lại để bổ sung"),
                    ("rejected", "Không duyệt"),
                ],
                default="draft",
                max_length=10,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="nomination",
            name="year",
            field=documents.fields.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(2000),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="năm",
            ),
        ),
        migrations.AlterField(
            model_name="nominee",
            name="birth_year",
            field=documents.fields.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="năm sinh",
            ),
        ),
        migrations.AlterField(
            model_name="nominee",
            name="gender",
            field=documents.fields.CharField(
                blank=True,
                choices=[("male", "Nam"), ("female", "Nữ")],
                max_length=6,
                verbose_name="giới tính",
            ),
        ),
        migrations.AlterField(
            model_name="nominee",
            name="kind",
            field=documents.fields.CharField(
                choices=[("individual", "Cá nhân"), ("collective", "Tập thể")],
                default="individual",
                max_length=12,
                verbose_name="cá nhân / tập thể",
            ),
        ),
        migrations.AlterField(
            model_name="nominee",
            name="name",
            field=documents.fields.CharField(
                max_length=200, verbose_name="họ và tên / tên tập thể"
            ),
        ),
        migrations.AlterField(
            model_name="nominee",
            name="organisation",
            field=documents.fields.CharField(
                blank=True, max_length=250, verbose_name="đơn vị, nơi công tác"
            ),
        ),
        migrations.AlterField(
            model_name="nominee",
            name="position",
            field=documents.fields.CharField(blank=True, max_length=200, verbose_name="chức vụ"),
        ),
        migrations.AlterField(
            model_name="presentation",
            name="presenter_name",
            field=documents.fields.CharField(max_length=120, verbose_name="người trao"),
        ),
        migrations.AlterField(
            model_name="presentation",
            name="presenter_title",
            field=documents.fields.CharField(
                help_text="Ví dụ: Phó Giám đốc Công an tỉnh.",
                max_length=200,
                verbose_name="chức vụ người trao",
            ),
        ),
        migrations.AlterField(
            model_name="printerprofile",
            name="name",
            field=documents.fields.CharField(max_length=100, verbose_name="tên máy in"),
        ),
        migrations.AlterField(
            model_name="printerprofile",
            name="offset_x",
            field=documents.fields.DecimalField(
                decimal_places=1,
                default=Decimal("0"),
                help_text="Dương: dịch sang phải.",
                max_digits=4,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("-30")),
                    django.core.validators.MaxValueValidator(Decimal("30")),
                ],
                verbose_name="lệch ngang (mm)",
            ),
        ),
        migrations.AlterField(
            model_name="printerprofile",
            name="offset_y",
            field=documents.fields.DecimalField(
                decimal_places=1,
                default=Decimal("0"),
                help_text="Dương: dịch xuống dưới.",
                max_digits=4,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("-30")),
                    django.core.validators.MaxValueValidator(Decimal("30")),
                ],
                verbose_name="lệch dọc (mm)",
            ),
        ),
        migrations.AlterField(
            model_name="serialcounter",
            name="last_number",
            field=documents.fields.PositiveIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="serialcounter",
            name="year",
            field=documents.fields.PositiveSmallIntegerField(),
        ),
        migrations.RunPython(documents.fields.nfc_stored_text("awards"), migrations.RunPython.noop),
    ]
