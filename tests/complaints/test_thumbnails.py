"""Small copies of photo attachments, made once and never served half-written."""

import hashlib
import io
import threading
from types import SimpleNamespace

from PIL import Image

from aduan.complaints import attachments


def _photo(tmp_path, i: int) -> SimpleNamespace:
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60 + i % 50).convert("RGB").save(buffer, "JPEG")
    data = buffer.getvalue()
    path = tmp_path / f"photo-{i}.jpg"
    path.write_bytes(data)
    return SimpleNamespace(
        sha256=hashlib.sha256(data).hexdigest(), file=SimpleNamespace(open=path.open)
    )


def test_requests_at_once_for_a_new_thumbnail_all_get_it_whole(settings, tmp_path):
    """The first request used to create the file before writing it: one arriving meanwhile
    read it empty or cut short (52 of 900 in a review's run)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    sizes = []
    for i in range(80):
        photo, start = _photo(tmp_path, i), threading.Barrier(4)
        got = []

        def fetch(photo=photo, start=start, got=got):
            start.wait()
            with attachments.thumbnail(photo) as f:
                got.append(f.read())

        threads = [threading.Thread(target=fetch) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        sizes.append({len(g) for g in got})
        with Image.open(io.BytesIO(got[0])) as small:
            assert small.size == (400, 300)
    assert all(len(s) == 1 for s in sizes), sizes
