from django.urls import path

from wards import views

app_name = "wards"

urlpatterns = [
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("units/<str:code>/areas/new/", views.area_create, name="area_create"),
    path("areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("areas/<int:pk>/delete/", views.area_delete, name="area_delete"),
    path("units/<str:code>/groupings/new/", views.grouping_create, name="grouping_create"),
    path("units/<str:code>/grouping/edit/", views.grouping_edit, name="grouping_edit"),
]
