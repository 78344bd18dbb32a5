"""Helpers for the portal's page tests: complaints moved along by the real workflow."""

import io

import pytest
from django.core.cache import cache
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from aduan.complaints import workflow
from aduan.portal.forms import new_token
from tests.conftest import JAGIR

FORM = {
    "kind": "pengaduan",
    "title": "Lampu PJU mati di Jl. Jagir Wonokromo",
    "body": "Sudah seminggu lampu jalan mati, gelap sekali dan rawan begal di malam hari.",
    "province": "35",
    "regency": "35.78",
    "district": "35.78.04",
    "village": JAGIR,
    "address": "Depan masjid",
    "anonymous": "on",
    "name": "Budi Santoso",
    "phone": "081234567890",
    "email": "budi@example.org",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the home page's figures are cached for a minute
    yield
    cache.clear()


def form(**changes) -> dict:
    """The submit form as a citizen fills it in, with a fresh token unless given."""
    token = changes.pop("token", None)
    data = FORM | {"token": new_token() if token is None else token} | changes
    return {k: v for k, v in data.items() if v is not None}


def jpeg_with_exif(name: str = "foto jalan.jpg") -> io.BytesIO:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x8825] = {2: (7.0, 18.0, 0.0)}  # GPS latitude
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    raw.seek(0)
    raw.name = name
    return raw


def pdf(name: str = "surat.pdf", *, author: str = "", owner_password: str = "") -> io.BytesIO:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if author:  # as a word processor records its user: document information and XMP
        writer.add_metadata({"/Author": author, "/Creator": f"{author} 081234567890"})
        xmp = DecodedStreamObject()
        xmp.set_data(f"<x:xmpmeta><dc:creator>{author}</dc:creator></x:xmpmeta>".encode())
        xmp[NameObject("/Type")] = NameObject("/Metadata")
        xmp[NameObject("/Subtype")] = NameObject("/XML")
        writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    if owner_password:  # opens without a password; only editing is restricted
        writer.encrypt(user_password="", owner_password=owner_password, algorithm="AES-256")
    raw = io.BytesIO()
    writer.write(raw)
    raw.seek(0)
    raw.name = name
    return raw


def verify(complaint, world, agency=None):
    return workflow.apply(
        complaint,
        "verify",
        actor=workflow.Actor.staff(world.users.verifier),
        agency=agency or world.roads,
    )


def answer(complaint, world, note="Lampu sudah diganti oleh petugas PJU pada hari Selasa."):
    return workflow.apply(
        complaint, "answer", actor=workflow.Actor.staff(world.users.officer), note=note
    )


def ask_reporter(complaint, world, note="Mohon sebutkan nomor tiang lampu yang mati."):
    workflow.apply(complaint, "accept", actor=workflow.Actor.staff(world.users.officer))
    return workflow.apply(
        complaint, "ask_reporter", actor=workflow.Actor.staff(world.users.officer), note=note
    )
