"""Checking and cleaning uploaded festival photos with Pillow.

Photos are public to the ward's people, so what is kept is only the picture: the upload is
decoded, turned upright, and encoded again without EXIF (camera, time, GPS position) or XMP,
under a random name. Anything that is not a real JPEG, PNG or WebP within the limits is
refused before it is decoded.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from documents.vietnamese import format_number
from festival.models import Festival, Photo

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
THUMBNAIL_SIZE = (400, 400)
MAX_PHOTOS_PER_UPLOAD = 30


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    thumbnail: bytes
    width: int
    height: int


def _open(data: bytes) -> Image.Image:
    """Open (read the header only) and refuse images over the pixel limit before decoding."""
    limit = settings.FESTIVAL_PHOTO_MAX_PIXELS
    too_big = ValidationError(
        _("Ảnh quá lớn: tối đa %(limit)s điểm ảnh (megapixel).")
        % {"limit": format_number(limit // 1_000_000)},
        code="too_many_pixels",
    )
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that: treat it as the bomb it is.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_big from None
        except (OSError, ValueError, SyntaxError):
            raise ValidationError(
                _("Tệp tải lên không phải là ảnh. Hãy chọn ảnh JPEG, PNG hoặc WebP."),
                code="not_an_image",
            ) from None
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Định dạng ảnh %(format)s không được nhận. Hãy chọn ảnh JPEG, PNG hoặc WebP.")
            % {"format": image.format},
            code="format",
        )
    width, height = image.size
    if width * height > limit:
        raise too_big
    return image


def clean_image(upload) -> CleanImage:
    """Check an uploaded file and return the re-encoded photo and its thumbnail.

    Raises ValidationError with a Vietnamese message for anything not accepted.
    """
    max_bytes = settings.FESTIVAL_PHOTO_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s): mỗi ảnh tối đa %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    image = _open(data)
    try:
        # verify() checks the structure (checksums, truncation) without keeping the pixels;
        # the image must be opened again afterwards to be used.
        image.verify()
        image = _open(data)
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("Ảnh bị hỏng hoặc không đầy đủ, không đọc được. Hãy chọn lại ảnh gốc."),
            code="broken",
        ) from None

    source_format = image.format
    upright = ImageOps.exif_transpose(image)
    icc_profile = image.info.get("icc_profile")
    upright.info = {}
    if source_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")

    options = {"icc_profile": icc_profile} if icc_profile else {}
    if source_format == "JPEG":
        options.update(quality=88, optimize=True)
    elif source_format == "WEBP":
        options.update(quality=88)
    content = io.BytesIO()
    upright.save(content, format=source_format, **options)

    thumb = upright.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode != "RGB":
        # Transparent parts of a PNG or WebP become white rather than black.
        background = Image.new("RGB", thumb.size, "white")
        rgba = thumb.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        thumb = background
    thumb_content = io.BytesIO()
    thumb.save(thumb_content, format="JPEG", quality=80, optimize=True)

    return CleanImage(
        content=content.getvalue(),
        extension=ALLOWED_FORMATS[source_format],
        thumbnail=thumb_content.getvalue(),
        width=upright.width,
        height=upright.height,
    )


def save_photo(festival: Festival, clean: CleanImage, caption: str, user) -> Photo:
    # A random name: the original may carry a person's name or a place.
    name = uuid.uuid4().hex
    photo = Photo(
        festival=festival,
        width=clean.width,
        height=clean.height,
        caption=caption,
        uploaded_by=user,
    )
    photo.image.save(f"{name}.{clean.extension}", ContentFile(clean.content), save=False)
    photo.thumbnail.save(f"{name}.jpg", ContentFile(clean.thumbnail), save=False)
    try:
        with transaction.atomic():
            photo.save()
    except Exception:
        photo.image.delete(save=False)
        photo.thumbnail.delete(save=False)
        raise
    return photo


def save_photos(festival: Festival, uploads, caption: str, user) -> tuple[list[Photo], list[str]]:
    """Check and keep each upload on its own: the good ones are saved, each refused one gives
    a message naming its file; a refused file leaves nothing behind."""
    saved, refused = [], []
    for upload in uploads:
        try:
            saved.append(save_photo(festival, clean_image(upload), caption, user))
        except ValidationError as error:
            refused.append(
                _("“%(name)s”: %(reason)s")
                % {"name": upload.name, "reason": " ".join(error.messages)}
            )
    return saved, refused


def delete_photo(photo: Photo) -> None:
    photo.delete()
    # Files go after the row, and only once the transaction is committed.
    for stored in (photo.image, photo.thumbnail):
        transaction.on_commit(lambda f=stored: f.delete(save=False))
