"""Small synthetic, Indonesian-like complaint data for router tests (no real data).

A made-up regency: villages (`desa`) inside districts (`kec`). Agencies are city offices
plus the local offices "Desa {desa}" and "Kantor Camat {kec}", so tests exercise template
discovery with prefixes and column names that appear nowhere in the router's code.
"""

import random

DISTRICTS = {
    "Sukamaju": ["Mekarsari", "Cibodas", "Sindangsari", "Pasirjaya"],
    "Cipanas": ["Sukaresmi", "Ciherang", "Palasari", "Batulawang"],
    "Talaga": ["Kertajaya", "Margamulya", "Wanasari", "Sirnagalih"],
}

TOPICS = {
    "Dinas Pekerjaan Umum": [
        "jalan rusak berlubang besar di depan rumah warga",
        "aspal jalan mengelupas dan berlubang membahayakan pengendara",
        "saluran air tersumbat sehingga jalan tergenang banjir",
        "jembatan retak perlu perbaikan segera",
    ],
    "Dinas Lingkungan Hidup": [
        "sampah menumpuk di pinggir sungai dan berbau busuk",
        "pohon tumbang menutup jalan mohon dipangkas",
        "truk sampah tidak datang mengangkut sampah warga",
        "pembakaran sampah menimbulkan asap pencemaran udara",
    ],
    "Dinas Kesehatan": [
        "pelayanan puskesmas lambat antrean panjang",
        "obat di puskesmas habis pasien disuruh beli sendiri",
        "petugas puskesmas tidak ramah kepada pasien lansia",
        "vaksinasi anak di posyandu ditunda tanpa pemberitahuan",
    ],
    "Dinas Sosial": [
        "bantuan sosial sembako belum diterima keluarga miskin",
        "data penerima bansos tidak tepat sasaran",
        "lansia terlantar butuh bantuan sosial",
        "kartu bantuan pangan tidak bisa dicairkan",
    ],
    "desa": [
        "surat keterangan domisili di kantor desa lama sekali",
        "perangkat desa tidak ada di kantor saat jam kerja",
        "pengurus rt rw meminta pungutan untuk surat pengantar",
        "balai desa dipakai acara pribadi kepala desa",
    ],
    "camat": [
        "pelayanan kantor kecamatan lambat mengurus izin keramaian",
        "camat tidak menanggapi laporan warga soal konflik batas wilayah",
        "pegawai kecamatan meminta biaya legalisir dokumen",
    ],
}

FILLERS = ["mohon", "segera", "ditindaklanjuti", "terima kasih", "pak", "bu", "tolong", "sudah"]
SLANG = {"tidak": "tdk", "yang": "yg", "sudah": "sdh", "dengan": "dgn", "untuk": "utk"}


def _noisy(sentence: str, rng: random.Random) -> str:
    words = [SLANG.get(w, w) if rng.random() < 0.5 else w for w in sentence.split()]
    if rng.random() < 0.3:  # a typo: drop one letter of one word
        i = rng.randrange(len(words))
        if len(words[i]) > 4:
            j = rng.randrange(len(words[i]))
            words[i] = words[i][:j] + words[i][j + 1 :]
    words += rng.sample(FILLERS, 2)
    return " ".join(words)


def complaints(n: int, seed: int = 0) -> tuple[list[str], list[dict[str, str]], list[str]]:
    """(texts, places, labels): n complaints; places have columns `kec` and `desa`."""
    texts, places, labels, _ = categorised(n, seed)
    return texts, places, labels


def category_of(sentence: str) -> str:
    """A sentence's category: its first two words, e.g. `jalan-rusak`."""
    return "-".join(sentence.split()[:2])


def categorised(
    n: int, seed: int = 0
) -> tuple[list[str], list[dict[str, str]], list[str], list[str]]:
    """(texts, places, labels, categories): as `complaints`, with each complaint's category."""
    rng = random.Random(seed)
    texts, places, labels, categories = [], [], [], []
    kinds = list(TOPICS)
    weights = [4, 4, 3, 3, 3, 2]
    for _ in range(n):
        kec = rng.choice(sorted(DISTRICTS))
        desa = rng.choice(DISTRICTS[kec])
        kind = rng.choices(kinds, weights)[0]
        sentence = rng.choice(TOPICS[kind])
        text = _noisy(sentence, rng)
        if kind == "desa":
            label = f"Desa {desa}"
        elif kind == "camat":
            label = f"Kantor Camat {kec}"
        else:
            label = kind
        texts.append(f"{text} di desa {desa.lower()}")
        places.append({"kec": kec, "desa": desa})
        labels.append(label)
        categories.append(category_of(sentence))
    return texts, places, labels, categories
