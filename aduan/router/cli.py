"""Command line for the router (wired by the project as `aduan router ...`).

    router train --data FILE.csv --text COLUMN --label COLUMN [--place COLUMN ...] --out DIR
    router evaluate --model DIR --data FILE.csv --text COLUMN --label COLUMN [--place COLUMN ...]
    router predict --model DIR < complaints.jsonl > routes.jsonl

`train` also accepts `--time COLUMN` (rows are then ordered by it; otherwise file order is
taken as submission order) and `--category COLUMN` (the router then predicts categories
too). `evaluate` uses the model's own place columns when `--place` is not given. Errors
(missing column, unreadable file, untrusted model) print one line to stderr and exit with
status 2; nothing prints a traceback for bad input.
"""

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from .artifact import ArtifactError, load
from .evaluate import evaluate
from .model import Router

BATCH = 1000
# Complaint texts can be long; the csv module's default field limit is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


class CliError(Exception):
    """A user-facing error: printed as one line, exit status 2."""


def _read_csv(path: str, columns: Sequence[str], *, header_only: bool = False) -> Any:
    """Rows of `columns` (all required) from a CSV file; with `header_only`, its header."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            delimiter = _delimiter(fh.readline())
            fh.seek(0)
            # strict: an unclosed quote is an error, not the rest of the file in one field.
            reader = csv.DictReader(fh, delimiter=delimiter, strict=True)
            header = reader.fieldnames or []
            if doubled := sorted({c for c in header if header.count(c) > 1 and c in columns}):
                # The csv module would silently read the last of them.
                raise CliError(f"{path}: column {', '.join(map(repr, doubled))} appears twice")
            if header_only:
                return list(header)
            missing = [c for c in columns if c not in header]
            if missing:
                raise CliError(
                    f"{path}: no column {', '.join(map(repr, missing))} "
                    f"(columns: {', '.join(header) or 'none'})"
                )
            return [{c: row.get(c) or "" for c in columns} for row in reader]
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CliError(f"{path} is not a readable UTF-8 CSV file: {exc}") from exc


def _delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns: a comma, or the
    semicolon (or tab) that Excel writes in locales whose decimal mark is a comma, as
    Indonesia's is."""

    def columns(delimiter: str) -> int:
        return len(next(csv.reader([header_line], delimiter=delimiter), []))

    return max((",", ";", "\t"), key=columns)  # a tie (one column) keeps the comma


def _header(path: str) -> list[str]:
    return _read_csv(path, [], header_only=True)


def _labelled(
    args: argparse.Namespace, places: Sequence[str], extra: Sequence[str] = ()
) -> tuple[list[str], list[dict[str, str]], list[str], list[dict[str, str]]]:
    """(texts, places, labels, rows) of the rows that have both a text and a label."""
    columns = list(dict.fromkeys([args.text, args.label, *places, *extra]))
    rows = [
        r for r in _read_csv(args.data, columns) if r[args.text].strip() and r[args.label].strip()
    ]
    if not rows:
        raise CliError(f"{args.data}: no row has both a {args.text!r} and a {args.label!r}")
    texts = [r[args.text] for r in rows]
    place_values = [{c: r[c] for c in places} for r in rows]
    labels = [r[args.label].strip() for r in rows]
    return texts, place_values, labels, rows


def _load(directory: str) -> Router:
    if not Path(directory).is_dir():
        raise CliError(f"no model directory {directory}")
    try:
        return load(directory)
    except ArtifactError as exc:
        raise CliError(f"model refused: {exc}") from exc


