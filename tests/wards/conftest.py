import pytest

from tests.register import make_areas, seed_kinds


@pytest.fixture
def kinds(db):
    return seed_kinds()


@pytest.fixture
def areas(units):
    return make_areas(units["ward"])
