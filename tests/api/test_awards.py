"""The commendation resources: nominations pushed and submitted with the pages' rules,
their status read back, decisions and certificates read, the public verification look-up."""

import unicodedata

import pytest
from django.core.cache import cache

from awards import services
from awards.models import Nomination, Nominee, RecipientKind, Status
from tests.api.conftest import ApiClient
from tests.awards import conftest as award_fixtures

pytestmark = pytest.mark.django_db

# The award tests' fixtures (tests/awards/conftest.py): the seeded forms, nominees, ...
forms = award_fixtures.forms
make_nominee = award_fixtures.make_nominee
make_nomination = award_fixtures.make_nomination
make_decision = award_fixtures.make_decision
ward_leader = award_fixtures.ward_leader

ACHIEVEMENTS = "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ năm 2026"


@pytest.fixture
def nominee(make_nominee):
    return make_nominee("Nguyễn Văn Hải")


def _body(nominee, form="GKUBP", **extra):
    return {
        "nominee": nominee.pk,
        "form": form,
        "year": 2026,
        "achievements": ACHIEVEMENTS,
        "proposing_unit": "Công an phường An",
        **extra,
    }


def test_a_ward_token_pushes_a_nomination_and_reads_its_status(tokens, forms, nominee):
    client = ApiClient(tokens["ward_rw"])
    response = client.post("/api/v1/nominations/", _body(nominee))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft"
    assert created["form"] == "GKUBP"
    assert created["ward"] == "90001"
    nomination = Nomination.objects.get(pk=created["id"])
    assert (nomination.nominee, nomination.year) == (nominee, 2026)
    # The token's creator is recorded as who proposed it, as the page records the user.
    assert nomination.created_by.username == "quantri.thu"

    submitted = client.post(f"/api/v1/nominations/{created['id']}/submit/")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["status_label"] == "Đã gửi, chờ xét"

    # A second submit is refused with the page's message, not a server error.
    again = client.post(f"/api/v1/nominations/{created['id']}/submit/")
    assert again.status_code == 400
    assert "đã được xử lý" in again.json()["errors"]["non_field_errors"][0]


def test_the_status_follows_the_approver_on_the_page(tokens, forms, make_nomination, ward_leader):
    nomination = make_nomination(forms["GKUBP"], status=Status.SUBMITTED, year=2026)
    services.send_back(ward_leader, nomination, "Bổ sung năm sinh")
    read = ApiClient(tokens["province_ro"]).get(f"/api/v1/nominations/{nomination.pk}/")
    assert read.status_code == 200
    assert read.json()["status"] == "returned"
    assert read.json()["reason"] == "Bổ sung năm sinh"


def test_the_forms_rules_refuse_with_the_forms_messages(tokens, forms, make_nominee):
    collective = make_nominee("Tổ tự quản khu 3", kind=RecipientKind.COLLECTIVE)
    client = ApiClient(tokens["ward_rw"])
    response = client.post("/api/v1/nominations/", _body(collective, form="KCC"))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert body["errors"]["form"] == [
        "Hình thức “Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”” không tặng cho tập thể."
    ]
    assert not Nomination.objects.exists()


def test_one_nomination_per_nominee_form_and_year(tokens, forms, nominee):
    client = ApiClient(tokens["ward_rw"])
    assert client.post("/api/v1/nominations/", _body(nominee)).status_code == 201
    twice = client.post("/api/v1/nominations/", _body(nominee))
    assert twice.status_code == 400
    messages = " ".join(sum(twice.json()["errors"].values(), []))
    assert "đã được đề nghị hình thức khen thưởng này trong năm" in messages
    assert Nomination.objects.count() == 1


def test_missing_and_mistyped_fields_are_named(tokens, forms, nominee):
    response = ApiClient(tokens["ward_rw"]).post(
        "/api/v1/nominations/", {"nominee": nominee.pk, "form": "KHONG-CO", "year": "năm nay"}
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"form", "year", "achievements", "proposing_unit"}


