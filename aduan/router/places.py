"""Local offices: labels that are "the office of the complaint's own place".

Many complaints go to the village or district office of the place they are about. A flat
classifier would have to learn one class per office, most of them with a handful of examples.
Instead the training data itself tells which labels are local offices: a *template* such as
`Kelurahan {kelurahan}` holds when, for many distinct values of a place column, a label equals
a fixed prefix + that value + a fixed suffix. All labels of a template's family are collapsed
into one abstract class (`@local:Kelurahan {kelurahan}`); at prediction time the abstract class
is resolved back to a concrete office from the complaint's own place.

Nothing here knows any region: prefixes, suffixes and columns are all discovered.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .text import place_key

ABSTRACT_PREFIX = "@local:"

# A template must hold for at least this many distinct place values: two coincidences are
# easy ("Kecamatan X" where a village happens to share the district's name), many are not.
MIN_DISTINCT_VALUES = 3
# And at least this share of the family's rows must be addressed to their own place, or the
# prefix is not about the place column at all.
MIN_OWN_PLACE_SHARE = 0.5


@dataclass
class Template:
    """One discovered local-office pattern: label == prefix + place[column] + suffix."""

    column: str
    prefix_key: str  # place_key of the fixed text before the place value
    suffix_key: str
    prefix: str  # the fixed text as most often written, for rendering unseen offices
    suffix: str
    # place_key(value) -> concrete office label, the most frequent in training for that value.
    offices: dict[str, str] = field(default_factory=dict)
    # Share of training rows of the family whose label equals the resolved office: the
    # probability that resolution is right given that the class is.
    reliability: float = 1.0

    @property
    def name(self) -> str:
        return f"{ABSTRACT_PREFIX}{self.prefix}{{{self.column}}}{self.suffix}"

    def member(self, label_key: str) -> bool:
        """Whether a label (as place_key) belongs to this template's family."""
        fixed = len(self.prefix_key) + len(self.suffix_key)
        return (
            len(label_key) > fixed
            and label_key.startswith(self.prefix_key)
            and label_key.endswith(self.suffix_key)
        )

    def resolve(self, place: Mapping[str, str]) -> str | None:
        """The concrete office for a complaint's place, or None if the place is unknown."""
        value = (place.get(self.column) or "").strip()
        key = place_key(value)
        if not key:
            return None
        if key in self.offices:
            return self.offices[key]
        # A place not seen in training gets the office the template names. Not the office of
        # a seen place spelled alike: place values come from the region directory, so a
        # similar name is another place. Tambak Sarioso (district Asemrowo) is not
        # Tambaksari (district Tambaksari); on the Surabaya test months, matching such names
        # changed six resolutions and made none right.
        return f"{self.prefix}{value}{self.suffix}"

    def to_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "prefix_key": self.prefix_key,
            "suffix_key": self.suffix_key,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "offices": self.offices,
            "reliability": self.reliability,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Template":
        """Raises ValueError for content `to_json` never writes: it would fail, or give a
        confidence outside 0..1, only later, in the middle of a prediction."""
        template = cls(**data)
        texts = (template.column, template.prefix_key, template.suffix_key)
        if not all(isinstance(t, str) for t in (*texts, template.prefix, template.suffix)):
            raise ValueError("a local-office template's column and affixes must be strings")
        offices = template.offices
        if not isinstance(offices, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in offices.items()
        ):
            raise ValueError("a local-office template's offices must map names to names")
        reliability = template.reliability
        if isinstance(reliability, bool) or not isinstance(reliability, int | float):
            raise ValueError("a local-office template's reliability must be a number")
        if not 0.0 <= reliability <= 1.0:  # also refuses NaN
            raise ValueError("a local-office template's reliability must lie in 0..1")
        return template


def _raw_split(label: str, key_start: int, key_end: int) -> tuple[str, str]:
    """Raw text of `label` before and after the alphanumeric span [key_start, key_end)."""
    positions = [i for i, ch in enumerate(label) if ch.casefold().isalnum()]
    # casefold can change length for a few characters; fall back to key text then.
    if len(positions) != len(place_key(label)):
        return "", ""
    start = positions[key_start] if key_start < len(positions) else len(label)
    end = positions[key_end - 1] + 1 if key_end > 0 else 0
    return label[:start], label[end:]


