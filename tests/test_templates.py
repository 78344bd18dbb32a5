"""Template source rules that rendering alone would not catch."""

from pathlib import Path

import pytest

import aduan

TEMPLATES = sorted(Path(aduan.__file__).parent.glob("*/templates/**/*.html"))


def test_no_comment_tag_spans_lines():
    # Django's {# #} ends at the line's end: a comment carried onto the next line is printed
    # on the page.
    spanning = [
        f"{path.name}:{n}"
        for path in TEMPLATES
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert TEMPLATES and spanning == []


@pytest.mark.parametrize(
    "share, measured, chance",
    [
        (None, "", ""),
        (0, "0%", "0%"),
        (0.004, "<1%", "<1%"),
        (0.42, "42%", "42%"),
        (0.996, ">99%", ">99%"),
        (1.0, "100%", ">99%"),
    ],
)
def test_shares_read_as_percentages_and_a_chance_never_as_certainty(share, measured, chance):
    from aduan.web.templatetags import aduan_tags

    assert (aduan_tags.percent(share), aduan_tags.chance(share)) == (measured, chance)
