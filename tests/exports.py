"""Pressing a list's “Xuất Excel” as a user would: the page's hidden form posted to the document
pipeline, and the sheet the job produced opened with openpyxl."""

import io
import re

import openpyxl
from django.urls import reverse

from documents.models import Job, JobStatus


def export_form(page: str, identifier: str = "") -> dict:
    """The hidden fields of the page's "Xuất Excel" form (of the list ``identifier`` when the
    page has several)."""
    forms = re.findall(r'<form[^>]*data-testid="export-list".*?</form>', page, re.S)
    forms = [form for form in forms if f'value="{identifier}"' in form or not identifier]
    assert forms, "no Xuất Excel button"
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', forms[0].replace("&amp;", "&")))


def post_export(client, form: dict) -> tuple[Job, list[list]]:
    """The job a (possibly tampered) export form made, and its sheet's rows (none if it failed)."""
    response = client.post(reverse("documents:generate"), form)
    assert response.status_code == 302, response.content.decode()
    job = Job.objects.latest("pk")
    if not job.file:
        return job, []
    sheet = openpyxl.load_workbook(io.BytesIO(job.file.read())).active
    return job, [list(row) for row in sheet.iter_rows(values_only=True)]


def export(client, url, identifier="", **query):
    """The page at ``url`` with ``query``, and the sheet its "Xuất Excel" made."""
    page = client.get(url, query).content.decode()
    job, rows = post_export(client, export_form(page, identifier))
    assert job.status == JobStatus.DONE, job.error
    return page, job, rows


def sheet_body(rows, headers):
    """The rows under the heading row ``headers``, blank rows left out."""
    start = rows.index(headers) + 1
    return [row for row in rows[start:] if any(cell not in (None, "") for cell in row)]


def cells(rows) -> list[str]:
    return [str(cell) for row in rows for cell in row]
