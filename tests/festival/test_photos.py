"""Photo uploads with crafted files: only real, reasonable images are kept, without EXIF."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from festival.models import Photo


def _jpeg(size=(64, 48), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", **save_options)
    return buffer.getvalue()


def _jpeg_with_gps_and_orientation() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone turned: rotate 90° clockwise
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 51.0, 0.0)
    return _jpeg(size=(80, 40), exif=exif)


def _png_header(width: int, height: int) -> bytes:
    """A PNG that is only a signature and a header: what a decompression bomb looks like
    before it is decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _upload(client, festival, content: bytes, name: str, caption: str = ""):
    return client.post(
        reverse("festival:photos", args=[festival.pk]),
        {"image": SimpleUploadedFile(name, content), "caption": caption},
    )


@pytest.fixture
def organiser(login, people):
    return login(people["organiser"])


def _nothing_saved(media):
    assert not Photo.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_photo_is_kept_upright_without_exif_or_gps(organiser, festival, media):
    response = _upload(organiser, festival, _jpeg_with_gps_and_orientation(), "IMG_0001.jpg")
    assert response.status_code == 302
    photo = Photo.objects.get()
    # Random name, not the phone's.
    assert "IMG_0001" not in photo.image.name
    assert photo.image.name.startswith("festival/photos/")
    stored = (media / photo.image.name).read_bytes()
    assert b"Exif" not in stored
    assert b"PhoneMaker" not in stored
    with Image.open(media / photo.image.name) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        # Orientation 6 applied: the 80x40 picture now stands 40x80.
        assert image.size == (40, 80)
    assert (photo.width, photo.height) == (40, 80)


def test_a_thumbnail_is_made(organiser, festival, media):
    _upload(organiser, festival, _jpeg(size=(1600, 1200)), "a.jpg", caption="Chào cờ")
    photo = Photo.objects.get()
    with Image.open(media / photo.thumbnail.name) as thumb:
        assert max(thumb.size) == 400
    gallery = organiser.get(reverse("festival:photos", args=[festival.pk])).content.decode()
    assert reverse("festival:photo_thumbnail", args=[photo.pk]) in gallery
    assert "Chào cờ" in gallery


def test_a_transparent_png_is_accepted(organiser, festival, media):
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 30), (0, 0, 255, 0)).save(buffer, "PNG")
    assert _upload(organiser, festival, buffer.getvalue(), "logo.png").status_code == 302
    assert Photo.objects.get().image.name.endswith(".png")


def test_a_text_file_named_jpg_is_refused(organiser, festival, media):
    response = _upload(organiser, festival, b"day khong phai la anh\n" * 50, "anh.jpg")
    assert response.status_code == 400
    assert "Tệp tải lên không phải là ảnh" in response.content.decode()
    _nothing_saved(media)


