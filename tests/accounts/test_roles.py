"""The roles that match the ward's people, what each may do, and the page that says it."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import make_user
from tests.register import DEMO_PASSWORD, seed_kinds
from wards.models import Membership, Role
from wards.scoping import PERM_LABELS, ROLE_PERMISSIONS, Perm, grantable_roles, has_perm

migration = importlib.import_module("wards.migrations.0015_ward_leadership_role")


def test_the_roles_page_lists_every_role_with_exactly_its_permissions(login, people):
    page = login(people["ward_official"]).get(reverse("accounts:roles"))
    assert page.status_code == 200
    rows = {row["value"]: row for row in page.context["roles"]}
    assert set(rows) == set(Role.values)
    html = page.content.decode()
    for role in Role.values:
        assert str(Role(role).label) in html
        shown = {str(label) for label in rows[role]["perms"]}
        assert shown == {str(PERM_LABELS[perm]) for perm in ROLE_PERMISSIONS[role]}
    # The page follows the table: change the table, the page changes with it.
    assert "Phê duyệt đề nghị" in html


def test_the_roles_page_follows_a_change_of_permissions(login, people, monkeypatch):
    changed = {**ROLE_PERMISSIONS, Role.VIEWER: frozenset({Perm.PRINT})}
    monkeypatch.setattr("accounts.views.ROLE_PERMISSIONS", changed)
    page = login(people["ward_official"]).get(reverse("accounts:roles"))
    viewer = next(row for row in page.context["roles"] if row["value"] == Role.VIEWER)
    assert [str(label) for label in viewer["perms"]] == [str(PERM_LABELS[Perm.PRINT])]


def test_the_user_menu_links_the_roles_page(login, people):
    html = login(people["organiser"]).get(reverse("festival:list")).content.decode()
    assert reverse("accounts:roles") in html


def test_every_permission_has_a_label_and_the_administrator_has_them_all():
    perms = {value for name, value in vars(Perm).items() if not name.startswith("_")}
    assert set(PERM_LABELS) == perms
    assert ROLE_PERMISSIONS[Role.ADMIN] == perms


def test_the_ward_leader_approves_and_signs_for_their_own_ward_only(units):
    leader = make_user("chutich.an", Role.WARD_LEADER, units["ward"])
    assert has_perm(leader, Perm.APPROVE, units["ward"])
    assert has_perm(leader, Perm.MANAGE_SIGNERS, units["ward"])
    assert not has_perm(leader, Perm.APPROVE, units["sibling"])
    assert not has_perm(leader, Perm.EDIT_REGISTER, units["ward"])


def test_the_ward_police_keep_schemes_and_print_but_nothing_else(units):
    police = make_user("congan.an", Role.WARD_POLICE, units["ward"])
    assert has_perm(police, Perm.EDIT_SCHEMES, units["ward"])
    assert has_perm(police, Perm.PRINT, units["ward"])
    for perm in (Perm.EDIT_REGISTER, Perm.EDIT_FESTIVAL, Perm.NOMINATE, Perm.APPROVE):
        assert not has_perm(police, perm, units["ward"])


def test_a_viewer_may_do_nothing(units):
    viewer = make_user("xem.an", Role.VIEWER, units["ward"])
    perms = {value for name, value in vars(Perm).items() if not name.startswith("_")}
    assert not any(has_perm(viewer, perm, units["ward"]) for perm in perms)


def test_grantable_roles_are_never_above_ones_own(people, units):
    assert set(grantable_roles(people["admin"])) == set(Role.values)
    leader = make_user("chutich.an", Role.WARD_LEADER, units["ward"])
    assert set(grantable_roles(leader)) == {Role.WARD_LEADER, Role.VIEWER}


def test_the_migration_turns_staff_at_a_ward_into_its_leadership_and_back(people, units):
    chairman = make_user("chutich.an", Role.STAFF, units["ward"])
    police = make_user("congan.an", Role.WARD_POLICE, units["ward"])
    viewer = make_user("xem.an", Role.VIEWER, units["ward"])
    migration.forward(apps, None)
    assert Membership.objects.get(user=chairman).role == Role.WARD_LEADER
    assert Membership.objects.get(user=people["province"]).role == Role.STAFF  # above a ward
    official = Membership.objects.get(user=people["ward_official"])
    assert official.search_text == "canbo.an nguyen van hai"
    migration.backward(apps, None)
    assert Membership.objects.get(user=chairman).role == Role.STAFF
    assert Membership.objects.get(user=police).role == Role.WARD_OFFICIAL
    assert not Membership.objects.filter(user=viewer).exists()


@pytest.mark.django_db
def test_the_demo_has_a_ward_leader_police_and_a_viewer_who_can_log_in(client):
    seed_kinds()
    call_command("load_demo", stdout=io.StringIO())
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles["lanhdao.cuaong"] == Role.WARD_LEADER
    assert roles["congan.cuaong"] == Role.WARD_POLICE
    assert roles["xem.cuaong"] == Role.VIEWER
    assert roles["quantri.quangninh"] == Role.ADMIN
    for username in ("lanhdao.cuaong", "congan.cuaong", "xem.cuaong"):
        assert client.login(username=username, password=DEMO_PASSWORD)


def test_the_police_add_schemes_but_not_activity_and_a_viewer_neither(client, units, kinds):
    police = make_user("congan.an", Role.WARD_POLICE, units["ward"])
    viewer = make_user("xem.an", Role.VIEWER, units["ward"])
    scheme_form = reverse("wards:scheme_create", args=["90001"]) + "?kind="
    scheme_form += str(kinds["to-tu-quan"].pk)
    activity_form = reverse("wards:activity_create", args=["90001"])
    client.force_login(police)
    assert client.get(scheme_form).status_code == 200
    assert client.get(reverse("wards:import", args=["90001", "schemes"])).status_code == 200
    assert client.get(activity_form).status_code == 403
    assert client.get(reverse("wards:import", args=["90001", "activity"])).status_code == 403
    ward_page = client.get(reverse("wards:unit", args=["90001"])).content.decode()
    assert "Thêm mô hình" in ward_page
    client.force_login(viewer)
    assert client.get(reverse("wards:scheme_list")).status_code == 200
    assert client.get(scheme_form).status_code == 403
    assert client.get(activity_form).status_code == 403
    assert "Thêm mô hình" not in client.get(reverse("wards:unit", args=["90001"])).content.decode()
