from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.job_list, name="list"),
    path("documents/table/", views.job_table, name="table"),
    path("documents/generate/", views.generate, name="generate"),
    path("documents/<int:pk>/", views.job_detail, name="job"),
    path("documents/<int:pk>/status/", views.job_status, name="status"),
    path("documents/<int:pk>/regenerate/", views.regenerate, name="regenerate"),
    path("documents/<int:pk>/download/", views.download, name="download"),
]
