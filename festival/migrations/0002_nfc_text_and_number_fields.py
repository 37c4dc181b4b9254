import documents.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="festival",
            name="attendance",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số người tham dự"
            ),
        ),
        migrations.AlterField(
            model_name="festival",
            name="organising_committee",
            field=documents.fields.TextField(
                blank=True,
                help_text="Mỗi dòng một thành viên: họ tên, chức vụ.",
                verbose_name="ban tổ chức",
            ),
        ),
        migrations.AlterField(
            model_name="festival",
            name="pledge_text",
            field=documents.fields.TextField(
                blank=True,
                help_text="Đúng như sẽ in: sửa, thêm hoặc bớt điều khoản ngay trong ô này.",
                verbose_name="nội dung giao ước",
            ),
        ),
        migrations.AlterField(
            model_name="festival",
            name="results_summary",
            field=documents.fields.TextField(blank=True, verbose_name="kết quả nổi bật"),
        ),
        migrations.AlterField(
            model_name="festival",
            name="status",
            field=documents.fields.CharField(
                choices=[
                    ("planned", "Đang chuẩn bị"),
                    ("ready", "Sẵn sàng tổ chức"),
                    ("held", "Đã tổ chức"),
                    ("reported", "Đã báo cáo kết quả"),
                ],
                default="planned",
                max_length=10,
                verbose_name="trạng thái",
            ),
        ),
        migrations.AlterField(
            model_name="festival",
            name="theme",
            field=documents.fields.CharField(blank=True, max_length=255, verbose_name="chủ đề"),
        ),
        migrations.AlterField(
            model_name="festival",
            name="venue",
            field=documents.fields.CharField(max_length=255, verbose_name="địa điểm"),
        ),
        migrations.AlterField(
            model_name="festival",
            name="year",
            field=documents.fields.PositiveSmallIntegerField(editable=False, verbose_name="năm"),
        ),
        migrations.AlterField(
            model_name="guest",
            name="name",
            field=documents.fields.CharField(max_length=120, verbose_name="họ và tên"),
        ),
        migrations.AlterField(
            model_name="guest",
            name="organisation",
            field=documents.fields.CharField(
                blank=True, max_length=255, verbose_name="cơ quan, đơn vị"
            ),
        ),
        migrations.AlterField(
            model_name="guest",
            name="protocol_rank",
            field=documents.fields.PositiveSmallIntegerField(
                default=10,
                help_text="1 là cao nhất; cùng thứ tự thì xếp theo tên.",
                verbose_name="thứ tự lễ tân",
            ),
        ),
        migrations.AlterField(
            model_name="guest",
            name="salutation",
            field=documents.fields.CharField(
                choices=[("comrade", "Đồng chí"), ("mr", "Ông"), ("ms", "Bà")],
                default="comrade",
                max_length=10,
                verbose_name="danh xưng",
            ),
        ),
        migrations.AlterField(
            model_name="guest",
            name="title",
            field=documents.fields.CharField(blank=True, max_length=255, verbose_name="chức vụ"),
        ),
        migrations.AlterField(
            model_name="photo",
            name="caption",
            field=documents.fields.CharField(blank=True, max_length=255, verbose_name="chú thích"),
        ),
        migrations.AlterField(
            model_name="photo",
            name="height",
            field=documents.fields.PositiveIntegerField(verbose_name="chiều cao"),
        ),
        migrations.AlterField(
            model_name="photo",
            name="width",
            field=documents.fields.PositiveIntegerField(verbose_name="chiều rộng"),
        ),
        migrations.AlterField(
            model_name="pledgesignatory",
            name="kind",
            field=documents.fields.CharField(
                choices=[
                    ("agency", "Cơ quan"),
                    ("organisation", "Tổ chức, đoàn thể"),
                    ("business", "Doanh nghiệp"),
                    ("residential_area", "Khu dân cư"),
                ],
                max_length=20,
                verbose_name="loại",
            ),
        ),
        migrations.AlterField(
            model_name="pledgesignatory",
            name="name",
            field=documents.fields.CharField(max_length=255, verbose_name="tên cơ quan, tổ chức"),
        ),
        migrations.AlterField(
            model_name="pledgesignatory",
            name="representative",
            field=documents.fields.CharField(max_length=120, verbose_name="người đại diện"),
        ),
        migrations.AlterField(
            model_name="pledgesignatory",
            name="representative_title",
            field=documents.fields.CharField(max_length=255, verbose_name="chức vụ người đại diện"),
        ),
        migrations.AlterField(
            model_name="programmeitem",
            name="kind",
            field=documents.fields.CharField(
                choices=[
                    ("flag_salute", "Chào cờ"),
                    ("opening", "Khai mạc"),
                    ("delegates", "Giới thiệu đại biểu"),
                    ("results_report", "Báo cáo kết quả"),
                    ("speech", "Phát biểu"),
                    ("commendation", "Khen thưởng"),
                    ("pledge", "Ký kết giao ước thi đua"),
                    ("performance", "Văn nghệ"),
                    ("folk_games", "Trò chơi dân gian"),
                    ("health_check", "Khám bệnh, cấp thuốc"),
                    ("gifts", "Tặng quà"),
                    ("admin_services", "Thủ tục hành chính"),
                    ("other", "Khác"),
                ],
                max_length=20,
                verbose_name="loại",
            ),
        ),
        migrations.AlterField(
            model_name="programmeitem",
            name="part",
            field=documents.fields.CharField(
                choices=[("ceremony", "Phần lễ"), ("festivities", "Phần hội")],
                max_length=12,
                verbose_name="phần",
            ),
        ),
        migrations.AlterField(
            model_name="programmeitem",
            name="position",
            field=documents.fields.PositiveSmallIntegerField(default=0, verbose_name="thứ tự"),
        ),
        migrations.AlterField(
            model_name="programmeitem",
            name="responsible",
            field=documents.fields.CharField(
                blank=True, max_length=255, verbose_name="người thực hiện"
            ),
        ),
        migrations.AlterField(
            model_name="programmeitem",
            name="title",
            field=documents.fields.CharField(max_length=255, verbose_name="nội dung"),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="electronic_ids",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số tài khoản định danh điện tử"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="gift_recipients",
            field=documents.fields.CharField(
                blank=True,
                choices=[
                    ("policy_families", "Gia đình chính sách"),
                    ("poor_households", "Hộ nghèo, hộ khó khăn"),
                    ("students", "Học sinh"),
                    ("other", "Đối tượng khác"),
                ],
                max_length=20,
                verbose_name="đối tượng nhận quà",
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="gifts_count",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số suất quà"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="gifts_value",
            field=documents.fields.PositiveBigIntegerField(
                blank=True, null=True, verbose_name="tổng trị giá quà (đồng)"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="id_cards",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số căn cước cấp"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="kind",
            field=documents.fields.CharField(
                choices=[
                    ("health_check", "Khám bệnh, cấp thuốc miễn phí"),
                    ("gifts", "Tặng quà"),
                    ("admin_services", "Cấp căn cước, định danh điện tử, đăng ký cư trú"),
                    ("contest", "Hội thi"),
                    ("folk_games", "Trò chơi dân gian"),
                    ("clean_up", "Ra quân, dọn vệ sinh môi trường"),
                    ("other", "Hoạt động khác"),
                ],
                max_length=20,
                verbose_name="loại hoạt động",
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="location",
            field=documents.fields.CharField(blank=True, max_length=255, verbose_name="địa điểm"),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="medicine_given",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số người được cấp thuốc"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="note",
            field=documents.fields.TextField(blank=True, verbose_name="ghi chú kết quả"),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="participants",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số người tham gia"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="people_examined",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số người được khám"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="residence_registrations",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số hồ sơ đăng ký cư trú"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="responsible",
            field=documents.fields.CharField(
                blank=True, max_length=255, verbose_name="đơn vị phụ trách"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="teams",
            field=documents.fields.PositiveIntegerField(
                blank=True, null=True, verbose_name="số đội tham gia"
            ),
        ),
        migrations.AlterField(
            model_name="sideevent",
            name="title",
            field=documents.fields.CharField(max_length=255, verbose_name="tên hoạt động"),
        ),
        migrations.RunPython(
            documents.fields.nfc_stored_text("festival"), migrations.RunPython.noop
        ),
    ]
