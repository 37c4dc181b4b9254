"""The register's pages as a ward official and their colleagues use them."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.register import make_activity, make_scheme
from wards.models import Activity, Exemplar, Scheme, SchemeMember


# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
@pytest.fixture
def official(client, people):
    client.force_login(people["ward_official"])
    return client


def test_the_ward_page_shows_the_profile(official, units, kinds, areas):
    for n in range(3):
        make_scheme(units["ward"], kinds["to-tu-quan"], f"Tổ tự quản {n}", area=areas["Khu 1"])
    make_scheme(units["ward"], kinds["to-hoa-giai"], "Tổ hòa giải 1", area=areas["Khu 2"])
    page = official.get(reverse("wards:unit", args=["90001"])).content.decode()
    assert "Phường An: 3 tổ tự quản ANTT, 1 tổ hòa giải" in page
    assert "Thêm mô hình" in page


def test_the_ward_page_leads_to_the_year_s_festival(official, client, people, units):
    import datetime

    from festival.services import create_festival

    url = reverse("wards:unit", args=["90001"])
    page = official.get(url).content.decode()
    this_year = timezone.localdate().year
    assert f"Lập kế hoạch Ngày hội {this_year}" in page
    assert reverse("festival:create") in page
    client.force_login(people["district"])  # reads, does not plan
    assert "Lập kế hoạch Ngày hội" not in client.get(url).content.decode()
    festival = create_festival(
        units["ward"],
        people["ward_official"],
        date=datetime.date(this_year, 8, 19),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hóa",
    )
    page = client.get(url).content.decode()
    assert reverse("festival:detail", args=[festival.pk]) in page
    assert f"Ngày hội {this_year}: 19/08/{this_year} — Đang chuẩn bị" in page


def test_the_list_is_in_vietnamese_and_number_order(official, units, kinds):
    for name in ["Tổ 10", "Tổ 2", "Đội Đông", "Đội Bắc", "Dân phòng 1"]:
        make_scheme(units["ward"], kinds["to-tu-quan"], name)
    page = official.get(reverse("wards:scheme_list"))
    names = [scheme.name for scheme in page.context["page"]]
    assert names == ["Dân phòng 1", "Đội Bắc", "Đội Đông", "Tổ 2", "Tổ 10"]


def test_the_list_filters_searches_and_pages(official, units, kinds, areas):
    for n in range(35):
        make_scheme(units["ward"], kinds["to-tu-quan"], f"Tổ tự quản {n:02d}", area=areas["Khu 1"])
    make_scheme(units["ward"], kinds["to-hoa-giai"], "Tổ hòa giải Đồi Thông", area=areas["Khu 2"])
    make_scheme(units["sibling"], kinds["to-hoa-giai"], "Tổ hòa giải phường Bình")
    url = reverse("wards:scheme_list")

    first = official.get(url)
    assert first.context["page"].paginator.count == 36  # their ward only
    assert len(first.context["page"].object_list) == 20
    second = official.get(url, {"page": 2})
    assert len(second.context["page"].object_list) == 16

    found = official.get(url, {"q": "to hoa giai"})
    assert [s.name for s in found.context["page"]] == ["Tổ hòa giải Đồi Thông"]
    assert [s.name for s in official.get(url, {"kind": "to-hoa-giai"}).context["page"]] == [
        "Tổ hòa giải Đồi Thông"
    ]
    by_area = official.get(url, {"area": areas["Khu 2"].pk})
    assert by_area.context["page"].paginator.count == 1
    paged = official.get(url, {"kind": "to-tu-quan", "page": 2}).content.decode()
    assert "kind=to-tu-quan&amp;page=1" in paged  # the pager keeps the filters


def test_the_list_takes_a_fixed_number_of_queries(
    official, units, kinds, areas, django_assert_num_queries
):
    for n in range(40):
        make_scheme(units["ward"], kinds["camera"], f"Camera {n}", area=areas["Khu 1"])
    # 1 session, 2 user, 3 membership (scope and the menu's role), 4 the kind in the filter,
    # 5 count for the pager, 6 kinds and 7 areas for the filter's choices, 8 the page's
    # schemes with kind, area and ward
    with django_assert_num_queries(8):
        response = official.get(reverse("wards:scheme_list"), {"kind": "camera"})
    assert response.status_code == 200


def test_a_district_officer_lists_every_ward_below_and_filters_by_ward(
    client, people, units, kinds
):
    make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ An")
    make_scheme(units["sibling"], kinds["to-tu-quan"], "Tổ Bình")
    make_scheme(units["commune"], kinds["to-tu-quan"], "Tổ Cam")  # outside the grouping
    client.force_login(people["district"])
    url = reverse("wards:scheme_list")
    names = {s.name for s in client.get(url).context["page"]}
    assert names == {"Tổ An", "Tổ Bình"}
    assert [s.name for s in client.get(url, {"ward": "90002"}).context["page"]] == ["Tổ Bình"]
    # A ward outside the scope is not a choice: the filter is refused and shows nothing.
    assert list(client.get(url, {"ward": "90003"}).context["page"]) == []


def test_above_the_ward_the_wards_come_in_vietnamese_order(client, people, units, kinds):
    """Đ sorts after D and before Y (byte order would put it after every plain letter)."""
    from tests.conftest import make_unit
    from wards.models import Level

    names = ["Yên Thế", "Đông Hải", "Duyên Hải", "Ánh Dương"]
    for number, name in enumerate(names, start=4):
        ward = make_unit(f"9000{number}", name, Level.WARD, units["grouping"], "phường")
        make_scheme(ward, kinds["to-tu-quan"], f"Tổ {name}")
    client.force_login(people["district"])
    page = client.get(reverse("wards:scheme_list"))
    wards = [s.ward.name for s in page.context["page"]]
    assert wards == ["Ánh Dương", "Duyên Hải", "Đông Hải", "Yên Thế"]
    choices = [label for _value, label in page.context["form"].fields["ward"].choices][1:]
    assert choices == ["An", "Ánh Dương", "Bình", "Duyên Hải", "Đông Hải", "Yên Thế"]


def test_adding_a_scheme_starts_by_choosing_its_kind(official, kinds):
    page = official.get(reverse("wards:scheme_create", args=["90001"])).content.decode()
    assert "Tổ liên gia an toàn PCCC" in page
    assert f"?kind={kinds['to-lien-gia-pccc'].pk}" in page


def test_the_form_shows_only_the_fields_of_its_kind(official, kinds):
    url = reverse("wards:scheme_create", args=["90001"])
    fire = official.get(url, {"kind": kinds["to-lien-gia-pccc"].pk}).context["form"]
    assert set(fire.kind_field_names) == {"households", "extinguishers"}
    camera = official.get(url, {"kind": kinds["camera"].pk}).content.decode()
    assert 'name="camera_count"' in camera
    assert 'name="households"' not in camera


def test_a_fire_safety_group_is_saved_with_its_counts(official, units, kinds, areas):
    url = reverse("wards:scheme_create", args=["90001"])
    data = {
        "kind": kinds["to-lien-gia-pccc"].pk,
        "name": "Tổ liên gia khu 1",
        "area": areas["Khu 1"].pk,
        "status": "active",
        "households": "10",
        "extinguishers": "12",
        "latitude": "21,0285",
        "longitude": "105.8542",
    }
    response = official.post(f"{url}?kind={kinds['to-lien-gia-pccc'].pk}", data)
    scheme = Scheme.objects.get(name="Tổ liên gia khu 1")
    assert response.status_code == 302
    assert response["Location"] == scheme.get_absolute_url()
    assert (scheme.households, scheme.extinguishers, scheme.ward) == (10, 12, units["ward"])
    assert str(scheme.latitude) == "21.028500"


def test_a_missing_kind_field_is_explained_in_vietnamese(official, kinds):
    url = reverse("wards:scheme_create", args=["90001"])
    data = {"kind": kinds["camera"].pk, "name": "Camera chợ", "status": "active"}
    response = official.post(url, data)
    assert response.status_code == 200
    assert "Loại “Camera an ninh” cần nhập số camera." in response.content.decode()
    assert not Scheme.objects.exists()


def test_changing_the_kind_without_javascript_redraws_the_form(official, kinds):
    url = reverse("wards:scheme_create", args=["90001"])
    data = {
        "kind": kinds["hom-thu"].pk,
        "name": "Hòm thư chợ",
        "status": "active",
        "_reshape": "1",
    }
    response = official.post(url, data)
    page = response.content.decode()
    assert 'name="mailbox_location"' in page
    assert 'value="Hòm thư chợ"' in page  # what was typed stays
    assert "cần nhập" not in page  # and nothing is judged yet
    assert not Scheme.objects.exists()


def test_a_duplicate_name_is_refused(official, units, kinds):
    make_scheme(units["ward"], kinds["to-tu-quan"], "Ổ TỰ QUẢN SỐ 1")
    url = reverse("wards:scheme_create", args=["90001"])
    data = {"kind": kinds["to-tu-quan"].pk, "name": "ổ tự quản số 1", "status": "active"}
    assert "đã có mô hình" in official.post(url, data).content.decode()
    assert Scheme.objects.count() == 1


def test_edits_are_recorded_and_shown_on_the_detail_page(official, people, units, kinds):
    scheme = make_scheme(units["ward"], kinds["camera"], "Camera chợ", camera_count=4)
    url = reverse("wards:scheme_edit", args=[scheme.pk])
    data = {
        "kind": kinds["camera"].pk,
        "name": "Camera chợ Cửa Ông",
        "status": "suspended",
        "status_changed_on": "2025-03-01",
        "camera_count": "6",
        "cameras_connected": "3",
    }
    assert official.post(url, data).status_code == 302
    make_activity(units["ward"], scheme, count=2)
    detail = official.get(scheme.get_absolute_url())
    page = detail.content.decode()
    entry = detail.context["history"][1]  # newest first: the activity, then the edit
    assert entry.who == "Nguyễn Văn Hải"
    changes = {change.field: (change.old, change.new) for change in entry.changes}
    assert changes["tên mô hình"] == ("Camera chợ", "Camera chợ Cửa Ông")
    assert changes["số camera"] == ("4", "6")
    assert changes["trạng thái"] == ("Đang hoạt động", "Tạm ngừng")
    assert "Camera chợ → Camera chợ Cửa Ông" in page
    assert "Tin báo, tố giác chuyển Công an" in page


def test_changing_the_kind_empties_the_old_kinds_fields(official, units, kinds):
    scheme = make_scheme(units["ward"], kinds["camera"], "Tổ 1", camera_count=4)
    data = {"kind": kinds["to-tu-quan"].pk, "name": "Tổ 1", "status": "active"}
    assert official.post(reverse("wards:scheme_edit", args=[scheme.pk]), data).status_code == 302
    scheme.refresh_from_db()
    assert (scheme.kind, scheme.camera_count, scheme.cameras_connected) == (
        kinds["to-tu-quan"],
        None,
        None,
    )


def test_members_are_kept_with_roles_and_phones(official, units, kinds):
    scheme = make_scheme(units["ward"], kinds["to-tuan-tra"], "Tổ tuần tra khu 1")
    url = reverse("wards:scheme_members", args=[scheme.pk])
    data = {
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "0",
        "members-0-name": "Trần Văn Bình",
        "members-0-role": "Tổ phó",
        "members-0-phone": "0912345678",
        "members-1-name": "Lê Thị Cúc",
        "members-1-role": "Thành viên",
        "members-2-role": "Thành viên",  # an empty row as the browser sends it
    }
    assert official.post(url, data).status_code == 302
    assert list(scheme.members.values_list("name", "role")) == [
        ("Trần Văn Bình", "Tổ phó"),
        ("Lê Thị Cúc", "Thành viên"),
    ]
    page = official.get(scheme.get_absolute_url()).content.decode()
    assert "Trần Văn Bình" in page
    assert "thành viên mô hình: Trần Văn Bình (Tổ phó)" in page  # in the history
    assert SchemeMember.history.filter(scheme_id=scheme.pk).count() == 2


def test_a_scheme_with_activity_is_not_deleted(official, units, kinds):
    scheme = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 1")
    make_activity(units["ward"], scheme)
    response = official.post(reverse("wards:scheme_delete", args=[scheme.pk]), follow=True)
    assert "Đã giải thể" in response.content.decode()
    assert Scheme.objects.filter(pk=scheme.pk).exists()
    empty = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 2")
    official.post(reverse("wards:scheme_delete", args=[empty.pk]), {"confirmed": "yes"})
    assert not Scheme.objects.filter(pk=empty.pk).exists()


def test_activity_is_added_to_a_scheme_and_counted_on_the_profile(official, units, kinds):
    scheme = make_scheme(units["ward"], kinds["to-hoa-giai"], "Tổ hòa giải 1")
    url = reverse("wards:activity_create", args=["90001"]) + f"?scheme={scheme.pk}"
    data = {"date": "2025-05-02", "type": "mediation", "count": "3", "note": "Tranh chấp đất"}
    response = official.post(url, data)
    assert response["Location"] == scheme.get_absolute_url()
    activity = Activity.objects.get()
    assert (activity.scheme, activity.ward, activity.count) == (scheme, units["ward"], 3)
    page = official.get(reverse("wards:unit", args=["90001"]), {"year": 2025}).content.decode()
    assert re.search(r"Vụ việc hòa giải thành</td><td[^>]*>1</td><td[^>]*>3</td>", page)


def test_a_ward_wide_activity_and_bad_counts(official, units):
    url = reverse("wards:activity_create", args=["90001"])
    bad = official.post(url, {"date": "2025-05-02", "type": "patrol", "count": "-2"})
    assert bad.status_code == 200
    assert not Activity.objects.exists()
    future = official.post(url, {"date": "2999-01-01", "type": "patrol", "count": "1"})
    assert "không thể ở tương lai" in future.content.decode()
    official.post(url, {"date": "2025-05-02", "type": "patrol", "count": "2"})
    assert Activity.objects.get().scheme is None
    listing = official.get(reverse("wards:activity_list", args=["90001"]), {"year": "2025"})
    assert listing.context["page"].paginator.count == 1


def test_editing_an_activity_shows_its_history(official, units):
    activity = make_activity(units["ward"], count=1)
    url = reverse("wards:activity_edit", args=[activity.pk])
    official.post(url, {"date": "2025-05-01", "type": "tip_off", "count": "5"})
    page = official.get(url).content.decode()
    assert "Số lượng: 1 → 5" in page


def test_exemplars_link_to_schemes(official, units, kinds):
    scheme = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ tự quản 1")
    url = reverse("wards:exemplar_create", args=["90001"])
    data = {
        "kind": "individual",
        "name": "Nguyễn Thị Hoa",
        "position": "Tổ trưởng tổ tự quản",
        "schemes": [scheme.pk],
        "year": "2025",
        "achievements": "Cung cấp 5 nguồn tin có giá trị",
    }
    assert official.post(url, data).status_code == 302
    assert list(Exemplar.objects.get().schemes.all()) == [scheme]
    assert "Nguyễn Thị Hoa" in official.get(scheme.get_absolute_url()).content.decode()
    listing = official.get(reverse("wards:exemplar_list", args=["90001"])).content.decode()
    assert "Cung cấp 5 nguồn tin có giá trị" in listing


def test_the_map_lists_schemes_with_a_location(official, units, kinds, settings):
    settings.MAP_TILE_URL = ""
    make_scheme(
        units["ward"], kinds["camera"], "Camera chợ", latitude="21.0285", longitude="105.8542"
    )
    make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ không vị trí")
    make_scheme(
        units["sibling"], kinds["camera"], "Camera Bình", latitude="21.1", longitude="105.9"
    )
    response = official.get(reverse("wards:scheme_map"))
    assert [m["name"] for m in response.context["markers"]] == ["Camera chợ"]
    page = response.content.decode()
    assert 'id="scheme-markers"' in page
    assert "vendor/leaflet/leaflet.js" in page
    assert "Chưa cấu hình máy chủ bản đồ nền" in page


def test_the_map_uses_the_configured_tile_server(official, settings):
    settings.MAP_TILE_URL = "https://tiles.example.vn/{z}/{x}/{y}.png"
    page = official.get(reverse("wards:scheme_map")).content.decode()
    assert 'data-tile-url="https://tiles.example.vn/{z}/{x}/{y}.png"' in page


def test_the_nav_offers_the_register(official):
    page = official.get(reverse("wards:unit", args=["90001"])).content.decode()
    assert "Mô hình tự quản" in page
    assert f'href="{reverse("wards:scheme_map")}"' in page


def test_an_area_with_schemes_is_not_deleted(official, units, kinds, areas):
    make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 1", area=areas["Khu 1"])
    response = official.post(
        reverse("wards:area_delete", args=[areas["Khu 1"].pk]), {"confirmed": "yes"}, follow=True
    )
    assert "chưa xóa được" in response.content.decode()
    assert areas["Khu 1"].__class__.objects.filter(pk=areas["Khu 1"].pk).exists()


def test_dates_show_the_vietnamese_way(official, units, kinds):
    scheme = make_scheme(
        units["ward"], kinds["to-tu-quan"], "Tổ 1", established_on=date(2024, 8, 19)
    )
    assert "19/08/2024" in official.get(scheme.get_absolute_url()).content.decode()
