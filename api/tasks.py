from celery import shared_task
from django.utils import timezone

from api.models import IDEMPOTENCY_TTL, IdempotentRequest


@shared_task(name="api.purge_idempotency")
def purge_idempotency() -> int:
    """Forget the idempotency keys older than 24 hours (the API ignores them already)."""
    deleted, _ = IdempotentRequest.objects.filter(
        created_at__lt=timezone.now() - IDEMPOTENCY_TTL
    ).delete()
    return deleted
