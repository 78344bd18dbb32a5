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
    "share, reads",
    [(None, ""), (0, "0%"), (0.004, "<1%"), (0.42, "42%"), (0.996, ">99%"), (1.0, "100%")],
)
def test_a_chance_reads_as_a_percentage_never_rounded_to_certainty(share, reads):
    from aduan.web.templatetags.aduan_tags import percent

    assert percent(share) == reads
