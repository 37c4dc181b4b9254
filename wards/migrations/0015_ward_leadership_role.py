"""The ward's leadership had only "Cán bộ cấp trên" to be given: a staff membership at a ward is
its chairman or a vice-chairman, now "Lãnh đạo phường, xã" (same permissions at their ward)."""

from django.db import migrations

from documents.vietnamese import fold


def forward(apps, schema_editor):
    Membership = apps.get_model("wards", "Membership")
    Membership.objects.filter(role="staff", unit__level="ward").update(role="ward_leader")
    for membership in Membership.objects.select_related("user"):
        user = membership.user
        membership.search_text = fold(
            " ".join([user.username, user.last_name, user.first_name, user.email])
        )
        membership.save(update_fields=["search_text"])


def backward(apps, schema_editor):
    Membership = apps.get_model("wards", "Membership")
    Membership.objects.filter(role="ward_leader").update(role="staff")
    # The police were given the ward official's role before it existed; a viewer had no role
    # before: without one, they see nothing (the safe side) rather than more than they had.
    Membership.objects.filter(role="ward_police").update(role="ward_official")
    Membership.objects.filter(role="viewer").delete()


class Migration(migrations.Migration):
    dependencies = [("wards", "0014_membership_roles_accounts")]

    operations = [migrations.RunPython(forward, backward)]
