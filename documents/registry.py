"""What can be printed: each app declares its document kinds in its own ``documents.py``.

Modelled on pretix's exporters: a kind has an identifier, a name a user reads, the formats it
renders, the model of the object it is printed from, who may print it, an optional form for its
parameters, and a render function. The render function is pure: it reads rows and returns
bytes; the pipeline (documents.services, documents.tasks) does the rest.

    from documents import renderers
    from documents.registry import DocumentKind, Rendered, register

    def render_profile(request):
        data = build_data(request.obj)
        request.progress(0, 1)
        return Rendered("ho-so.pdf", renderers.typst_pdf("wards/profile.typ", data))

    register(DocumentKind(identifier="wards.profile", verbose_name=_("Hồ sơ phường"),
                          formats=("pdf",), model="wards.AdministrativeUnit",
                          render=render_profile))
"""

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

from documents.forms import Form

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class RenderError(Exception):
    """An error the user can act on (bad data, a template error, a missing font).

    Its message is shown on the job page, so it is Vietnamese and says what to do.
    """


class ParamsForm(Form):
    """Base for a kind's parameter form that needs the object being printed (``self.obj``)."""

    def __init__(self, *args, obj=None, **kwargs):
        self.obj = obj
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class Rendered:
    """A finished file: the name the user downloads it under, and its bytes."""

    filename: str
    content: bytes
    mimetype: str = ""

    def __post_init__(self):
        if not self.mimetype:
            extension = self.filename.rsplit(".", 1)[-1].lower()
            guessed = FORMATS.get(extension) or mimetypes.guess_type(self.filename)[0]
            object.__setattr__(self, "mimetype", guessed or "application/octet-stream")


@dataclass
class RenderRequest:
    """What a render function receives: the target object fetched by the worker, the format,
    the parameters (cleaned by the kind's form when it has one), and a progress callback."""

    kind: "DocumentKind"
    obj: Any
    fmt: str
    params: dict = field(default_factory=dict)
    user: Any = None
    # The moment the user asked: documents print it as their date, so a re-run is identical.
    created: datetime | None = None
    on_progress: Callable[[int, int], None] | None = None

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` items; cheap to call once per item."""
        if self.on_progress is not None:
            self.on_progress(done, total)


@dataclass(frozen=True)
class DocumentKind:
    identifier: str
    verbose_name: str
    formats: tuple[str, ...]
    model: str
    render: Callable[[RenderRequest], Rendered]
    permission: str = "print"
    params_form: type[Form] | None = None
    description: str = ""

    def __post_init__(self):
        unknown = set(self.formats) - set(FORMATS)
        if unknown:
            raise ValueError(f"{self.identifier}: unknown formats {sorted(unknown)}")

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def build_form(self, data=None, obj=None) -> Form | None:
        if self.params_form is None:
            return None
        if issubclass(self.params_form, ParamsForm):
            return self.params_form(data=data, obj=obj)
        return self.params_form(data=data)


_registry: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Add a kind; registering the same identifier again replaces it (module reloads)."""
    _registry[kind.identifier] = kind
    return kind


def unregister(identifier: str) -> None:
    _registry.pop(identifier, None)


def get_kind(identifier: str) -> DocumentKind:
    """The registered kind, or LookupError."""
    try:
        return _registry[identifier]
    except KeyError:
        raise LookupError(f"No document kind {identifier!r}") from None


def all_kinds() -> list[DocumentKind]:
    return sorted(_registry.values(), key=lambda kind: kind.identifier)


def kinds_for_model(model) -> list[DocumentKind]:
    label = model._meta.label_lower
    return [kind for kind in all_kinds() if kind.model.lower() == label]


def autodiscover() -> None:
    autodiscover_modules("documents")
