"""``manage.py restore``: the demo data comes back whole, and a bad archive or a target that is
not empty is refused before anything is written."""

import io
import json
import shutil
import tarfile

import pytest


def test_the_demo_comes_back_whole_and_its_certificates_still_verify(
    demo_site, demo_archive, empty_site
):
    done = empty_site.manage("restore", str(demo_archive))
    assert f"Đã khôi phục {demo_archive} (phiên bản" in done.stdout
    assert empty_site.probe("counts") == demo_site.probe("counts")
    assert empty_site.files() == demo_site.files()
    found = empty_site.probe("verify")
    assert len(found["certificates"]) == 10
    for code, page in found["certificates"].items():
        assert page == {"status": 200, "names_nominee": True}, code
    register = found["register"]
    assert register["status"] == 200
    assert register["schemes"] > 100
    assert register["listed"] == register["expected"] != []


def refused(site, archive, message):
    done = site.manage("restore", str(archive), check=False)
    assert done.returncode == 1, done.stdout
    assert message in done.stderr
    return done


def assert_untouched(site):
    assert site.probe("counts") == {}
    assert site.files() == {}


def test_a_database_that_has_tables_is_refused_and_left_as_it_was(demo_site, demo_archive):
    before = demo_site.probe("counts")
    refused(demo_site, demo_archive, "Cơ sở dữ liệu đích không trống")
    assert demo_site.probe("counts") == before


def test_a_media_folder_that_has_files_is_refused(demo_archive, empty_site):
    (empty_site.media / "festival").mkdir(parents=True)
    (empty_site.media / "festival" / "old.jpg").write_bytes(b"an older photo")
    refused(empty_site, demo_archive, f"Thư mục {empty_site.media} đã có tệp")
    assert empty_site.probe("counts") == {}
    assert empty_site.files() == {"media/festival/old.jpg": b"an older photo"}


def rewrite(source, target, change):
    """Copy an archive member by member; ``change(name, data)`` returns new data, or None to
    leave the member out."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))
    return target


def photo_member(archive):
    with tarfile.open(archive) as tar:
        return next(n for n in tar.getnames() if n.startswith("media/festival/photos/"))


def test_a_flipped_byte_is_refused_naming_the_file(demo_archive, empty_site, tmp_path):
    photo = photo_member(demo_archive)

    def flip(name, data):
        if name != photo:
            return data
        return data[:100] + bytes([data[100] ^ 0x01]) + data[101:]

    bad = rewrite(demo_archive, tmp_path / "flipped.tar", flip)
    refused(empty_site, bad, f"mã kiểm tra SHA-256 (bản sao lưu đã bị sửa hoặc hỏng): {photo}.")
    assert_untouched(empty_site)


def test_a_flipped_byte_in_the_database_is_refused(demo_archive, empty_site, tmp_path):
    def flip(name, data):
        if not name.startswith("database/"):
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0x80]) + data[middle + 1 :]

    bad = rewrite(demo_archive, tmp_path / "flipped.tar", flip)
    refused(empty_site, bad, "mã kiểm tra SHA-256")
    assert_untouched(empty_site)


def test_a_missing_member_is_refused_naming_it(demo_archive, empty_site, tmp_path):
    photo = photo_member(demo_archive)
    bad = rewrite(demo_archive, tmp_path / "partial.tar", lambda n, d: None if n == photo else d)
    refused(empty_site, bad, f"Bản sao lưu thiếu 1 tệp có trong manifest: {photo}.")
    assert_untouched(empty_site)


def test_a_truncated_archive_is_refused(demo_archive, empty_site, tmp_path):
    bad = tmp_path / "cut.tar"
    data = demo_archive.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    refused(empty_site, bad, "bị cắt ngắn")
    assert_untouched(empty_site)


def with_manifest(demo_archive, tmp_path, change):
    def edit(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()

    return rewrite(demo_archive, tmp_path / "edited.tar", edit)


def test_an_archive_of_the_other_engine_is_refused(demo_site, demo_archive, empty_site, tmp_path):
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[demo_site.engine]
    bad = with_manifest(demo_archive, tmp_path, lambda m: m.update(engine=other))
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    refused(
        empty_site,
        bad,
        f"Bản sao lưu chứa cơ sở dữ liệu {names[other]}, "
        f"ứng dụng đang dùng {names[demo_site.engine]}.",
    )
    assert_untouched(empty_site)


def test_an_archive_of_a_newer_version_is_refused(demo_archive, empty_site, tmp_path):
    def newer(manifest):
        manifest["app_version"] = "9.0.0"
        manifest["migrations"]["awards"].append("0999_from_the_future")

    bad = with_manifest(demo_archive, tmp_path, newer)
    refused(
        empty_site,
        bad,
        "Bản sao lưu của phiên bản 9.0.0, mới hơn phiên bản này: "
        "có migration ứng dụng này không có (awards.0999_from_the_future).",
    )
    assert_untouched(empty_site)


@pytest.mark.parametrize("name", ["../escape.txt", "media/../../escape.txt", "/etc/escape"])
def test_a_member_outside_the_folders_is_refused(demo_archive, empty_site, tmp_path, name):
    import hashlib

    payload = b"written where it should not be"
    bad = tmp_path / "escape.tar"
    shutil.copy(demo_archive, bad)

    def add(manifest):
        manifest["files"].append(
            {"name": name, "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
        )

    edited = with_manifest(demo_archive, tmp_path, add)
    with tarfile.open(edited, "a") as tar:
        info = tarfile.TarInfo(name)
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    refused(empty_site, edited, "đường dẫn không hợp lệ")
    assert_untouched(empty_site)
    assert not (tmp_path / "escape.txt").exists()
