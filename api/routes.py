"""The routes of the commendation, festival, dashboard and print-job resources (api/awards.py,
api/festival.py, api/dashboards.py, api/jobs.py), added to the API's router by api/urls.py."""

from api.awards import (
    AwardFormViewSet,
    CertificateViewSet,
    DecisionViewSet,
    NominationViewSet,
    NomineeViewSet,
    VerificationViewSet,
)
from api.dashboards import FiguresViewSet
from api.festival import FestivalViewSet
from api.jobs import JobViewSet


def register_routes(router) -> None:
    router.register("festivals", FestivalViewSet, basename="festival")
    router.register("award-forms", AwardFormViewSet, basename="award-form")
    router.register("nominees", NomineeViewSet, basename="nominee")
    router.register("nominations", NominationViewSet, basename="nomination")
    router.register("decisions", DecisionViewSet, basename="decision")
    router.register("certificates", CertificateViewSet, basename="certificate")
    router.register("verify", VerificationViewSet, basename="verify")
    router.register("figures", FiguresViewSet, basename="figures")
    router.register("print-jobs", JobViewSet, basename="print-job")
