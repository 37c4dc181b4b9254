from django.urls import path

from wards import import_views, register_views, views

app_name = "wards"

urlpatterns = [
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("units/<str:code>/areas/new/", views.area_create, name="area_create"),
    path("areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("areas/<int:pk>/delete/", views.area_delete, name="area_delete"),
    path("units/<str:code>/groupings/new/", views.grouping_create, name="grouping_create"),
    path("units/<str:code>/grouping/edit/", views.grouping_edit, name="grouping_edit"),
    path("units/<str:code>/signers/", views.signer_list, name="signer_list"),
    path("units/<str:code>/settings/", views.unit_settings, name="unit_settings"),
    path("units/<str:code>/scheme-kinds/", views.scheme_kind_list, name="scheme_kind_list"),
    path("units/<str:code>/scheme-kinds/new/", views.scheme_kind_create, name="scheme_kind_create"),
    path("scheme-kinds/<int:pk>/edit/", views.scheme_kind_edit, name="scheme_kind_edit"),
    path("units/<str:code>/groupings/former/", views.former_groupings, name="former_groupings"),
    path("units/<str:code>/deleted/", views.deleted_list, name="deleted"),
    path(
        "units/<str:code>/deleted/<str:key>/<int:history_id>/restore/",
        views.deleted_restore,
        name="restore",
    ),
    path("units/<str:code>/signers/new/", views.signer_create, name="signer_create"),
    path("signers/<int:pk>/edit/", views.signer_edit, name="signer_edit"),
    # The register: schemes, their members and activity, exemplary people.
    path("schemes/", register_views.scheme_list, name="scheme_list"),
    path("schemes/map/", register_views.scheme_map, name="scheme_map"),
    path("schemes/<int:pk>/", register_views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/edit/", register_views.scheme_edit, name="scheme_edit"),
    path("schemes/<int:pk>/delete/", register_views.scheme_delete, name="scheme_delete"),
    path("schemes/<int:pk>/members/", register_views.scheme_members, name="scheme_members"),
    path("units/<str:code>/schemes/new/", register_views.scheme_create, name="scheme_create"),
    path("units/<str:code>/activity/", register_views.activity_list, name="activity_list"),
    path("units/<str:code>/activity/new/", register_views.activity_create, name="activity_create"),
    path("activity/<int:pk>/edit/", register_views.activity_edit, name="activity_edit"),
    path("activity/<int:pk>/delete/", register_views.activity_delete, name="activity_delete"),
    path("units/<str:code>/exemplars/", register_views.exemplar_list, name="exemplar_list"),
    path(
        "units/<str:code>/exemplars/new/",
        register_views.exemplar_create,
        name="exemplar_create",
    ),
    path("exemplars/<int:pk>/edit/", register_views.exemplar_edit, name="exemplar_edit"),
    path("exemplars/<int:pk>/delete/", register_views.exemplar_delete, name="exemplar_delete"),
    path("units/<str:code>/import/<str:what>/", import_views.import_upload, name="import"),
    path(
        "units/<str:code>/import/<str:what>/confirm/",
        import_views.import_confirm,
        name="import_confirm",
    ),
    path(
        "units/<str:code>/import/<str:what>/template.xlsx",
        import_views.import_template,
        name="import_template",
    ),
]
