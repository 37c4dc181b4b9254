"""Where generated files live: PRIVATE_MEDIA_ROOT, which no web server serves directly."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under settings.PRIVATE_MEDIA_ROOT, read when used (so tests may
    override it), overwriting a file of the same name: a re-run of a job writes the same path."""

    def __init__(self):
        super().__init__(allow_overwrite=True)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def deconstruct(self):
        return ("documents.storage.PrivateStorage", (), {})


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    return private_storage
