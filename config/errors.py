from django.shortcuts import render


def csrf_failure(request, reason=""):
    """The site's own page for a refused form, with the layout and the user's language
    (Django's default renders its template without the request)."""
    return render(request, "403_csrf.html", status=403)
