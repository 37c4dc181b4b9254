"""The app's addresses plus one that fails, for the 500 page's test."""

from django.db import DatabaseError
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


def broken(request):
    raise DatabaseError("the database is down")


urlpatterns = [*app_urlpatterns, path("broken/", broken)]
