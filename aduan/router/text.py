"""Indonesian complaint text normalisation: the one text form every feature is built from.

Contract: `normalise(text)` is pure and deterministic, returns lower-case text in which
personal numbers are already replaced by placeholder tokens (see `mask_personal`), common
abbreviations and chat slang are written out, and runs of whitespace are single spaces.
Typos are not corrected here: the character n-gram features downstream absorb them.
"""

import re
from functools import lru_cache
from typing import Final

# Placeholder tokens. They are plain word characters so that every tokenizer keeps them
# whole, and they match the masks already present in exported data (`[NIK]`, `[TELEPON]`…).
NIK: Final = "_nik_"
PHONE: Final = "_telepon_"
EMAIL: Final = "_email_"
NUMBER: Final = "_nomor_"

# Abbreviations and slang as residents write them in complaint channels. Kept modest on
# purpose: only forms whose expansion is unambiguous in complaints (e.g. "kel" is always
# kelurahan here, never a name). Keys are lower-case whole words.
ABBREVIATIONS: Final[dict[str, str]] = {
    # negation
    "tdk": "tidak",
    "tak": "tidak",
    "gk": "tidak",
    "ga": "tidak",
    "gak": "tidak",
    "gag": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    # aspect
    "sdh": "sudah",
    "udh": "sudah",
    "udah": "sudah",
    "dah": "sudah",
    "blm": "belum",
    "blom": "belum",
    "belom": "belum",
    "msh": "masih",
    "lg": "lagi",
    "hrs": "harus",
    "bs": "bisa",
    # function words
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "krn": "karena",
    "karna": "karena",
    "utk": "untuk",
    "dlm": "dalam",
    "pd": "pada",
    "tp": "tapi",
    "tpi": "tapi",
    "jg": "juga",
    "aja": "saja",
    "sm": "sama",
    "sampe": "sampai",
    "skrg": "sekarang",
    "skrng": "sekarang",
    "gmn": "bagaimana",
    "gimana": "bagaimana",
    "knp": "kenapa",
    "sy": "saya",
    "sya": "saya",
    "mhn": "mohon",
    "org": "orang",
    "dll": "dan lain lain",
    "dsb": "dan sebagainya",
    # people and places
    "bpk": "bapak",
    "pak": "bapak",
    "bu": "ibu",
    "ortu": "orang tua",
    "jl": "jalan",
    "jln": "jalan",
    "kel": "kelurahan",
    "kec": "kecamatan",
    "kab": "kabupaten",
    "rmh": "rumah",
    # time
    "tgl": "tanggal",
    "bln": "bulan",
    "thn": "tahun",
    # courtesy
    "trims": "terima kasih",
    "makasih": "terima kasih",
    "trmksh": "terima kasih",
}

# Words that say nothing about WHICH agency a complaint is for: prepositions, conjunctions,
# pronouns, question words, aspect, modality and negation ("belum", "tidak": a missing
# service is missing at every agency), particles and courtesy, including the Javanese ones
# common in East Java. Explanations leave them out; the features keep them (bigrams such as
# "belum cair" do carry meaning). Written as `normalise` leaves them ("yg" is "yang").
_FUNCTION_WORDS = """
    di ke dari untuk pada dalam dengan oleh kepada bagi tentang sampai hingga antara
    dan atau serta tapi tetapi namun karena sehingga agar supaya jika kalau kalo bila
    yang bahwa juga saja pun lagi sama seperti lain sebagainya
    saya aku kami kita anda kamu dia ia mereka beliau nya ini itu sini situ sana tersebut
    apa siapa kapan mana dimana bagaimana kenapa mengapa apakah
    sudah telah belum masih akan sedang tidak bukan jangan jgn bisa dapat harus mau ingin
    perlu boleh ada adalah yaitu jadi punya pernah buat
    sangat sekali lebih paling hanya cuma terlalu banyak beberapa semua setiap
    lah kah dong deh sih kok ya yah nih tuh loh kan
    mohon tolong tlg maaf terima kasih bapak ibu mas mbak selamat
    opo ae wis wes iki iku sing karo ndak gitu
"""
FUNCTION_WORDS: Final = frozenset(_FUNCTION_WORDS.split())

