"""Attachments: the type is sniffed from the bytes, the size is limited, photos are
re-encoded without their EXIF block (which carries GPS position and camera serials), and
PDFs are written again without their document information and XMP metadata (a word
processor puts its user's name there: an anonim reporter's, to the officer who opens it)."""

import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import filetype
import pypdf
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

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

    def store(self) -> str:
        """Write the file under its content's address, once, and return that name.

        The same bytes always land in the same file: a retried or doubled submission whose
        transaction lost its race (the other one committed) leaves no copy of a reporter's
        photo that nothing refers to, as a name made unique per upload did. So one file can
        serve several complaints' attachments: whatever comes to delete one (retention,
        erasure) must first check that no other attachment has the same sha256."""
        name = content_address(self.sha256, self.content_type)
        path = Path(default_storage.path(name))
        if not path.exists():
            _write_whole(path, self.content)
        return name


def content_address(sha256: str, content_type: str) -> str:
    # Never the uploaded file name: it can carry personal data and path tricks.
    ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(content_type, "pdf")
    return f"attachments/{sha256[:2]}/{sha256}.{ext}"


def _write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` under another name, then rename it: a reader meanwhile, or a
    process killed mid-write, never finds half a file. (The default storage is MEDIA_ROOT
    on the file system.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
        part.write(data)
    os.replace(part.name, path)


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
        # Whole or not at all: a request arriving meanwhile must never serve half of it.
        _write_whole(Path(default_storage.path(name)), out.getvalue())
    return default_storage.open(name, "rb")


def too_large(limit: int) -> str:
    if limit < 2**20:  # a small limit set for a slow link would read "at most 0 MB"
        return _("Berkas terlalu besar (maksimal %d KB).") % (limit // 2**10)
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
    the XMP packet and the ICC profile (which names the device) too. Transparency stays: it
    is how a palette PNG says which colour is see-through. (Colours described by a dropped
    wide-gamut profile are then read as sRGB: a little duller, nothing lost that matters.)"""
    kept = {key: image.info[key] for key in ("transparency",) if key in image.info}
    image.info.clear()
    image.info.update(kept)
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
    # Scrubbed in the reader, before anything is copied: the writer copies what the pages
    # refer to, so what is cut off here never reaches it, not even unreferenced.
    photos = _scrub(reader)
    written = 0
    for photo in photos:
        written += _strip_jpeg(photo)
        if written > limit:  # inflated from a Flate filter before it: stopped on the way
            raise Invalid({field: too_large(limit)})
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


# Entries of any dictionary that say who made the document, or carry another file or a
# script, and show nothing on a page: XMP packets (on pages, images and forms too), the
# private data of the application that made it, embedded and associated files, scripts
# and the actions that run when it is opened or a page shown, an XFA form (scripts and
# its own copy of the fields), the signatures' dictionaries (the signer's name and
# certificate; rewritten, the signature no longer holds anyway).
_HIDDEN = {
    "/Metadata", "/PieceInfo", "/LastModified", "/EmbeddedFiles", "/EF", "/AF", "/JavaScript",
    "/JS", "/OpenAction", "/AA", "/XFA", "/Perms",
}  # fmt: skip
# An annotation's author, its unique name (the author's, with some tools) and its dates.
_ANNOTATION_AUTHOR = ("/T", "/NM", "/M", "/CreationDate")
# Annotations that are another file (or a sound or film) rather than a mark on the page.
_FILE_ANNOTATIONS = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}


def _scrub(reader: PdfReader) -> list[StreamObject]:
    """Drops from every object the document reaches what _HIDDEN names, comments' authors
    and attached files; returns the JPEG images (DCTDecode), whose EXIF is the caller's."""
    # The pages too: the reader gives copies of the page dictionaries (inherited entries
    # filled in), and those are what the writer copies.
    stack: list = [reader.trailer["/Root"], *reader.pages]
    # By identity, holding each object: an object made afresh could take the id of one
    # already let go, and be skipped.
    seen: dict[int, object] = {}
    photos = []
    while stack:
        obj = _resolved(stack.pop())
        if id(obj) in seen:
            continue
        seen[id(obj)] = obj
        if isinstance(obj, ArrayObject):
            stack.extend(obj)
        if not isinstance(obj, DictionaryObject):
            continue
        for key in _HIDDEN & obj.keys():
            del obj[key]
        if "/Rect" in obj and "/Subtype" in obj:  # an annotation
            if _value(obj, "/Subtype") in _FILE_ANNOTATIONS:
                obj.clear()
                continue
            for key in _ANNOTATION_AUTHOR:
                # A form field's /T is its name, not an author.
                if key in obj and (key != "/T" or _value(obj, "/Subtype") != "/Widget"):
                    del obj[key]
        if isinstance(annots := _value(obj, "/Annots"), ArrayObject):
            kept = [a for a in annots if _shown(_resolved(a))]
            obj[NameObject("/Annots")] = ArrayObject(kept)
        if _value(obj, "/FT") == "/Sig":
            obj.pop("/V", None)
        for key in ("/A", "/Next"):  # a link or bookmark that runs a script: dropped
            if _scripted(_value(obj, key)):
                del obj[key]
        if isinstance(obj, StreamObject) and _filters(obj)[-1:] == ["/DCTDecode"]:
            photos.append(obj)
        stack.extend(obj.values())
    return photos


def _shown(annotation) -> bool:
    """Not an attached file (nor one already emptied as one)."""
    return (
        isinstance(annotation, DictionaryObject)
        and bool(annotation)
        and _value(annotation, "/Subtype") not in _FILE_ANNOTATIONS
    )


def _scripted(action) -> bool:
    if isinstance(action, ArrayObject):  # /Next: actions run one after another
        return any(_scripted(_resolved(a)) for a in action)
    return isinstance(action, DictionaryObject) and _value(action, "/S") == "/JavaScript"


def _filters(stream: StreamObject) -> list:
    filters = _value(stream, "/Filter")
    return [_resolved(f) for f in filters] if isinstance(filters, ArrayObject) else [filters]


def _value(obj: DictionaryObject, key: str):
    return _resolved(obj.get(key))  # get(), unlike [], leaves an indirect reference as is


def _resolved(obj):
    return obj.get_object() if obj is not None else None


def _strip_jpeg(stream: StreamObject) -> int:
    """Rewrites a JPEG image stream without what the camera wrote beside the picture, and
    as plain DCTDecode (a filter before it is undone); returns its new length."""
    jpeg = _jpeg_pixels_only(stream.get_data())  # inflates any filter before DCTDecode
    # EncodedStreamObject.set_data re-encodes Flate only: the bytes are set as they are.
    StreamObject.set_data(stream, jpeg)
    stream.decoded_self = None  # the decoded copy kept from before, copied with it
    if len(_filters(stream)) > 1:  # DCTDecode's parameters are the last of the list
        parms = _value(stream, "/DecodeParms")
        parms = _resolved(parms[-1]) if isinstance(parms, ArrayObject) and parms else None
        stream[NameObject("/Filter")] = NameObject("/DCTDecode")
        stream.pop("/DecodeParms", None)
        if isinstance(parms, DictionaryObject):
            stream[NameObject("/DecodeParms")] = parms
    return len(jpeg)


# In a JPEG's coded data, an 0xFF that starts a marker: not a stuffed 0x00, a restart
# marker (part of the coded data) or a fill byte before the marker.
_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _jpeg_pixels_only(data: bytes) -> bytes:
    """The JPEG's segments without its APPn (EXIF with the GPS position and the owner's
    name, XMP, the ICC profile, Photoshop's) and COM (a comment) segments, and without what
    follows its end (a phone's second picture, with its own EXIF): lossless, the coded
    pixels are copied. Adobe's APP14 stays: it says how to read the colours."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out, pos = [b"\xff\xd8"], 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise ValueError("not a JPEG marker")
        while data[pos + 1] == 0xFF:  # fill bytes before a marker
            pos += 1
        marker = data[pos + 1]
        if marker == 0xD9:  # EOI
            out.append(b"\xff\xd9")
            break
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4])
        if end < pos + 4 or end > len(data):
            raise ValueError("JPEG segment out of bounds")
        if marker == 0xDA:  # SOS: its coded data runs to the next marker (or a cut-off end)
            end = coded.start() if (coded := _MARKER.search(data, end)) else len(data)
        app_or_com = 0xE0 <= marker <= 0xEF or marker == 0xFE
        if not app_or_com or (marker == 0xEE and data[pos + 4 : pos + 9] == b"Adobe"):
            out.append(data[pos:end])
        pos = end
    return b"".join(out)