def test_a_truncated_jpeg_is_refused(organiser, festival, media):
    whole = _jpeg(size=(400, 300), quality=95)
    response = _upload(organiser, festival, whole[: len(whole) // 2], "cut.jpg")
    assert response.status_code == 400
    assert "Ảnh bị hỏng hoặc không đầy đủ" in response.content.decode()
    _nothing_saved(media)


def test_a_decompression_bomb_is_refused_before_decoding(organiser, festival, media):
    response = _upload(organiser, festival, _png_header(100_000, 100_000), "bomb.png")
    assert response.status_code == 400
    assert "Ảnh quá lớn: tối đa 40 điểm ảnh (megapixel)" in response.content.decode()
    _nothing_saved(media)


def test_an_image_over_the_pixel_limit_below_pillows_own_is_refused(organiser, festival, media):
    # 48 megapixels: under Pillow's warning threshold, over the app's limit.
    response = _upload(organiser, festival, _png_header(8000, 6000), "big.png")
    assert response.status_code == 400
    assert "Ảnh quá lớn" in response.content.decode()
    _nothing_saved(media)


def test_a_30_mb_file_is_refused(organiser, festival, media):
    big = _jpeg() + b"\0" * (30 * 1024 * 1024)
    response = _upload(organiser, festival, big, "huge.jpg")
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    _nothing_saved(media)


def test_a_gif_is_refused(organiser, festival, media):
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    response = _upload(organiser, festival, buffer.getvalue(), "anim.gif")
    assert response.status_code == 400
    assert "Định dạng ảnh GIF không được nhận" in response.content.decode()
    _nothing_saved(media)


def test_only_editors_upload_and_delete(login, people, festival, media):
    district = login(people["district"])
    assert district.get(reverse("festival:photos", args=[festival.pk])).status_code == 200
    assert _upload(district, festival, _jpeg(), "a.jpg").status_code == 403
    outsider = login(people["outsider"])
    assert _upload(outsider, festival, _jpeg(), "a.jpg").status_code == 404
    _nothing_saved(media)


def test_deleting_a_photo_removes_its_files(
    organiser, festival, media, django_capture_on_commit_callbacks
):
    _upload(organiser, festival, _jpeg(), "a.jpg")
    photo = Photo.objects.get()
    files = [media / photo.image.name, media / photo.thumbnail.name]
    assert all(f.exists() for f in files)
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(
            reverse("festival:photo_delete", args=[photo.pk]), {"confirmed": "yes"}
        )
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert not any(f.exists() for f in files)


def test_a_photo_is_served_only_to_users_who_may_see_its_festival(
    client, organiser, people, festival, media
):
    _upload(organiser, festival, _jpeg(size=(800, 600)), "a.jpg")
    photo = Photo.objects.get()
    image = reverse("festival:photo", args=[photo.pk])
    thumbnail = reverse("festival:photo_thumbnail", args=[photo.pk])

    client.logout()
    for address in (image, thumbnail):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    # The stored file's own address is served by nothing.
    assert client.get(f"/media/{photo.image.name}").status_code == 404

    client.force_login(people["outsider"])  # the official of another ward
    assert client.get(image).status_code == 404
    assert client.get(thumbnail).status_code == 404

    for who in ("ward_official", "district"):
        client.force_login(people[who])
        response = client.get(image)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content) == (media / photo.image.name).read_bytes()
        assert client.get(thumbnail).status_code == 200


# --------------------------------------------------------------------------- several at once


def _upload_many(client, festival, files, **headers):
    return client.post(
        reverse("festival:photos", args=[festival.pk]),
        {"image": [SimpleUploadedFile(name, content) for name, content in files], "caption": "Lễ"},
        **headers,
    )


def test_three_photos_are_uploaded_in_one_form(organiser, festival, media):
    response = _upload_many(
        organiser, festival, [("a.jpg", _jpeg()), ("b.jpg", _jpeg()), ("c.jpg", _jpeg())]
    )
    assert response.status_code == 302
    assert Photo.objects.filter(festival=festival, caption="Lễ").count() == 3
    page = organiser.get(response.url).content.decode()
    assert "Đã tải lên 3 ảnh." in page
    assert "multiple" in page


def test_a_bad_file_among_good_ones_is_named_and_the_good_ones_are_kept(organiser, festival, media):
    response = _upload_many(
        organiser,
        festival,
        [("tot.jpg", _jpeg()), ("hong.jpg", b"khong phai anh" * 40), ("tot2.jpg", _jpeg())],
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "“hong.jpg”: Tệp tải lên không phải là ảnh" in page
    assert "Đã tải lên 2 ảnh." in page
    assert Photo.objects.count() == 2
    # Two photos and their thumbnails: nothing of the refused file.
    assert len([p for p in media.rglob("*") if p.is_file()]) == 4


def test_the_script_gets_a_json_answer_per_file(organiser, festival, media):
    response = _upload_many(
        organiser, festival, [("x.gif", b"GIF89a" + b"\0" * 40)], HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert response.json()["saved"] == 0
    assert response.json()["errors"][0].startswith("“x.gif”:")
    ok = _upload_many(organiser, festival, [("a.jpg", _jpeg())], HTTP_ACCEPT="application/json")
    assert ok.json() == {"saved": 1, "errors": []}


def test_a_reader_cannot_upload_several(login, people, festival, media):
    response = _upload_many(login(people["district"]), festival, [("a.jpg", _jpeg())] * 2)
    assert response.status_code == 403
    assert not Photo.objects.exists()
