"""``/api/v1/``: the resources, the OpenAPI schema and its docs page. Another app's
resources are registered here too (``router.register``), on the top floor."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import docs, routes, views

router = DefaultRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("scheme-kinds", views.SchemeKindViewSet, basename="scheme-kind")
router.register("areas", views.ResidentialAreaViewSet, basename="area")
router.register("schemes", views.SchemeViewSet, basename="scheme")
router.register("activity", views.ActivityViewSet, basename="activity")
router.register("exemplars", views.ExemplarViewSet, basename="exemplar")
routes.register_routes(router)

app_name = "api"

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", docs.swagger_ui, name="docs"),
    path("v1/", include(router.urls)),
]