def discover(
    labels: Sequence[str],
    places: Sequence[Mapping[str, str]],
    *,
    min_values: int = MIN_DISTINCT_VALUES,
    min_own_share: float = MIN_OWN_PLACE_SHARE,
) -> list[Template]:
    """Templates that the training data supports, most specific first.

    For every row and place column whose value occurs inside the row's label, the label is
    split into (prefix, value, suffix); a (column, prefix, suffix) triple seen with at least
    `min_values` distinct values becomes a candidate. For a given prefix/suffix only the
    column that explains the most rows is kept, and only if at least `min_own_share` of the
    family's rows name their own place.
    """
    values: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    hits: Counter[tuple[str, str, str]] = Counter()
    raw_fixes: dict[tuple[str, str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    for label, place in zip(labels, places, strict=True):
        lkey = place_key(label)
        for column, value in place.items():
            vkey = place_key(value or "")
            if not vkey or not lkey:
                continue
            at = lkey.rfind(vkey)
            if at < 0:
                continue
            triple = (column, lkey[:at], lkey[at + len(vkey) :])
            values[triple].add(vkey)
            hits[triple] += 1
            raw_fixes[triple][_raw_split(label, at, at + len(vkey))] += 1

    # One column per (prefix, suffix): the one that explains the most rows.
    best: dict[tuple[str, str], tuple[str, str, str]] = {}
    for triple, n in hits.items():
        # A template needs fixed text around the value; "{kelurahan}" alone would make every
        # label a member of its family.
        if len(values[triple]) < min_values or not (triple[1] or triple[2]):
            continue
        fixes = triple[1:]
        if fixes not in best or n > hits[best[fixes]]:
            best[fixes] = triple

    label_keys = [place_key(label) for label in labels]
    templates = []
    for (column, prefix_key, suffix_key), n in ((t, hits[t]) for t in best.values()):
        prefix, suffix = raw_fixes[(column, prefix_key, suffix_key)].most_common(1)[0][0]
        template = Template(column, prefix_key, suffix_key, prefix, suffix)
        family = sum(template.member(k) for k in label_keys)
        if family and n / family >= min_own_share:
            templates.append(template)
    # Most specific first, so that "Kantor Kelurahan {}" wins over "Kelurahan {}".
    templates.sort(key=lambda t: -(len(t.prefix_key) + len(t.suffix_key)))
    return templates


@dataclass
class LocalOffices:
    """Collapses local-office labels into abstract classes and resolves them back."""

    templates: list[Template]

    @classmethod
    def fit(cls, labels: Sequence[str], places: Sequence[Mapping[str, str]]) -> "LocalOffices":
        """Discover templates and learn, per place value, which office handles it."""
        offices = cls(discover(labels, places))
        counts: dict[int, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for label, place in zip(labels, places, strict=True):
            index = offices._family(label)
            if index is None:
                continue
            key = place_key(place.get(offices.templates[index].column) or "")
            if key:
                counts[index][key][label] += 1
        for index, template in enumerate(offices.templates):
            # Most frequent office per value; ties go to the label sorted first (stable).
            template.offices = {
                key: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                for key, c in sorted(counts[index].items())
            }
        for index, template in enumerate(offices.templates):
            right = total = 0
            for label, place in zip(labels, places, strict=True):
                if offices._family(label) == index:
                    total += 1
                    right += template.resolve(place) == label
            template.reliability = right / total if total else 1.0
        return offices

    def _family(self, label: str) -> int | None:
        key = place_key(label)
        for index, template in enumerate(self.templates):
            if template.member(key):
                return index
        return None

    def abstract(self, label: str) -> str:
        """The class a label is trained as: its template's name, or the label itself."""
        index = self._family(label)
        return label if index is None else self.templates[index].name

    def resolve(self, cls: str, place: Mapping[str, str]) -> tuple[str | None, float]:
        """(concrete label, probability that the resolution is right) for a class.

        Concrete classes resolve to themselves with certainty; an abstract class whose place
        column is empty resolves to None.
        """
        for template in self.templates:
            if template.name == cls:
                return template.resolve(place), template.reliability
        return cls, 1.0

    def to_json(self) -> list[dict[str, Any]]:
        return [t.to_json() for t in self.templates]

    @classmethod
    def from_json(cls, data: Sequence[Mapping[str, Any]]) -> "LocalOffices":
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise ValueError("local offices must be a list of templates")
        return cls([Template.from_json(d) for d in data])
