"""What an uploaded PDF carries besides its pages' content is dropped: a review found an
anonim reporter's name reaching the agency in a photo's EXIF inside the PDF, in a comment's
author, in an attached file, in a page's XMP packet, and scripts left to run in its viewer."""

import io
import zlib

import pytest
from PIL import ExifTags, Image
from pypdf import PdfReader

from aduan.complaints import attachments

NAME = b"Siti Aminah 081234567890"
TEXT = "Lampu jalan mati"  # what the page shows, which must stay


def _stream(entries: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)


def _pdf(*, catalog: bytes = b"", page: bytes = b"", resources: bytes = b"", objects=()) -> bytes:
    """A one-page PDF showing TEXT, with `catalog` and `page` entries added to those objects;
    `objects` are numbered from 6 on (1-5 are the catalog, the page tree, the page, its
    content and its font)."""
    content = b"BT /F1 12 Tf 20 100 Td (%s) Tj ET q 64 0 0 48 20 20 cm /Im0 Do Q" % TEXT.encode()
    if b"/Im0" not in resources:
        content = content.split(b" q ")[0]
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalog,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 150] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> %s >> %s >>" % (resources, page),
        _stream(b"", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *objects,
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def _cleaned(data: bytes) -> bytes:
    content = attachments.clean(data, name="surat.pdf").content
    assert TEXT in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    return content


def _marked_jpeg() -> bytes:
    """A phone's photo: EXIF with the owner's name as Artist and where it was taken, and a
    comment naming her."""
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = NAME.decode()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "S", (7.0, 18.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (112.0, 44.0, 3.1)
    out = io.BytesIO()
    Image.linear_gradient("L").resize((64, 48)).convert("RGB").save(
        out, format="JPEG", exif=exif, comment=NAME
    )
    data = out.getvalue()
    assert data.count(NAME) == 2 and b"GPS" not in data  # Artist, COM; GPS is a tag number
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


@pytest.mark.parametrize("deflated", [False, True], ids=["DCTDecode", "FlateDecode+DCTDecode"])
def test_a_photo_in_a_pdf_keeps_its_pixels_but_not_its_exif_or_comment(deflated):
    jpeg = _marked_jpeg()
    data, filters = (jpeg, b"/DCTDecode")
    if deflated:
        data, filters = zlib.compress(jpeg), b"[/FlateDecode /DCTDecode]"
    image = _stream(
        b"/Type /XObject /Subtype /Image /Width 64 /Height 48 /ColorSpace /DeviceRGB"
        b" /BitsPerComponent 8 /Filter %s" % filters,
        data,
    )
    cleaned = _cleaned(_pdf(resources=b"/XObject << /Im0 6 0 R >>", objects=[image]))

    assert NAME not in cleaned
    (kept,) = PdfReader(io.BytesIO(cleaned)).pages[0].images
    with Image.open(io.BytesIO(kept.data)) as after, Image.open(io.BytesIO(jpeg)) as before:
        assert kept.data.startswith(b"\xff\xd8") and after.size == (64, 48)
        assert not after.getexif() and "comment" not in after.info
        assert after.tobytes() == before.tobytes()  # the same pixels: nothing re-encoded


def test_a_comment_keeps_its_text_but_not_its_author_or_dates():
    when = b"D:20240501093000+07'00'"
    comment = b"/Rect [10 10 30 30] /Contents (Lampu mati sejak Senin) /T (%s) /M (%s)" % (
        NAME,
        when,
    )
    cleaned = _cleaned(
        _pdf(
            page=b"/Annots [6 0 R 7 0 R 8 0 R 9 0 R]",
            objects=[
                b"<< /Type /Annot /Subtype /Text %s /CreationDate (%s) /Popup 7 0 R >>"
                % (comment, when),
                b"<< /Type /Annot /Subtype /Popup /Rect [30 30 90 60] /Parent 6 0 R"
                b" /T (%s) /M (%s) >>" % (NAME, when),
                b"<< /Type /Annot /Subtype /FreeText %s /DA (/Helv 9 Tf 0 g) >>" % comment,
                b"<< /Type /Annot /Subtype /Link /Rect [0 0 50 10]"
                b" /A << /S /URI /URI (https://example.org/peta) >> >>",
            ],
        )
    )

    assert NAME not in cleaned and when not in cleaned
    annotations = [a.get_object() for a in PdfReader(io.BytesIO(cleaned)).pages[0]["/Annots"]]
    assert [a["/Subtype"] for a in annotations] == ["/Text", "/Popup", "/FreeText", "/Link"]
    assert annotations[0]["/Contents"] == "Lampu mati sejak Senin"
    assert annotations[3]["/A"]["/URI"] == "https://example.org/peta"


def test_an_attached_file_is_dropped():
    cleaned = _cleaned(
        _pdf(
            catalog=b"/Names << /EmbeddedFiles << /Names [(ktp.txt) 7 0 R] >> >>",
            page=b"/Annots [6 0 R]",
            objects=[
                b"<< /Type /Annot /Subtype /FileAttachment /Rect [10 10 30 30] /FS 7 0 R >>",
                b"<< /Type /Filespec /F (ktp.txt) /EF << /F 8 0 R >> >>",
                _stream(b"/Type /EmbeddedFile", b"KTP: " + NAME),
            ],
        )
    )

    assert NAME not in cleaned and b"ktp.txt" not in cleaned
    reader = PdfReader(io.BytesIO(cleaned))
    assert not reader.attachments and "/Annots" not in reader.pages[0]


def test_a_pages_own_metadata_is_dropped():
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>%s</dc:creator></x:xmpmeta>' % NAME
    cleaned = _cleaned(
        _pdf(
            page=b"/Metadata 6 0 R /PieceInfo << /Illustrator << /Private 7 0 R >> >>",
            objects=[
                _stream(b"/Type /Metadata /Subtype /XML", xmp),
                b"<< /CreatorUser (%s) >>" % NAME,
            ],
        )
    )

    assert NAME not in cleaned
    page = PdfReader(io.BytesIO(cleaned)).pages[0]
    assert "/Metadata" not in page and "/PieceInfo" not in page


def test_no_script_is_left_to_run_when_the_officer_opens_it():
    script = b"<< /S /JavaScript /JS (app.launchURL\\('https://example.org/?seen'\\)) >>"
    cleaned = _cleaned(
        _pdf(
            catalog=b"/OpenAction 6 0 R /Names << /JavaScript << /Names [(buka) 6 0 R] >> >>",
            page=b"/AA << /O 6 0 R >> /Annots [7 0 R]",
            objects=[
                script,
                b"<< /Type /Annot /Subtype /Link /Rect [0 0 50 10] /A 6 0 R >>",
            ],
        )
    )

    assert b"launchURL" not in cleaned and b"/JavaScript" not in cleaned
    reader = PdfReader(io.BytesIO(cleaned))
    assert "/OpenAction" not in reader.root_object and "/AA" not in reader.pages[0]
