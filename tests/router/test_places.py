"""Local-office template discovery and resolution, on made-up places."""

from aduan.router.places import LocalOffices, discover

from .synthetic import complaints


def _place(desa: str, kec: str = "Sukamaju") -> dict[str, str]:
    return {"desa": desa, "kec": kec}


def test_templates_are_discovered_from_the_data_with_any_prefix_and_column():
    _, places, labels = complaints(400)
    names = {t.name for t in discover(labels, places)}
    assert names == {"@local:Desa {desa}", "@local:Kantor Camat {kec}"}


def test_a_prefix_seen_with_too_few_place_values_is_not_a_template():
    labels = ["Desa Mekarsari", "Desa Cibodas", "Dinas Sosial", "Dinas Sosial"]
    places = [_place("Mekarsari"), _place("Cibodas"), _place("Mekarsari"), _place("Cibodas")]
    assert discover(labels, places) == []


def test_a_label_that_only_sometimes_names_the_place_is_not_a_template():
    # "Puskesmas X" names the complaint's own village in only 3 of 10 rows.
    villages = ["Mekarsari", "Cibodas", "Sindangsari", "Pasirjaya", "Ciherang"]
    labels = [f"Puskesmas {v}" for v in villages[:3]] + ["Puskesmas Kota"] * 7
    places = [_place(v) for v in villages[:3]] + [_place(villages[i % 5]) for i in range(7)]
    assert discover(labels, places) == []


def test_local_office_labels_collapse_into_one_class_and_resolve_to_the_own_place():
    _, places, labels = complaints(400)
    offices = LocalOffices.fit(labels, places)
    assert offices.abstract("Desa Mekarsari") == "@local:Desa {desa}"
    assert offices.abstract("Desa Kertajaya") == "@local:Desa {desa}"
    assert offices.abstract("Dinas Sosial") == "Dinas Sosial"
    label, reliability = offices.resolve("@local:Desa {desa}", _place("Wanasari", "Talaga"))
    assert label == "Desa Wanasari"
    assert reliability == 1.0
    assert offices.resolve("@local:Kantor Camat {kec}", _place("Ciherang", "Cipanas")) == (
        "Kantor Camat Cipanas",
        1.0,
    )
    assert offices.resolve("Dinas Sosial", _place("Ciherang")) == ("Dinas Sosial", 1.0)


def test_resolution_handles_written_variants_unseen_places_and_missing_places():
    villages = ["Pacar Kembang", "Wonorejo - Timur", "Gunung Sari", "Kali Rungkut"]
    labels = [f"Kelurahan {v}" for v in villages] * 2
    # Place values are written differently from the office names.
    places = [{"kel": v.replace(" - ", " ").replace(" ", "")} for v in villages] * 2
    offices = LocalOffices.fit(labels, places)
    cls = "@local:Kelurahan {kel}"
    assert offices.abstract("Kelurahan Pacar Kembang") == cls
    assert offices.resolve(cls, {"kel": "PacarKembang"})[0] == "Kelurahan Pacar Kembang"
    assert offices.resolve(cls, {"kel": "wonorejo timur"})[0] == "Kelurahan Wonorejo - Timur"
    # A place never seen in training gets its office by the template, even when its name
    # is close to a known one: it is another place (Surabaya has Tambaksari and Tambak
    # Sarioso, in two districts).
    assert offices.resolve(cls, {"kel": "Tambak Rejo"})[0] == "Kelurahan Tambak Rejo"
    assert offices.resolve(cls, {"kel": "Gunung Sarti"})[0] == "Kelurahan Gunung Sarti"
    assert offices.resolve(cls, {})[0] is None
    assert offices.resolve(cls, {"kel": "  "})[0] is None


def test_the_office_a_place_is_usually_sent_to_wins_and_lowers_reliability():
    labels = ["Desa Cibodas", "Desa Cibodas", "Desa Mekarsari", "Desa Sindangsari", "Desa A"]
    places = [_place("Cibodas"), _place("Cibodas"), _place("Mekarsari"), _place("Sindangsari")]
    places.append(_place("Cibodas"))  # one complaint from Cibodas went to another village
    offices = LocalOffices.fit(labels, places)
    label, reliability = offices.resolve("@local:Desa {desa}", _place("Cibodas"))
    assert label == "Desa Cibodas"
    assert reliability == 4 / 5


def test_offices_survive_a_json_round_trip():
    _, places, labels = complaints(200)
    offices = LocalOffices.fit(labels, places)
    again = LocalOffices.from_json(offices.to_json())
    for place in places[:20]:
        for t in offices.templates:
            assert again.resolve(t.name, place) == offices.resolve(t.name, place)


def test_labels_that_are_bare_place_names_do_not_make_a_template():
    villages = ["Mekarsari", "Cibodas", "Sindangsari", "Pasirjaya"]
    labels = villages + ["Dinas Sosial"] * 4
    places = [_place(v) for v in villages] * 2
    assert discover(labels, places) == []
