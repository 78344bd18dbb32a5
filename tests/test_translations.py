"""The English catalogs. Django merges every app's catalog into one, the app listed first in
INSTALLED_APPS winning a msgid that two apps translate: a wording one app chose for a page
of its own then shows wherever another app uses the same words ("Lacak laporan" read
"Submit a report" on the tracking page). So no msgid has two translations."""

import gettext
from collections import defaultdict
from pathlib import Path

import pytest

import aduan

CATALOGS = sorted(Path(aduan.__file__).parent.glob("*/locale/en/LC_MESSAGES/django.mo"))


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


@pytest.mark.django_db
def test_the_tracking_page_in_english_is_called_track_a_report(client):
    client.cookies["django_language"] = "en"
    page = client.get("/lacak/").content.decode()
    assert "<h1>Track a report</h1>" in page
