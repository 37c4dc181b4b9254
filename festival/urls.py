from django.urls import path, register_converter

from festival import views


class RowKindConverter:
    """The kinds of rows of a festival that share the generic add/edit/delete views."""

    regex = "|".join(views.CHILDREN)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RowKindConverter, "rowkind")

app_name = "festival"

urlpatterns = [
    path("festivals/", views.festival_list, name="list"),
    path("festivals/calendar/", views.festival_calendar, name="calendar"),
    path("festivals/new/", views.festival_create, name="create"),
    path("festivals/<int:pk>/", views.festival_detail, name="detail"),
    path("festivals/<int:pk>/edit/", views.festival_edit, name="edit"),
    path("festivals/<int:pk>/status/", views.festival_status, name="status"),
    path("festivals/<int:pk>/pilot/", views.festival_pilot, name="pilot"),
    path("festivals/<int:pk>/results/", views.festival_results, name="results"),
    path("festivals/<int:pk>/pledge/", views.pledge_edit, name="pledge"),
    path("festivals/<int:pk>/photos/", views.photo_gallery, name="photos"),
    path("festivals/photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("festivals/photos/<int:pk>/image/", views.photo_file, {"size": "image"}, name="photo"),
    path(
        "festivals/photos/<int:pk>/thumbnail/",
        views.photo_file,
        {"size": "thumbnail"},
        name="photo_thumbnail",
    ),
    path("festivals/<int:pk>/<rowkind:kind>/new/", views.child_create, name="row_create"),
    path("festivals/<rowkind:kind>/<int:pk>/edit/", views.child_edit, name="row_edit"),
    path("festivals/<rowkind:kind>/<int:pk>/delete/", views.child_delete, name="row_delete"),
    path("festivals/programme/<int:pk>/move/", views.programme_move, name="move"),
    path("festivals/side-events/<int:pk>/results/", views.side_event_results, name="event_results"),
]
