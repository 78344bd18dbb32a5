"""What an uploaded photo carries besides its pixels is dropped, in the stored file and in
its thumbnail: a reporter's name in a JPEG comment reached the agency of an anonim report."""

import hashlib
import io
from types import SimpleNamespace

import pytest
from PIL import Image, ImageCms

from aduan.complaints import attachments
from aduan.core.errors import Invalid

NAME = b"Siti Aminah 081234567890"


def _marked_photo(fmt: str) -> bytes:
    image = Image.effect_noise((800, 600), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x013B] = NAME.decode()  # Artist
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + NAME + b"</x:xmpmeta>"
    out = io.BytesIO()
    extra = {"comment": NAME} if fmt == "JPEG" else {}
    image.save(out, format=fmt, exif=exif, icc_profile=icc, xmp=xmp, **extra)
    data = out.getvalue()
    assert NAME in data  # the marks are really in the upload
    return data


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP", "PNG"])
def test_a_photo_keeps_only_its_pixels(fmt, settings, tmp_path):
    cleaned = attachments.clean(_marked_photo(fmt), name="foto.jpg")
    assert NAME not in cleaned.content
    with Image.open(io.BytesIO(cleaned.content)) as image:
        assert not image.getexif() and "icc_profile" not in image.info
        assert "comment" not in image.info and "xmp" not in image.info

    settings.MEDIA_ROOT = tmp_path / "media"
    path = tmp_path / "stored"
    path.write_bytes(cleaned.content)
    stored = SimpleNamespace(
        sha256=hashlib.sha256(cleaned.content).hexdigest(), file=SimpleNamespace(open=path.open)
    )
    with attachments.thumbnail(stored) as small:
        data = small.read()
    assert NAME not in data
    with Image.open(io.BytesIO(data)) as image:
        assert "comment" not in image.info and "icc_profile" not in image.info


def test_a_limit_under_a_megabyte_is_stated_in_kilobytes(settings):
    settings.ADUAN_ATTACHMENT_MAX_BYTES = 2000
    with pytest.raises(Invalid) as refused:
        attachments.clean(b"x" * 2001, name="foto.jpg")
    assert refused.value.fields == {"attachments": ["Berkas terlalu besar (maksimal 1 KB)."]}


def test_a_png_keeps_its_transparency():
    image = Image.new("P", (8, 8), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    image.putpixel((1, 1), 1)
    raw = io.BytesIO()
    image.save(raw, format="PNG", transparency=0)
    cleaned = attachments.clean(raw.getvalue(), name="rambu.png")
    with Image.open(io.BytesIO(cleaned.content)) as back:
        rgba = back.convert("RGBA")
        assert rgba.getpixel((0, 0))[3] == 0 and rgba.getpixel((1, 1)) == (255, 0, 0, 255)
