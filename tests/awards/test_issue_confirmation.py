"""Issuing a decision locks it: the page states the consequence before the button, and the
server issues only a POST that carries the confirmation."""

from django.urls import reverse

from awards import services
from awards.models import Certificate, Status


def _draft(forms, make_nominee, make_nomination, make_decision):
    decision = make_decision(forms["GKUBP"])
    nominations = [
        make_nomination(forms["GKUBP"], nominee=make_nominee(name), status=Status.APPROVED)
        for name in ("Lê Thị An", "Trần Văn Cường")
    ]
    services.set_nominations(decision, nominations)
    return decision


CONSEQUENCE = (
    "Ban hành sẽ khóa quyết định: không sửa được nữa; số hiệu và mã xác minh được cấp cho "
    "2 giấy chứng nhận khen thưởng."
)


def test_the_decision_page_states_what_issuing_does(
    login, ward_leader, forms, make_nominee, make_nomination, make_decision
):
    decision = _draft(forms, make_nominee, make_nomination, make_decision)
    page = login(ward_leader).get(reverse("awards:decision", args=[decision.pk])).content
    page = page.decode()
    assert f'data-confirm="{CONSEQUENCE}"' in page
    # Without JavaScript the box must be ticked before the browser sends the form.
    assert 'name="confirmed" value="yes"' in page
    assert "required" in page.split('name="confirmed"')[1].split(">")[0]


def test_an_unconfirmed_issue_is_asked_again_and_changes_nothing(
    login, ward_leader, forms, make_nominee, make_nomination, make_decision
):
    decision = _draft(forms, make_nominee, make_nomination, make_decision)
    client = login(ward_leader)
    url = reverse("awards:decision_issue", args=[decision.pk])
    for data in ({}, {"confirmed": ""}, {"confirmed": "on?"}):
        response = client.post(url, data)
        assert response.status_code == 200
        assert CONSEQUENCE in response.content.decode()
    decision.refresh_from_db()
    assert not decision.is_issued
    assert not Certificate.objects.exists()
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    decision.refresh_from_db()
    assert decision.is_issued
    assert Certificate.objects.count() == 2


def test_who_may_not_issue_is_refused_before_being_asked(
    login, people, forms, make_nominee, make_nomination, make_decision
):
    decision = _draft(forms, make_nominee, make_nomination, make_decision)
    url = reverse("awards:decision_issue", args=[decision.pk])
    assert login(people["ward_official"]).post(url).status_code == 403
    assert login(people["outsider"]).post(url).status_code == 404
