"""A router the product accepts, trained on the Surabaya complaints, for `intake.py --router`.

The product refuses a model whose labels are not agency codes of its directory, or that
names local offices by place ("Kelurahan Jagir") instead of `@village` / `@district` (see
`aduan.triage.service.mismatches`). So the complaints are relabelled the product's way: an
office of the complaint's own kelurahan or kecamatan becomes `@village` / `@district`, every
other unit a code `sby-NN`. The bench database then gets those agencies, and a kecamatan
and a kelurahan office for every place of Kota Surabaya (35.78), so that the worker disposes
the sure complaints as it would in service.
"""

import csv
import json
import subprocess
from pathlib import Path

from aduan.router.text import place_key

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "surabaya-2022" / "complaints.csv"

# Run with `aduan shell -c`, the JSON file of {code: name} formatted in.
DIRECTORY = """
import json
from aduan.directory.models import Agency, Region
city = Agency.objects.create(
    code="pemkot-sby", name="Pemkot Surabaya", kind="regency", region_id="35.78"
)
for code, name in json.load(open({path!r})).items():
    Agency.objects.create(code=code, name=name, kind="office", parent=city, region_id="35.78")
for district in Region.objects.filter(parent_id="35.78"):
    office = Agency.objects.create(
        code="kec-" + district.code.replace(".", "-"), name="Kecamatan " + district.name,
        kind="district", parent=city, region=district,
    )
    for village in Region.objects.filter(parent=district):
        Agency.objects.create(
            code="kel-" + village.code.replace(".", "-"), name="Kelurahan " + village.name,
            kind="village", parent=office, region=village,
        )
"""


def _product_label(row: dict[str, str]) -> str | None:
    """`@village` / `@district` for the office of the row's own place, else None."""
    for prefix, column, label in (("Kelurahan ", "kelurahan", "@village"),
                                  ("Kecamatan ", "kecamatan", "@district")):  # fmt: skip
        agency = row["agency"]
        if agency.startswith(prefix) and place_key(agency[len(prefix) :]) == place_key(row[column]):
            return label
    return None


def relabelled() -> tuple[list[dict[str, str]], dict[str, str]]:
    """(the CSV's rows, each with its product label in "code"; {code: agency name} of the
    units that are not the complaint's own local office). Call only when DATA exists."""
    with DATA.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    names = sorted({r["agency"] for r in rows if _product_label(r) is None})
    codes = {name: f"sby-{i:02d}" for i, name in enumerate(names)}
    for row in rows:
        row["code"] = _product_label(row) or codes[row["agency"]]
    return rows, {code: name for name, code in codes.items()}


def prepare(tmp: Path, aduan: Path, env: dict[str, str]) -> tuple[Path, Path] | None:
    """(model directory, agencies JSON) in `tmp`, or None when the data is absent."""
    if not DATA.exists():
        return None
    rows, names = relabelled()
    relabelled_csv = tmp / "sby-product.csv"
    with relabelled_csv.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    agencies = tmp / "sby-agencies.json"
    agencies.write_text(json.dumps(names))
    model = tmp / "sby-model"
    subprocess.run(
        [str(aduan), "router", "train", "--data", str(relabelled_csv), "--text", "text",
         "--label", "code", "--place", "kecamatan", "--place", "kelurahan",
         "--category", "topic", "--time", "submitted_at", "--out", str(model)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return model, agencies
