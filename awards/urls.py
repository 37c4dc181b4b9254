from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("awards/", views.index, name="index"),
    path("awards/forms/", views.catalogue, name="catalogue"),
    path("awards/nominees/", views.nominee_list, name="nominees"),
    path("awards/units/<str:code>/nominees/new/", views.nominee_create, name="nominee_create"),
    path("awards/nominees/<int:pk>/edit/", views.nominee_edit, name="nominee_edit"),
    path(
        "awards/units/<str:code>/nominees/fit/",
        views.fit_check,
        {"kind": "nominee"},
        name="nominee_fit",
    ),
    path(
        "awards/units/<str:code>/nominations/fit/",
        views.fit_check,
        {"kind": "nomination"},
        name="nomination_fit",
    ),
    path(
        "awards/units/<str:code>/nominations/new/",
        views.nomination_create,
        name="nomination_create",
    ),
    path("awards/nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("awards/nominations/<int:pk>/edit/", views.nomination_edit, name="nomination_edit"),
    path("awards/nominations/<int:pk>/submit/", views.nomination_submit, name="nomination_submit"),
    path("awards/nominations/<int:pk>/act/", views.nomination_act, name="nomination_act"),
    path("awards/approvals/", views.approvals, name="approvals"),
    path("awards/decisions/", views.decision_list, name="decisions"),
    path("awards/decisions/new/", views.decision_create, name="decision_create"),
    path("awards/decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("awards/decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("awards/decisions/<int:pk>/issue/", views.decision_issue, name="decision_issue"),
    path("awards/ceremonies/", views.ceremony_list, name="ceremonies"),
    path("awards/ceremonies/<int:festival_pk>/", views.ceremony_detail, name="ceremony"),
    path("awards/ceremonies/<int:festival_pk>/mc/", views.ceremony_mc, name="ceremony_mc"),
    path(
        "awards/presentations/<int:pk>/delete/",
        views.presentation_delete,
        name="presentation_delete",
    ),
    path("awards/printers/", views.printer_list, name="printers"),
    path("awards/printers/new/", views.printer_create, name="printer_create"),
    path("awards/printers/<int:pk>/edit/", views.printer_edit, name="printer_edit"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
