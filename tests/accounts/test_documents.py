"""The sheet of initial passwords, printed through the document pipeline and read back."""

import io

import pypdf
from django.urls import reverse

from documents.models import Job, JobStatus
from wards.models import Membership


def test_the_initial_passwords_print_as_a_pdf(admin_client, units):
    for username, name in [("canbo.lan", "Nguyễn Thị Lan"), ("congan.duc", "Phạm Văn Đức")]:
        admin_client.post(
            reverse("accounts:create"),
            {"full_name": name, "username": username, "unit": units["ward"].pk, "role": "viewer"},
        )
    page = admin_client.get(reverse("accounts:passwords")).content.decode()
    assert 'data-kind="accounts.initial_passwords"' in page
    response = admin_client.post(
        reverse("documents:generate"),
        {"kind": "accounts.initial_passwords", "fmt": "pdf", "object": units["province"].pk},
    )
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert job.status == JobStatus.DONE, job.error
    text = pypdf.PdfReader(io.BytesIO(job.file.read())).pages[0].extract_text()
    words = " ".join(text.split())
    assert "DANH SÁCH TÀI KHOẢN VÀ MẬT KHẨU BAN ĐẦU" in text
    for member in Membership.objects.filter(user__username__in=["canbo.lan", "congan.duc"]):
        assert member.user.username in text
        assert member.initial_password in text
    assert "Nguyễn Thị Lan" in words
    assert "Cộng: 2 tài khoản" in words


def test_only_administrators_may_print_it(client, people, units):
    client.force_login(people["province"])
    client.post(
        reverse("documents:generate"),
        {"kind": "accounts.initial_passwords", "fmt": "pdf", "object": units["province"].pk},
    )
    assert not Job.objects.filter(kind="accounts.initial_passwords").exists()
