"""On/off switches from the environment: one reading, and nothing unrecognised taken as off."""

import io
import os

import pytest
from django.core.management import CommandError, call_command

from aduan.core.env import flag


@pytest.mark.parametrize(
    "value, expected", [("1", True), ("on", True), (" TRUE ", True), ("0", False), ("no", False)]
)
def test_a_switch_reads_the_usual_words(monkeypatch, value, expected):
    monkeypatch.setenv("ADUAN_TEST_SWITCH", value)
    assert flag("ADUAN_TEST_SWITCH", default=not expected) is expected


def test_an_unset_switch_takes_its_default(monkeypatch):
    monkeypatch.delenv("ADUAN_TEST_SWITCH", raising=False)
    assert flag("ADUAN_TEST_SWITCH", default=True) is True


def test_an_unrecognised_value_is_refused_not_taken_as_off(monkeypatch):
    monkeypatch.setenv("ADUAN_TEST_SWITCH", "enabled")
    with pytest.raises(ValueError, match="ADUAN_TEST_SWITCH='enabled'"):
        flag("ADUAN_TEST_SWITCH", default=True)


@pytest.mark.parametrize("value, logged", [("0", False), ("1", True), (None, False)])
def test_access_log_zero_means_off(monkeypatch, value, logged):
    if value is None:
        monkeypatch.delenv("ACCESS_LOG", raising=False)
    else:
        monkeypatch.setenv("ACCESS_LOG", value)
    started = []
    monkeypatch.setattr(os, "execv", lambda path, argv: started.append(argv))
    call_command("serve", port=8999, workers=1, threads=1, stdout=io.StringIO())
    (argv,) = started
    assert ("--access-logfile=-" in argv) is logged


def test_access_log_with_a_word_it_does_not_know_stops_the_server(monkeypatch):
    monkeypatch.setenv("ACCESS_LOG", "sometimes")
    monkeypatch.setattr(os, "execv", lambda *a: pytest.fail("served"))
    with pytest.raises(CommandError, match="ACCESS_LOG"):
        call_command("serve", port=8999, workers=1, threads=1)
