"""`python -m aduan.router ...`: the router command line (see cli.py)."""

import sys

from .cli import main

sys.exit(main(sys.argv[1:]))