def _train(args: argparse.Namespace) -> int:
    extra = [c for c in (args.time, args.category) if c]
    texts, places, labels, rows = _labelled(args, args.place, extra)
    times = [r[args.time].strip() for r in rows] if args.time else None
    if times and (missing := sum(not t for t in times)):
        # They would sort before every other row: the oldest, wherever they belong.
        raise CliError(f"{missing} rows have no {args.time!r}; time order needs one in every row")
    categories = [r[args.category] for r in rows] if args.category else None
    try:
        router = Router.fit(
            texts,
            places,
            labels,
            times=times,
            categories=categories,
            progress=sys.stderr.isatty(),
        )
    except ValueError as exc:
        if "no terms remain" not in str(exc):  # scikit-learn's words for an empty vocabulary
            raise
        raise CliError(
            f"too little text to learn from in {len(texts)} rows: no word occurs in two of them"
        ) from exc
    try:
        router.save(args.out)
    except OSError as exc:
        raise CliError(f"cannot write model to {args.out}: {exc.strerror or exc}") from exc
    _print_json(
        {
            "model": str(args.out),
            "version": router.version,
            "trained_on": len(texts),
            "labels": router.metadata["n_labels"],
            "categories": router.metadata["n_categories"],
            "local_office_templates": router.local_templates,
            "auto_threshold": router.metadata["auto_threshold"],
            "target_precision": router.target_precision,
            "out_of_fold": router.metadata["out_of_fold"],
        }
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    router = _load(args.model)
    place_columns = args.place
    if not place_columns:  # the model's own place columns, those the file has
        header = _header(args.data)
        place_columns = [c for c in router.metadata.get("place_columns", []) if c in header]
    if args.category and not router.categories:
        raise CliError(f"{args.model}: this model learned no categories to evaluate")
    texts, places, labels, rows = _labelled(
        args, place_columns, [args.category] if args.category else []
    )
    categories = [r[args.category] for r in rows] if args.category else None
    _print_json(evaluate(router, texts, places, labels, categories))
    return 0


def _read_jsonl(stream: BinaryIO, place_columns: Sequence[str]) -> list[tuple[str, dict]]:
    """(text, place) per non-blank line of UTF-8 JSON objects. Bytes are decoded here, line
    by line and strictly: the locale's decoding would let stray bytes through into the
    labels it writes back (a place name is part of a local office's label)."""
    items = []
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")  # -sig: a BOM first
        except UnicodeDecodeError as exc:
            raise CliError(f"input line {number}: not UTF-8 (byte {exc.start + 1})") from exc
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
            raise CliError(f"input line {number}: not JSON ({type(exc).__name__})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise CliError(f'input line {number}: expected an object with a "text" string')
        values = {c: obj.get(c) for c in place_columns}
        if wrong := [c for c, v in values.items() if not (v is None or isinstance(v, str))]:
            raise CliError(f"input line {number}: {', '.join(wrong)} must be a string")
        place = {c: v or "" for c, v in values.items()}
        try:  # a JSON escape can name half a character ("\ud800"), which no output can hold
            "".join([obj["text"], *place.values()]).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise CliError(f"input line {number}: a \\u escape names no character") from exc
        items.append((obj["text"], place))
    return items


def _predict(args: argparse.Namespace, stdin: BinaryIO, stdout: TextIO) -> int:
    router = _load(args.model)
    items = _read_jsonl(stdin, router.metadata.get("place_columns", []))
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        predictions = router.predict([t for t, _ in batch], [p for _, p in batch])
        for prediction in predictions:
            stdout.write(json.dumps(prediction.to_json(), ensure_ascii=False) + "\n")
    stdout.flush()
    return 0


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aduan router", description="Route complaints to agencies (train, evaluate, predict)."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def data_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", required=True, metavar="FILE.csv", help="UTF-8 CSV with header")
        p.add_argument("--text", required=True, metavar="COLUMN", help="complaint text column")
        p.add_argument("--label", required=True, metavar="COLUMN", help="agency column")
        p.add_argument(
            "--place",
            action="extend",
            nargs="+",
            default=[],
            metavar="COLUMN",
            help="place columns, e.g. --place kecamatan kelurahan (or --place repeated)",
        )

    train = commands.add_parser("train", help="train a model from a CSV file")
    data_args(train)
    train.add_argument("--time", metavar="COLUMN", help="submission time column (sortable)")
    train.add_argument("--category", metavar="COLUMN", help="category column (optional)")
    train.add_argument("--out", required=True, metavar="DIR", help="model directory to write")

    ev = commands.add_parser("evaluate", help="print metrics of a model on a labelled CSV")
    ev.add_argument("--model", required=True, metavar="DIR")
    data_args(ev)
    ev.add_argument("--category", metavar="COLUMN", help="category column: category top-1/top-3")

    predict = commands.add_parser("predict", help="route JSON lines from stdin to stdout")
    predict.add_argument("--model", required=True, metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None, *, stdin: BinaryIO | None = None) -> int:
    """Run one command; returns the process exit status (0 ok, 2 usage or input error)."""
    parser = _parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse has printed its message
        return int(exc.code or 0)
    try:
        if args.command == "train":
            return _train(args)
        if args.command == "evaluate":
            return _evaluate(args)
        return _predict(args, stdin or sys.stdin.buffer, sys.stdout)
    except (CliError, ValueError) as exc:  # ValueError: e.g. a single label to train on
        print(f"aduan router: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`predict ... | head`): stop quietly. What is still buffered
        # goes to /dev/null, or Python would complain again when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
