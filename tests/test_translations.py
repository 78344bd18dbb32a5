"""The English catalogs. Django merges every app's catalog into one, the app listed first in
INSTALLED_APPS winning a msgid that two apps translate: a wording one app chose for a page
of its own then shows wherever another app uses the same words ("Lacak laporan" read
"Submit a report" on the tracking page). So no msgid has two translations.

And each app's catalog holds the words its own code and templates mark: makemessages run in
one app keeps only what that app marks, so words kept in another app's catalog would be lost
there (the API's were kept in core's)."""

import ast
import gettext
import re
from collections import defaultdict
from pathlib import Path

import pytest

import aduan

ROOT = Path(aduan.__file__).parent
CATALOGS = sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.mo"))
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
# {% translate "…" %} (not those with a context: none so far); blocktranslate is not read.
TRANSLATE_TAG = re.compile(r"""\{%\s*(?:translate|trans)\s+(?:"([^"]*)"|'([^']*)')(?!\s+context)""")


def catalog(app: str) -> dict[str, str]:
    path = ROOT / app / "locale/en/LC_MESSAGES/django.mo"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        items = gettext.GNUTranslations(fh)._catalog.items()
    # Plural entries are keyed (msgid, n).
    return {k if isinstance(k, str) else k[0]: v for k, v in items if k}


def marked_in_code(app: str) -> set[str]:
    """The literal msgids the app's Python code passes to gettext and friends."""
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in GETTEXT and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def marked_in_templates(app: str) -> set[str]:
    found = set()
    for path in (ROOT / app).glob("templates/**/*.*"):
        for match in TRANSLATE_TAG.finditer(path.read_text()):
            found.add(match.group(1) if match.group(1) is not None else match.group(2))
    return found


def test_no_words_are_translated_two_ways():
    translations = defaultdict(dict)
    for path in CATALOGS:
        with path.open("rb") as fh:
            for msgid, msgstr in gettext.GNUTranslations(fh)._catalog.items():
                if msgid:  # "" is the catalog's header
                    translations[msgid][path.parts[-5]] = msgstr
    assert len(CATALOGS) > 5
    disagreements = {k: v for k, v in translations.items() if len(set(v.values())) > 1}
    assert disagreements == {}


@pytest.mark.parametrize("app", APPS)
def test_each_app_s_catalog_holds_the_words_it_marks(app):
    missing = (marked_in_code(app) | marked_in_templates(app)) - catalog(app).keys()
    assert missing == set()


def test_the_api_s_catalog_holds_exactly_the_api_s_words():
    assert catalog("api").keys() == marked_in_code("api")


@pytest.mark.django_db
def test_the_tracking_page_in_english_is_called_track_a_report(client):
    client.cookies["django_language"] = "en"
    page = client.get("/lacak/").content.decode()
    assert "<h1>Track a report</h1>" in page
