"""Attachments: the type is sniffed from the bytes, the size is limited, photos are
re-encoded without their EXIF block (which carries GPS position and camera serials), and
PDFs are written again without their document information and XMP metadata (a word
processor puts its user's name there: an anonim reporter's, to the officer who opens it)."""

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import filetype
import pypdf
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf import PasswordType, PdfReader, PdfWriter

from aduan.core.errors import Invalid

ALLOWED_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "application/pdf": "PDF",
}
# Decompression bombs: a small file that inflates to gigabytes of pixels.
Image.MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    sha256: str
    original_name: str

    def as_django_file(self) -> ContentFile:
        return ContentFile(self.content, name=self.sha256)


def clean(data: bytes, *, name: str = "", field: str = "attachments") -> CleanFile:
    """Validate one upload and return its safe form; Invalid (422) names the field."""
    limit = settings.ADUAN_ATTACHMENT_MAX_BYTES
    if len(data) > limit:
        raise Invalid({field: too_large(limit)})
    kind = filetype.guess(data)
    content_type = kind.mime if kind else ""
    if content_type not in ALLOWED_TYPES:
        raise Invalid({field: _("Jenis berkas tidak didukung; kirim foto JPG/PNG/WEBP atau PDF.")})
    fmt = ALLOWED_TYPES[content_type]
    data = _strip_pdf_metadata(data, field) if fmt == "PDF" else _strip_metadata(data, fmt, field)
    return CleanFile(
        content=data,
        content_type=content_type,
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=name.rsplit("/", 1)[-1][:200],
    )


# The longest side of a photo's thumbnail: sharp in a 110-pixel box on a three-times screen.
THUMBNAIL_SIZE = 400


@dataclass(frozen=True)
class Served:
    file: File  # open for reading
    content_type: str
    suffix: str  # ".jpg"


def served(attachment, *, small: bool) -> Served:
    """What a view sends for an attachment: a photo's thumbnail when asked `small`, else the
    file itself (a PDF has no thumbnail). Raises OSError when the file is gone."""
    if small and attachment.content_type.startswith("image/"):
        return Served(thumbnail(attachment), "image/jpeg", ".jpg")
    suffix = PurePosixPath(attachment.file.name).suffix
    return Served(attachment.file.open("rb"), attachment.content_type, suffix)


def thumbnail(attachment) -> File:
    """A small JPEG of a photo attachment, open for reading: made from the photo when first
    asked for and kept beside it. A page of thumbnails would otherwise send each photo
    whole (2 MB for a phone's 12-megapixel picture) to a phone on a slow network."""
    name = f"attachments/thumbnails/{attachment.sha256[:2]}/{attachment.sha256}.jpg"
    if not default_storage.exists(name):
        with attachment.file.open("rb") as f, Image.open(f) as image:
            image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
            small = _pixels_only(image.convert("RGB"))
            out = io.BytesIO()
            small.save(out, format="JPEG", quality=80)
        # Written whole under another name, then renamed: a request arriving meanwhile, or
        # a process killed mid-write, must never leave a half-written thumbnail to serve.
        # (The default storage is MEDIA_ROOT on the file system.)
        path = Path(default_storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
            part.write(out.getvalue())
        os.replace(part.name, path)
    return default_storage.open(name, "rb")


def too_large(limit: int) -> str:
    return _("Berkas terlalu besar (maksimal %d MB).") % (limit // 2**20)


def _strip_metadata(data: bytes, fmt: str, field: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            # Pillow refuses only past twice its limit and merely warns below that.
            if image.width * image.height > Image.MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError
            image = ImageOps.exif_transpose(image)  # keep the picture upright without EXIF
            out = io.BytesIO()
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            _pixels_only(image).save(out, format=fmt, quality=88)
    except Image.DecompressionBombError:
        raise Invalid({field: _("Gambar terlalu besar (maksimal 40 megapiksel).")}) from None
    except Exception:  # broken chunks and odd EXIF fail the decoder in many ways
        raise Invalid({field: _("Gambar rusak atau tidak dapat dibaca.")}) from None
    return out.getvalue()


def _pixels_only(image: Image.Image) -> Image.Image:
    """`image` with nothing its file carried besides the pixels: Pillow writes a JPEG's
    comment ("Foto milik …", a name and a phone number) back from what it read, and would
    the XMP packet and the ICC profile (which names the device) too."""
    image.info.clear()
    return image


def _strip_pdf_metadata(data: bytes, field: str) -> bytes:
    limit = settings.ADUAN_ATTACHMENT_MAX_BYTES
    try:
        with _inflating_at_most(limit):
            return _rewrite_pdf(data, field, limit)
    except Invalid:
        raise
    except Exception:  # hostile bytes fail a parser in many ways; all mean one thing
        raise Invalid({field: _("PDF rusak atau tidak dapat dibaca.")}) from None


def _inflating_at_most(limit: int):
    """pypdf inflates compressed streams up to 75 MB each by default: a 68 KB upload took
    40 s and 1.5 GB. No stream of a document we keep may inflate past what we keep."""
    return pypdf.apply_configuration(
        zlib_maximum_output_length=limit,
        lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit,
        brotli_maximum_output_length=limit,
        array_based_stream_maximum_output_length=limit,
        stream_decoding_work_maximum_length=4 * limit,
    )


def _rewrite_pdf(data: bytes, field: str, limit: int) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    # Restricted only against editing (an official letter, often): it opens with no
    # password. One that needs a password to open cannot be read by the officer either.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise Invalid({field: _("PDF yang dikunci kata sandi tidak dapat diterima.")})
    # The pages into a new document: a copy of the whole file would keep the metadata
    # streams in its bytes, merely unreferenced.
    writer = PdfWriter()
    writer.append(reader)
    writer.metadata = None
    writer.xmp_metadata = None
    out = io.BytesIO()
    writer.write(out)
    if out.tell() > limit:  # compressed objects written out plain: the limit holds for both
        raise Invalid({field: too_large(limit)})
    return out.getvalue()
