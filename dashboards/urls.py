from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("dashboards/", views.index, name="index"),
    path("dashboards/units/<str:code>/", views.unit_view, name="unit"),
    path("dashboards/wards/<str:code>/", views.ward_view, name="ward"),
]
