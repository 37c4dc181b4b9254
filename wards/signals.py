"""Signals of the register.

``rows_changed`` is sent by code that writes rows without saving them one by one
(``bulk_create``, ``QuerySet.update``), which sends no model signal: the sender is the model,
``ward_ids`` the wards whose rows changed. Figures kept from those rows (the dashboards'
running totals) follow it.
"""

from django.dispatch import Signal

rows_changed = Signal()
