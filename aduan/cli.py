"""The `aduan` console script: manage.py with the project's settings preselected."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aduan.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo is served over plain http on localhost: no secure-only cookies or redirect.
        os.environ.setdefault("ADUAN_HTTPS", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["aduan", *sys.argv[1:]])
