"""Property-based tests from the API's own OpenAPI schema (schemathesis): for every operation,
generated requests, sent in process to the WSGI app with a read-write token of a province,
never get a server error and every answer matches the schema.

Examples per operation are few (``max_examples``) so CI stays quick; raise them locally with
``API_SCHEMATHESIS_EXAMPLES=200``.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from config.wsgi import application
from tests.api.conftest import make_token

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
EXAMPLES = int(os.environ.get("API_SCHEMATHESIS_EXAMPLES", "15"))


@pytest.fixture
def province_secret(units, people, register):
    # As Django's test client does: the WSGI handler would close the test's database
    # connection at the end of each request, and the test's transaction with it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield make_token(units["province"], people["admin"], can_write=True)[1]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, province_secret):
    case.call_and_validate(
        headers={"Authorization": f"Token {province_secret}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
