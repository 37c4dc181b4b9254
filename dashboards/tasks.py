"""Celery tasks of the dashboards."""

import logging

from celery import shared_task

from dashboards import summaries

logger = logging.getLogger(__name__)


@shared_task(name="dashboards.rebuild_summaries")
def rebuild_summaries() -> dict[str, int]:
    """Recount every ward's running totals from the rows (nightly). A wrong total means some
    code wrote activity or nominations without telling the totals: logged as an error, with
    the counts, so the path gets found; the totals are right again either way."""
    wrong = summaries.rebuild()
    if any(wrong.values()):
        logger.error("dashboard totals were behind the rows and have been recounted: %s", wrong)
    return wrong
