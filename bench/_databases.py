"""A fresh database for one benchmark run, removed afterwards."""

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_ADMIN = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]


@contextmanager
def temporary(db: str, name: str, tmp: Path) -> Iterator[str | None]:
    """The DATABASE_URL of a new, empty database `name`: an SQLite file in `tmp` ("sqlite")
    or a PostgreSQL database on 127.0.0.1:5432 ("pg"), dropped on exit; None (and a line on
    stderr) when PostgreSQL is not reachable."""
    if db == "sqlite":
        path = tmp / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        try:
            yield f"sqlite:///{path}"
        finally:
            path.unlink(missing_ok=True)
        return
    tools = all(shutil.which(t) for t in ("pg_isready", "createdb", "dropdb"))
    if not (tools and subprocess.run(["pg_isready", "-q", *PG_ADMIN]).returncode == 0):
        print("PostgreSQL not reachable: skipped", file=sys.stderr)
        yield None
        return
    drop = ["dropdb", *PG_ADMIN, "--if-exists", "--force", name]
    subprocess.run(drop, check=True)
    subprocess.run(["createdb", *PG_ADMIN, name], check=True)
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        subprocess.run(drop, check=True)
