from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("roles/", views.roles, name="roles"),
    path("users/", views.user_list, name="list"),
    path("users/new/", views.user_create, name="create"),
    path("users/passwords/", views.passwords, name="passwords"),
    path("users/<int:pk>/", views.user_detail, name="detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="edit"),
    path("users/<int:pk>/reset-password/", views.user_reset_password, name="reset_password"),
    path("users/<int:pk>/active/", views.user_set_active, name="set_active"),
    path("users/<int:pk>/invite/", views.user_invite, name="invite"),
    path("invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
]