# An address starts where no address character precedes it, and no run is given back: a
# text of 20,000 "a"s and one "@" took 1.6 s when the scan restarted at every "a".
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
# What people put between the groups of a number: "0812 3456", "0812-3456", "0812.3456",
# "0812_3456", "0812–3456". Not "/" nor ",": letter numbers ("511.3/169/436.7.4/2022"),
# amounts ("Rp 62.500.000,00"), coordinates and lists ("RT 01,02,03") would pass for phones.
_GROUP = r"[ ._\u2013\u2014-]"
# A 16-digit NIK/KK, possibly written in groups ("3578 0123 4567 8901").
_NIK = re.compile(rf"(?<!\d)(?:\d{_GROUP}?){{15}}\d(?!\d)")
# Indonesian mobile and land-line numbers: 08…, +62 8…, (+62) 8…, 0062 8…, (031) 123…: a
# trunk prefix (0 or 62), an area/operator code that does not start with 0, then 6-10
# digits grouped any way ("0812 345 678 90"); glued to a word too ("hp0812…").
_PHONE = re.compile(
    rf"(?<![\d+])(?:\(?(?:\+|00)?62\)?{_GROUP}?|0)\(?[1-9]\d{{1,3}}\)?(?:{_GROUP}?\d){{6,10}}(?!\d)"
)
# A mobile number written without its trunk prefix ("wa 812-3456-7890") only after a word
# that says it is one: bare, it could be an amount ("850.000.000").
_BARE_MOBILE = re.compile(
    r"(?i)(\b(?:wa|whatsapp|hp|telp|telpon|telepon|tlp|kontak|hubungi)\b"
    r"(?:[\s:.]+[^\W\d]+){0,3}[\s:.]*)"  # up to three words between: "wa saya di …"
    rf"8[1-9]\d(?:{_GROUP}?\d){{6,9}}(?!\d)"
)
# Any other run of 10+ digits (BPJS card, tax object number, account number).
_LONG_NUMBER = re.compile(r"\d{10,}")
# Masks already applied upstream, e.g. "[NIK]" in exported data.
_PREMASKED = re.compile(r"\[(nik|kk|telepon|telp|hp|email|nomor)\]", re.IGNORECASE)
_PREMASK_TOKEN = {
    "nik": NIK,
    "kk": NIK,
    "telepon": PHONE,
    "telp": PHONE,
    "hp": PHONE,
    "email": EMAIL,
    "nomor": NUMBER,
}
# Whole words of the table only (a letter may neither precede nor follow): one regex scan
# finds them all, instead of a Python call for every word of the text.
_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![^\W\d_])"
)
# Punctuation and symbols become spaces: "jalan," and "jalan" are one word to the features.
_PUNCTUATION = re.compile(r"[^\w\s]+")
# Underscores survive only inside placeholder tokens.
_STRAY_UNDERSCORE = re.compile(r"(?<![a-z])_+(?![a-z])")
_DIGIT = re.compile(r"\d")


def mask_personal(text: str) -> str:
    """Replace personal numbers and e-mail addresses by placeholder tokens.

    Runs before any feature is computed, so no model weight or vocabulary entry holds a
    NIK, phone number or address written any of the usual ways (and explanations leave out
    every word with a digit, for the ways nobody foresaw). Order matters: e-mails first (they may
    contain digits), then 16-digit NIKs, then phone numbers, then any other long digit run.
    """
    # Cheap containment checks first: most complaints have no e-mail and no digits at all.
    if "[" in text:
        text = _PREMASKED.sub(lambda m: f" {_PREMASK_TOKEN[m.group(1).lower()]} ", text)
    if "@" in text:
        text = _EMAIL.sub(f" {EMAIL} ", text)
    # Each pattern needs at least so many digits: most texts have fewer and skip them all.
    digits = len(_DIGIT.findall(text))
    if digits >= 16:
        text = _NIK.sub(f" {NIK} ", text)
    if digits >= 9:
        text = _PHONE.sub(f" {PHONE} ", text)
        text = _BARE_MOBILE.sub(rf"\1 {PHONE} ", text)
    if digits >= 10:
        text = _LONG_NUMBER.sub(f" {NUMBER} ", text)
    return text


def _expand(match: re.Match[str]) -> str:
    return ABBREVIATIONS[match.group(0)]


def normalise(text: str) -> str:
    """Masked, lower-cased text with abbreviations expanded and whitespace collapsed."""
    text = mask_personal(text).lower()
    text = _ABBREVIATION.sub(_expand, text)
    text = _PUNCTUATION.sub(" ", text)
    if "_" in text:
        text = _STRAY_UNDERSCORE.sub(" ", text)
    return " ".join(text.split())


def explains(word: str) -> bool:
    """Whether a word of normalised text may be shown as a reason for a routing choice.

    Not a function word, not a placeholder (underscores survive only in placeholders and in
    words glued to them), and no digit: a number the masks missed ("0812 / 3456 / 7890")
    would otherwise come back out in pieces.
    """
    return word not in FUNCTION_WORDS and "_" not in word and _DIGIT.search(word) is None


def as_written(text: str) -> dict[str, str]:
    """Each word of `normalise(text)` → the word the writer wrote for it, lower-cased: the
    word itself, or the abbreviation it was expanded from ("jalan" → "jl"), so that a
    reader finds every explanation word in the text. A word written out anywhere in the
    text stands for itself.

    `normalise` expands before it removes punctuation; both orders give the same words:
    abbreviations and their expansions begin and end with a-z letters, and a match needs
    no letter on either side, which punctuation, spaces and underscores are not.
    """
    text = _PUNCTUATION.sub(" ", mask_personal(text).lower())
    if "_" in text:
        text = _STRAY_UNDERSCORE.sub(" ", text)
    written: dict[str, str] = {}
    for word in text.split():
        for expanded in _ABBREVIATION.sub(_expand, word).split():
            if expanded == word or expanded not in written:
                written[expanded] = word
    return written


@lru_cache(maxsize=65536)
def place_key(value: str) -> str:
    """A place or label fragment reduced to its letters and digits, case-folded.

    Used to compare office labels with place values written differently
    ("Pacar Kembang" vs "Pacarkembang", "Wonorejo - Rungkut" vs "Wonorejo Rungkut").
    """
    return "".join(ch for ch in value.casefold() if ch.isalnum())
