"""Every page names its icon, and the address browsers try on their own answers too."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse


def test_pages_link_the_icon_and_the_files_exist(client):
    page = client.get(reverse("login")).content.decode()
    for name in ("favicon.svg", "favicon.ico"):
        assert f'href="{static(name)}"' in page
        assert finders.find(name) is not None


def test_favicon_ico_at_the_root_is_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.ico")
