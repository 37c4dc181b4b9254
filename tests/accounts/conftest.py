import pytest

from tests.conftest import make_user
from tests.register import seed_kinds
from wards.models import Role


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.REGISTER_IMPORT_DIR = tmp_path / "imports"
    return settings.REGISTER_IMPORT_DIR


@pytest.fixture
def ward_admin(units):
    """The administrator of Phường An: may manage its accounts, nothing above or beside."""
    return make_user("quantri.an", Role.ADMIN, units["ward"])


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["admin"])
    return client


@pytest.fixture
def kinds(db):
    return seed_kinds()
