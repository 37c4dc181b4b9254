import django.core.validators
import documents.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("wards", "0006_unit_sort_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="activity",
            name="count",
            field=documents.fields.PositiveIntegerField(
                default=1,
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="số lượng",
            ),
        ),
        migrations.AlterField(
            model_name="activity",
            name="note",
            field=documents.fields.CharField(blank=True, max_length=500, verbose_name="ghi chú"),
        ),
        migrations.AlterField(
            model_name="activity",
            name="type",
            field=documents.fields.CharField(
                choices=[
                    ("tip_off", "Tin báo, tố giác chuyển Công an"),
                    ("mediation", "Vụ việc hòa giải thành"),
                    ("prevented", "Vụ việc ngăn chặn kịp thời"),
                    ("patrol", "Ca tuần tra"),
                    ("fire_drill", "Buổi thực tập PCCC"),
                    ("propaganda", "Buổi tuyên truyền"),
                    ("other", "Hoạt động khác"),
                ],
                max_length=20,
                verbose_name="loại hoạt động",
            ),
        ),
        migrations.AlterField(
            model_name="administrativeunit",
            name="code",
            field=documents.fields.CharField(max_length=20, unique=True, verbose_name="mã"),
        ),
        migrations.AlterField(
            model_name="administrativeunit",
            name="division_type",
            field=documents.fields.CharField(blank=True, max_length=40, verbose_name="loại"),
        ),
        migrations.AlterField(
            model_name="administrativeunit",
            name="level",
            field=documents.fields.CharField(
                choices=[
                    ("province", "Tỉnh, thành phố"),
                    ("district", "Cụm, huyện cũ"),
                    ("ward", "Phường, xã, đặc khu"),
                ],
                max_length=10,
                verbose_name="cấp",
            ),
        ),
        migrations.AlterField(
            model_name="administrativeunit",
            name="name",
            field=documents.fields.CharField(max_length=200, verbose_name="tên"),
        ),
        migrations.AlterField(
            model_name="administrativeunit",
            name="path",
            field=documents.fields.CharField(editable=False, max_length=255, unique=True),
        ),
        migrations.AlterField(
            model_name="administrativeunit",
            name="sort_name",
            field=documents.fields.CharField(blank=True, editable=False, max_length=2000),
        ),
        migrations.AlterField(
            model_name="exemplar",
            name="achievements",
            field=documents.fields.TextField(blank=True, verbose_name="thành tích"),
        ),
        migrations.AlterField(
            model_name="exemplar",
            name="kind",
            field=documents.fields.CharField(
                choices=[("individual", "Cá nhân"), ("collective", "Tập thể")],
                default="individual",
                max_length=20,
                verbose_name="cá nhân / tập thể",
            ),
        ),
        migrations.AlterField(
            model_name="exemplar",
            name="name",
            field=documents.fields.CharField(max_length=200, verbose_name="họ tên / tên tập thể"),
        ),
        migrations.AlterField(
            model_name="exemplar",
            name="phone",
            field=documents.fields.CharField(blank=True, max_length=20, verbose_name="điện thoại"),
        ),
        migrations.AlterField(
            model_name="exemplar",
            name="position",
            field=documents.fields.CharField(
                blank=True, max_length=250, verbose_name="chức vụ, nơi công tác hoặc cư trú"
            ),
        ),
        migrations.AlterField(
            model_name="exemplar",
            name="year",
            field=documents.fields.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="năm"
            ),
        ),
        migrations.AlterField(
            model_name="historicalactivity",
            name="count",
            field=documents.fields.PositiveIntegerField(
                default=1,
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="số lượng",
            ),
        ),
        migrations.AlterField(
            model_name="historicalactivity",
            name="note",
            field=documents.fields.CharField(blank=True, max_length=500, verbose_name="ghi chú"),
        ),
        migrations.AlterField(
            model_name="historicalactivity",
            name="type",
            field=documents.fields.CharField(
                choices=[
                    ("tip_off", "Tin báo, tố giác chuyển Công an"),
                    ("mediation", "Vụ việc hòa giải thành"),
                    ("prevented", "Vụ việc ngăn chặn kịp thời"),
                    ("patrol", "Ca tuần tra"),
                    ("fire_drill", "Buổi thực tập PCCC"),
                    ("propaganda", "Buổi tuyên truyền"),
                    ("other", "Hoạt động khác"),
                ],
                max_length=20,
                verbose_name="loại hoạt động",
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="camera_count",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số camera"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="cameras_connected",
            field=documents.fields.PositiveIntegerField(
                blank=True,
                help_text="Kết nối về điểm giám sát của Công an.",
                null=True,
                verbose_name="số camera kết nối Công an",
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="equipment",
            field=documents.fields.CharField(
                blank=True, max_length=500, verbose_name="trang thiết bị"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="extinguishers",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số bình chữa cháy"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="households",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số hộ tham gia"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="latitude",
            field=documents.fields.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="vĩ độ"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="leader_name",
            field=documents.fields.CharField(
                blank=True, max_length=120, verbose_name="người phụ trách"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="leader_phone",
            field=documents.fields.CharField(
                blank=True, max_length=20, verbose_name="điện thoại người phụ trách"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="longitude",
            field=documents.fields.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="kinh độ"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="mailbox_location",
            field=documents.fields.CharField(
                blank=True, max_length=200, verbose_name="nơi đặt hòm thư"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="member_count",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số thành viên"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="name",
            field=documents.fields.CharField(max_length=200, verbose_name="tên mô hình"),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="note",
            field=documents.fields.TextField(blank=True, verbose_name="ghi chú"),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="schedule",
            field=documents.fields.CharField(
                blank=True, max_length=200, verbose_name="lịch tuần tra"
            ),
        ),
        migrations.AlterField(
            model_name="historicalscheme",
            name="status",
            field=documents.fields.CharField(
                choices=[
                    ("active", "Đang hoạt động"),
                    ("suspended", "Tạm ngừng"),
                    ("dissolved", "Đã giải thể"),
                ],
                default="active",
                max_length=20,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="historicalschememember",
            name="name",
            field=documents.fields.CharField(max_length=120, verbose_name="họ và tên"),
        ),
        migrations.AlterField(
            model_name="historicalschememember",
            name="phone",
            field=documents.fields.CharField(blank=True, max_length=20, verbose_name="điện thoại"),
        ),
        migrations.AlterField(
            model_name="historicalschememember",
            name="role",
            field=documents.fields.CharField(
                default="Thành viên", max_length=80, verbose_name="vai trò"
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="position",
            field=documents.fields.CharField(blank=True, max_length=200, verbose_name="chức vụ"),
        ),
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=documents.fields.CharField(
                choices=[
                    ("ward_official", "Cán bộ phường, xã"),
                    ("organiser", "Ban tổ chức"),
                    ("staff", "Cán bộ cấp trên (theo dõi, phê duyệt)"),
                    ("admin", "Quản trị"),
                ],
                max_length=20,
                verbose_name="vai trò",
            ),
        ),
        migrations.AlterField(
            model_name="residentialarea",
            name="households",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số hộ"
            ),
        ),
        migrations.AlterField(
            model_name="residentialarea",
            name="kind",
            field=documents.fields.CharField(
                choices=[
                    ("khu_pho", "Khu phố"),
                    ("to_dan_pho", "Tổ dân phố"),
                    ("thon", "Thôn"),
                    ("ap", "Ấp"),
                    ("ban", "Bản"),
                    ("khu", "Khu"),
                ],
                max_length=20,
                verbose_name="loại",
            ),
        ),
        migrations.AlterField(
            model_name="residentialarea",
            name="name",
            field=documents.fields.CharField(max_length=120, verbose_name="tên"),
        ),
        migrations.AlterField(
            model_name="residentialarea",
            name="population",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số nhân khẩu"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="camera_count",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số camera"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="cameras_connected",
            field=documents.fields.PositiveIntegerField(
                blank=True,
                help_text="Kết nối về điểm giám sát của Công an.",
                null=True,
                verbose_name="số camera kết nối Công an",
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="equipment",
            field=documents.fields.CharField(
                blank=True, max_length=500, verbose_name="trang thiết bị"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="extinguishers",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số bình chữa cháy"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="households",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số hộ tham gia"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="latitude",
            field=documents.fields.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="vĩ độ"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="leader_name",
            field=documents.fields.CharField(
                blank=True, max_length=120, verbose_name="người phụ trách"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="leader_phone",
            field=documents.fields.CharField(
                blank=True, max_length=20, verbose_name="điện thoại người phụ trách"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="longitude",
            field=documents.fields.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="kinh độ"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="mailbox_location",
            field=documents.fields.CharField(
                blank=True, max_length=200, verbose_name="nơi đặt hòm thư"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="member_count",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số thành viên"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="name",
            field=documents.fields.CharField(max_length=200, verbose_name="tên mô hình"),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="note",
            field=documents.fields.TextField(blank=True, verbose_name="ghi chú"),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="schedule",
            field=documents.fields.CharField(
                blank=True, max_length=200, verbose_name="lịch tuần tra"
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="search_text",
            field=documents.fields.TextField(blank=True, editable=False),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="sort_name",
            field=documents.fields.CharField(
                blank=True, db_index=True, editable=False, max_length=2000
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="status",
            field=documents.fields.CharField(
                choices=[
                    ("active", "Đang hoạt động"),
                    ("suspended", "Tạm ngừng"),
                    ("dissolved", "Đã giải thể"),
                ],
                default="active",
                max_length=20,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="schemekind",
            name="description",
            field=documents.fields.TextField(blank=True, verbose_name="mô tả"),
        ),
        migrations.AlterField(
            model_name="schemekind",
            name="name",
            field=documents.fields.CharField(max_length=150, unique=True, verbose_name="tên"),
        ),
        migrations.AlterField(
            model_name="schemekind",
            name="position",
            field=documents.fields.PositiveSmallIntegerField(default=100, verbose_name="thứ tự"),
        ),
        migrations.AlterField(
            model_name="schemekind",
            name="profile",
            field=documents.fields.CharField(
                choices=[
                    ("cameras", "Camera (số camera, số kết nối Công an)"),
                    ("fire_group", "Tổ liên gia PCCC (số hộ, số bình chữa cháy)"),
                    ("fire_point", "Điểm chữa cháy (trang thiết bị)"),
                    ("patrol", "Tổ tuần tra (số thành viên, lịch tuần tra)"),
                    ("mediation", "Tổ hòa giải (số thành viên)"),
                    ("mailbox", "Hòm thư (nơi đặt)"),
                    ("generic", "Chung (không có mục riêng)"),
                ],
                default="generic",
                max_length=20,
                verbose_name="các mục riêng",
            ),
        ),
        migrations.AlterField(
            model_name="schememember",
            name="name",
            field=documents.fields.CharField(max_length=120, verbose_name="họ và tên"),
        ),
        migrations.AlterField(
            model_name="schememember",
            name="phone",
            field=documents.fields.CharField(blank=True, max_length=20, verbose_name="điện thoại"),
        ),
        migrations.AlterField(
            model_name="schememember",
            name="role",
            field=documents.fields.CharField(
                default="Thành viên", max_length=80, verbose_name="vai trò"
            ),
        ),
        migrations.RunPython(documents.fields.nfc_stored_text("wards"), migrations.RunPython.noop),
    ]
