"""Form base classes that normalise every submitted text value to Unicode NFC."""

import unicodedata

from django import forms
from django.http import QueryDict


def _nfc_data(data):
    if isinstance(data, QueryDict):
        normalised = data.copy()
        for key, values in data.lists():
            normalised.setlist(
                key, [unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in values]
            )
        return normalised
    return {
        key: unicodedata.normalize("NFC", value) if isinstance(value, str) else value
        for key, value in data.items()
    }


class NFCMixin:
    """Normalises the submitted data before any validation, so clean methods, uniqueness checks
    and the database all see NFC (decomposed input, as some keyboards and files produce,
    misplaces tone marks in PDFs and breaks search)."""

    def full_clean(self) -> None:
        if self.is_bound:
            self.data = _nfc_data(self.data)
        super().full_clean()


class Form(NFCMixin, forms.Form):
    pass


class ModelForm(NFCMixin, forms.ModelForm):
    pass