def test_text_is_stored_nfc(tokens, forms, nominee):
    decomposed = unicodedata.normalize("NFD", ACHIEVEMENTS)
    response = ApiClient(tokens["ward_rw"]).post(
        "/api/v1/nominations/", _body(nominee, achievements=decomposed)
    )
    assert response.status_code == 201
    assert Nomination.objects.get().achievements == ACHIEVEMENTS


def test_another_wards_nominee_reads_as_unknown(tokens, forms, make_nominee, units):
    far = make_nominee("Trần Thị Xa", ward=units["sibling"])
    response = ApiClient(tokens["ward_rw"]).post("/api/v1/nominations/", _body(far))
    assert response.status_code == 400
    assert "trong phạm vi của bạn" in response.json()["errors"]["nominee"][0]
    assert not Nomination.objects.exists()


def test_a_read_only_token_cannot_nominate(tokens, forms, nominee):
    response = ApiClient(tokens["ward_ro"]).post("/api/v1/nominations/", _body(nominee))
    assert response.status_code == 403
    assert response.json()["detail"] == "Mã truy cập này chỉ được đọc, không được ghi."
    assert not Nomination.objects.exists()


def test_a_nominee_is_created_with_the_pages_rules(tokens, forms):
    client = ApiClient(tokens["ward_rw"])
    missing_year = client.post(
        "/api/v1/nominees/", {"ward": "90001", "kind": "individual", "name": "Lê Văn Tám"}
    )
    assert missing_year.status_code == 400
    assert missing_year.json()["errors"]["birth_year"] == [
        "Cá nhân cần có năm sinh để in danh sách."
    ]
    created = client.post(
        "/api/v1/nominees/",
        {
            "ward": "90001",
            "kind": "individual",
            "name": "Lê Văn Tám",
            "birth_year": 1980,
            "prior_awards": ["KCC"],
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["prior_awards"] == ["KCC"]
    nominee = Nominee.objects.get(name="Lê Văn Tám")
    # The medal held before the app counts: proposing it again is refused, as on the page.
    again = client.post("/api/v1/nominations/", _body(nominee, form="KCC"))
    assert again.status_code == 400
    assert "chỉ tặng một lần" in again.json()["errors"]["form"][0]


def test_a_nominee_in_a_sibling_ward_is_refused(tokens, forms):
    response = ApiClient(tokens["ward_rw"]).post(
        "/api/v1/nominees/",
        {"ward": "90002", "kind": "collective", "name": "Tổ hòa giải khu 2"},
    )
    assert response.status_code == 400
    assert "90002" in response.json()["errors"]["ward"][0]
    assert not Nominee.objects.exists()


def test_nominations_filter_by_unit_year_status_and_form(tokens, forms, make_nomination, units):
    make_nomination(forms["GKUBP"], year=2026)
    make_nomination(forms["KCC"], year=2025, status=Status.SUBMITTED)
    client = ApiClient(tokens["province_ro"])

    def ids(query):
        response = client.get(f"/api/v1/nominations/?{query}")
        assert response.status_code == 200, response.content
        return [row["form"] for row in response.json()["results"]]

    assert sorted(ids("unit=90001")) == ["GKUBP", "KCC"]
    assert ids("year=2026") == ["GKUBP"]
    assert ids("status=submitted") == ["KCC"]
    assert ids("kind=KCC") == ["KCC"]
    assert ids("unit=90002") == []
    bad = client.get("/api/v1/nominations/?status=maybe")
    assert bad.status_code == 400
    assert "status" in bad.json()["errors"]


# --------------------------------------------------------------------------- idempotency


def test_a_retried_nomination_with_the_same_key_is_created_once(tokens, forms, nominee):
    client = ApiClient(tokens["ward_rw"])
    key = {"HTTP_X_IDEMPOTENCY_KEY": "tinh-90-lo-1-so-1"}
    first = client.post("/api/v1/nominations/", _body(nominee), **key)
    retry = client.post("/api/v1/nominations/", _body(nominee), **key)
    assert first.status_code == retry.status_code == 201
    assert retry.json()["id"] == first.json()["id"]
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert Nomination.objects.count() == 1
    # Without the key the same body is a second request, refused by the form's rule.
    assert client.post("/api/v1/nominations/", _body(nominee)).status_code == 400


def test_a_submit_retried_with_its_key_answers_as_the_first_time(tokens, forms, make_nomination):
    nomination = make_nomination(forms["GKUBP"], year=2026)
    client = ApiClient(tokens["ward_rw"])
    key = {"HTTP_X_IDEMPOTENCY_KEY": "gui-1"}
    first = client.post(f"/api/v1/nominations/{nomination.pk}/submit/", **key)
    retry = client.post(f"/api/v1/nominations/{nomination.pk}/submit/", **key)
    assert first.status_code == retry.status_code == 200
    assert retry.json()["status"] == "submitted"


# --------------------------------------------------------------------------- decisions


@pytest.fixture
def issued(forms, make_nomination, make_decision, ward_leader):
    nomination = make_nomination(forms["GKUBP"], status=Status.APPROVED, year=2025)
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, [nomination])
    return services.issue(ward_leader, decision)


def test_decisions_and_certificates_are_read_with_the_reward_in_dong(tokens, issued):
    client = ApiClient(tokens["ward_ro"])
    decisions = client.get("/api/v1/decisions/").json()["results"]
    assert [(d["reference"], d["status"], d["form"]) for d in decisions] == [
        ("125/QĐ-UBND", "issued", "GKUBP")
    ]
    certificates = client.get(f"/api/v1/certificates/?decision={issued.pk}").json()["results"]
    assert len(certificates) == 1
    certificate = certificates[0]
    assert certificate["serial"] == "GKUBP-2025-000001"
    assert certificate["name"] == "Nguyễn Văn Hải"
    # Giấy khen of the ward chairman: 0.3 × the base salary, in đồng, as an integer.
    assert certificate["reward"] == issued.certificates.get().reward
    nomination = client.get(f"/api/v1/nominations/{certificate['nomination']}/").json()
    assert nomination["certificate"] == "GKUBP-2025-000001"
    assert nomination["decision"] == issued.pk
    # A sibling ward sees neither.
    sibling = ApiClient(tokens["sibling_rw"])
    assert sibling.get(f"/api/v1/decisions/{issued.pk}/").status_code == 404
    assert sibling.get(f"/api/v1/certificates/{certificate['id']}/").status_code == 404


def test_decisions_cannot_be_written(tokens, issued):
    client = ApiClient(tokens["ward_rw"])
    assert client.post("/api/v1/decisions/", {}).status_code == 405
    assert client.delete(f"/api/v1/decisions/{issued.pk}/").status_code == 405


def test_anyone_verifies_a_certificate_by_its_code(issued, settings):
    settings.AWARDS_VERIFY_LIMIT = 3
    cache.clear()
    code = issued.certificates.get().code
    anonymous = ApiClient()
    found = anonymous.get(f"/api/v1/verify/{code}/")
    assert found.status_code == 200
    assert found.json() == {
        "serial": "GKUBP-2025-000001",
        "form": issued.form.name,
        "name": "Nguyễn Văn Hải",
        "decision": "125/QĐ-UBND",
        "date": "2025-08-12",
        "authority": "Ủy ban nhân dân phường An",
    }
    assert anonymous.get("/api/v1/verify/khong-co-ma-nay/").status_code == 404
    # The third look-up reached the limit: the address waits, told how long.
    anonymous.get(f"/api/v1/verify/{code}/")
    limited = anonymous.get(f"/api/v1/verify/{code}/")
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert "thử lại" in limited.json()["detail"]
