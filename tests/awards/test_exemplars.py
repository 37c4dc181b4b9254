from django.urls import reverse

from awards.models import Nominee
from wards.models import Exemplar


def _exemplar(ward, name="Nguyễn Thị Lan", **extra):
    return Exemplar.objects.create(ward=ward, name=name, position="Tổ trưởng tổ hòa giải", **extra)


def test_an_exemplary_person_is_picked_as_a_nominee(login, people, units):
    lan = _exemplar(units["ward"])
    client = login(people["ward_official"])
    page = client.get(reverse("awards:nominees")).content.decode()
    assert "Điển hình tiên tiến chưa được đề nghị" in page
    assert "Nguyễn Thị Lan" in page
    url = reverse("awards:nominee_create", args=["90001"]) + f"?exemplar={lan.pk}"
    form = client.get(url).content.decode()
    assert 'value="Nguyễn Thị Lan"' in form
    assert 'value="Tổ trưởng tổ hòa giải"' in form
    response = client.post(
        url,
        {
            "exemplar": lan.pk,
            "kind": "individual",
            "name": "Nguyễn Thị Lan",
            "birth_year": 1972,
            "position": "Tổ trưởng tổ hòa giải",
        },
    )
    assert response.status_code == 302
    nominee = Nominee.objects.get()
    assert nominee.exemplar == lan
    # Once picked, the exemplar leaves the list of those not yet proposed.
    assert (
        "Điển hình tiên tiến chưa được đề nghị"
        not in client.get(reverse("awards:nominees")).content.decode()
    )


def test_another_wards_exemplar_cannot_be_picked(login, people, units):
    stranger = _exemplar(units["sibling"], "Trần Văn Xa")
    client = login(people["ward_official"])
    url = reverse("awards:nominee_create", args=["90001"]) + f"?exemplar={stranger.pk}"
    assert client.get(url).status_code == 404
    assert "Trần Văn Xa" not in client.get(reverse("awards:nominees")).content.decode()
