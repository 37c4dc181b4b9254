"""The Documents pages: start a job, watch it, download it, start it again."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django import forms
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from documents import renderers
from documents.models import Job, JobStatus
from documents.registry import Rendered
from documents.services import request_document


# Now is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
def generate(client, kind="wards.profile", fmt="pdf", obj=None, **extra):
    return client.post(
        reverse("documents:generate"),
        {"kind": kind, "fmt": fmt, "object": obj.pk if obj else "", **extra},
    )


def test_the_print_button_starts_a_job_and_lands_on_its_page(login, people, units, areas):
    client = login(people["ward_official"])
    response = generate(client, obj=units["ward"])
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Hồ sơ phường, xã — An" in page
    assert "Tải về" in page
    assert reverse("documents:download", args=[job.pk]) in page


def test_printing_another_wards_document_is_not_found(login, people, units):
    client = login(people["outsider"])
    assert generate(client, obj=units["ward"]).status_code == 404
    assert generate(client, kind="wards.nothing", obj=units["sibling"]).status_code == 404
    assert generate(client, fmt="docx", obj=units["sibling"]).status_code == 404
    assert not Job.objects.exists()


def test_a_user_without_a_unit_cannot_print(login, people, units):
    assert generate(login(people["nobody"]), obj=units["ward"]).status_code == 404


def test_a_role_without_the_permission_gets_403(login, people, units, kind):
    kind("t.approval", lambda request: None, permission="approve")
    assert (
        generate(login(people["ward_official"]), "t.approval", obj=units["ward"]).status_code == 403
    )


def test_printing_needs_a_login_and_a_post(client, people, units):
    url = reverse("documents:generate")
    assert client.post(url, {"kind": "wards.profile"}).status_code == 302
    client.force_login(people["ward_official"])
    assert client.get(url).status_code == 405


class YearForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)


def test_a_kind_with_parameters_asks_for_them_first(login, people, units, kind, typ_dir):
    def render(request):
        year = request.params["year"]
        return Rendered("nam.pdf", renderers.typst_pdf("plain.typ", {"text": f"Năm {year}"}))

    kind("t.year", render, params_form=YearForm)
    client = login(people["ward_official"])
    response = generate(client, "t.year", obj=units["ward"])
    assert response.status_code == 200
    assert 'name="year"' in response.content.decode()
    assert not Job.objects.exists()

    response = generate(client, "t.year", obj=units["ward"], confirm="1", year="1800")
    assert response.status_code == 400
    assert not Job.objects.exists()

    response = generate(client, "t.year", obj=units["ward"], confirm="1", year="2025")
    job = Job.objects.get()
    assert response["Location"] == reverse("documents:job", args=[job.pk])
    assert job.params == {"year": "2025"}
    assert job.status == JobStatus.DONE


def test_the_download_has_the_vietnamese_name_and_is_shared_within_the_unit(
    login, people, units, areas
):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    client = login(people["ward_official"])
    response = client.get(reverse("documents:download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('Hồ sơ Phường An.pdf')}" in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    # A colleague of the ward and the grouping's officer above it open it; a sibling ward's
    # official does not.
    for colleague in ("organiser", "district"):
        client = login(people[colleague])
        for name in ("download", "job", "status"):
            assert client.get(reverse(f"documents:{name}", args=[job.pk])).status_code == 200
        page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
        assert "bởi Nguyễn Văn Hải" in page
    client = login(people["outsider"])
    for name in ("download", "job", "status"):
        assert client.get(reverse(f"documents:{name}", args=[job.pk])).status_code == 404


def test_a_colleagues_job_of_a_kind_ones_role_may_not_print_stays_hidden(
    login, people, units, kind
):
    kind("t.ceremony", lambda request: Rendered("le.pdf", b"%PDF-1.7"), permission="edit_ceremony")
    job = request_document(people["organiser"], "t.ceremony", units["ward"], "pdf")
    assert (
        login(people["organiser"]).get(reverse("documents:job", args=[job.pk])).status_code == 200
    )
    client = login(people["ward_official"])
    assert client.get(reverse("documents:job", args=[job.pk])).status_code == 404
    assert (
        f'data-job="{job.pk}"'
        not in client.get(reverse("documents:list") + "?of=unit").content.decode()
    )


def test_an_expired_or_failed_job_has_nothing_to_download(login, people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    from documents.services import cleanup_expired

    cleanup_expired()
    client = login(people["ward_official"])
    assert client.get(reverse("documents:download", args=[job.pk])).status_code == 404
    assert "Tệp đã hết hạn" in client.get(reverse("documents:job", args=[job.pk])).content.decode()


def test_a_pending_job_polls_and_refreshes_without_javascript(login, people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress_done=3, progress_total=4
    )
    client = login(people["ward_official"])
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    status_url = reverse("documents:status", args=[job.pk])
    assert f'hx-get="{status_url}?shown=running"' in page
    assert 'hx-trigger="every 1s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert "75%" in page

    partial = client.get(status_url).content.decode()
    assert partial.lstrip().startswith('<div id="job-status"')
    assert "(3/4)" in partial


def test_the_jobs_state_is_announced_when_it_changes(login, people, units, areas):
    """The polled block is swapped every second; the state lives in a region that stays on the
    page (aria-live) and a poll refills it only when the state moved on."""
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    client = login(people["ward_official"])
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert (
        '<p id="job-state" class="visually-hidden" aria-live="polite" data-testid="job-state">'
        "Đang chờ máy xử lý…</p>"
    ) in page

    status_url = reverse("documents:status", args=[job.pk])
    unchanged = client.get(status_url, {"shown": "queued"}).content.decode()
    assert "job-state" not in unchanged
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    running = client.get(status_url, {"shown": "queued"}).content.decode()
    assert '<p id="job-state" hx-swap-oob="innerHTML">Đang tạo văn bản…</p>' in running
    assert "aria-live" not in running  # the region on the page is kept, not replaced
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    done = client.get(status_url, {"shown": "running"}).content.decode()
    assert '<p id="job-state" hx-swap-oob="innerHTML">Văn bản đã sẵn sàng.</p>' in done


def test_a_finished_job_stops_polling(login, people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    client = login(people["ward_official"])
    partial = client.get(reverse("documents:status", args=[job.pk])).content.decode()
    assert "hx-get" not in partial
    assert "Tải về" in partial
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "http-equiv" not in page


def test_a_failed_job_shows_its_reason(login, people, units, kind):
    from documents.registry import RenderError

    def refuse(request):
        raise RenderError("Chưa nhập khu dân cư nào.")

    kind("t.refuse", refuse)
    job = request_document(people["ward_official"], "t.refuse", units["ward"], "pdf")
    client = login(people["ward_official"])
    page = client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "Không tạo được văn bản." in page
    assert "Chưa nhập khu dân cư nào." in page
    listing = client.get(reverse("documents:list")).content.decode()
    assert "Chưa nhập khu dân cư nào." in listing


def test_regenerate_makes_a_new_job_with_the_same_request(login, people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "xlsx")
    client = login(people["ward_official"])
    response = client.post(reverse("documents:regenerate", args=[job.pk]))
    again = Job.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("documents:job", args=[again.pk])
    assert (again.kind, again.fmt, again.object_id) == (job.kind, job.fmt, job.object_id)
    assert again.status == JobStatus.DONE
    assert client.get(reverse("documents:regenerate", args=[job.pk])).status_code == 405
    outsider = login(people["outsider"])
    assert outsider.post(reverse("documents:regenerate", args=[job.pk])).status_code == 404


def test_the_list_shows_the_users_jobs_or_the_whole_units(
    login, people, units, areas, django_assert_num_queries
):
    mine = [
        request_document(people["ward_official"], "wards.profile", units["ward"], fmt)
        for fmt in ("pdf", "xlsx", "pdf")
    ]
    theirs = request_document(people["organiser"], "wards.profile", units["ward"], "pdf")
    Job.objects.filter(pk=mine[0].pk).update(status=JobStatus.QUEUED)
    client = login(people["ward_official"])
    # session, user, membership with unit (scope and the menu's role), count of jobs, the page
    # of jobs
    with django_assert_num_queries(5):
        response = client.get(reverse("documents:list"))
    page = response.content.decode()
    assert page.count('data-job="') == 3
    assert f'data-job="{theirs.pk}"' not in page
    # One job is still waiting: the table polls and the page refreshes without JavaScript.
    assert f'hx-get="{reverse("documents:table")}?page=1"' in page
    assert "http-equiv" in page
    assert client.get(reverse("documents:table")).content.decode().count('data-job="') == 3

    # The unit's tab: the colleague's job too, with who asked for each; it polls itself.
    with django_assert_num_queries(5):
        response = client.get(reverse("documents:list") + "?of=unit")
    page = response.content.decode()
    assert page.count('data-job="') == 4
    assert f'data-job="{theirs.pk}"' in page
    assert page.count("<span data-owner>bạn</span>") == 3
    assert "<span data-owner>btc.an</span>" in page
    assert f'hx-get="{reverse("documents:table")}?of=unit&amp;page=1"' in page
    table = client.get(reverse("documents:table") + "?of=unit").content.decode()
    assert table.count('data-job="') == 4
    # A sibling ward's official sees none of them.
    outsider = login(people["outsider"]).get(reverse("documents:list") + "?of=unit")
    assert "data-job=" not in outsider.content.decode()
    assert "Trong đơn vị chưa ai yêu cầu văn bản nào" in outsider.content.decode()


def test_an_empty_list_says_where_printing_starts(login, people):
    page = login(people["ward_official"]).get(reverse("documents:list")).content.decode()
    assert "Bạn chưa yêu cầu văn bản nào" in page
    assert "hx-get" not in page


@pytest.mark.parametrize(("person", "shown"), [("ward_official", True), ("nobody", False)])
def test_the_menu_has_the_documents_entry_for_those_who_print(login, people, person, shown):
    page = login(people[person]).get(reverse("home"), follow=True).content.decode()
    assert (f'href="{reverse("documents:list")}"' in page) is shown


def test_print_requests_are_limited_per_user(login, people, units, areas, settings):
    cache.clear()  # the counts of earlier tests' users, whose ids this test's users reuse
    settings.DOCUMENTS_REQUEST_LIMIT = 2
    client = login(people["ward_official"])
    assert generate(client, obj=units["ward"], fmt="xlsx").status_code == 302
    job = Job.objects.get()
    assert client.post(reverse("documents:regenerate", args=[job.pk])).status_code == 302
    refused = generate(client, obj=units["ward"], fmt="xlsx")
    assert refused.status_code == 429
    assert "yêu cầu in quá nhiều văn bản" in refused.content.decode()
    assert client.post(reverse("documents:regenerate", args=[job.pk])).status_code == 429
    assert Job.objects.count() == 2
    colleague = login(people["organiser"])
    assert generate(colleague, obj=units["ward"], fmt="xlsx").status_code == 302
