"""`aduan router …`: the routing model's command line.

File-based (stable contract, used by benchmarks and deployments):
    router train --data FILE.csv --text COLUMN --label COLUMN [--place COLUMN ...] --out DIR
    router evaluate --model DIR --data FILE.csv --text COLUMN --label COLUMN [--place ...]
    router predict --model DIR < complaints.jsonl > routes.jsonl
From what the system has handled:
    router retrain [--holdout 0.15] [--max-examples N]
                                      of the N most recently handled complaints (100,000),
                                      train on the older, compare with the current model on
                                      the most recent ones, promote if better
    router promote --model DIR        store an artifact and make it current unconditionally
    router status                     the current model and its live accuracy
Routing new complaints (`aduan serve` runs one alongside the web server):
    router work [--once] [--interval S] [--batch N]
                                      suggest agencies for submitted complaints in batches,
                                      dispose the sure ones; until SIGTERM/SIGINT, or one
                                      batch with --once
"""

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aduan import router as ml
from aduan.core import gunicorn_hooks
from aduan.router import cli
from aduan.triage import quality, service, training, worker
from aduan.triage.models import RouterModel

FILE_COMMANDS = {"train", "evaluate", "predict"}

STATUS_STORED = 10


class Command(BaseCommand):
    help = __doc__

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("argv", nargs=argparse.REMAINDER)

    def handle(self, *args, argv, **options):
        if not argv:
            raise CommandError(
                "say what to do: "
                + ", ".join(sorted(FILE_COMMANDS))
                + ", retrain, promote, status, work"
            )
        action, rest = argv[0], argv[1:]
        if action in FILE_COMMANDS:
            code = cli.main([action, *rest])
            if code:
                raise SystemExit(code)
        elif action == "retrain":
            self.retrain(rest)
        elif action == "promote":
            self.promote(rest)
        elif action == "status":
            self.status()
        elif action == "work":
            self.work(rest)
        else:
            raise CommandError(f"unknown action {action!r}")

    def retrain(self, argv):
        parser = argparse.ArgumentParser(prog="aduan router retrain")
        parser.add_argument("--holdout", type=float, default=0.15)
        parser.add_argument("--min-examples", type=int, default=200)
        parser.add_argument("--max-examples", type=int, default=training.RECENT_EXAMPLES)
        opts = parser.parse_args(argv)
        if not 0 < opts.holdout < 1:
            raise CommandError("--holdout is the share held out: between 0 and 1, e.g. 0.15")
        if opts.max_examples < max(opts.min_examples, 1):
            raise CommandError(
                "--max-examples (how many of the most recent complaints to learn from) is "
                "below --min-examples or 1"
            )
        examples = training.handled_examples(limit=opts.max_examples)
        if len(examples) < opts.min_examples:
            raise CommandError(
                f"only {len(examples)} handled complaints; need {opts.min_examples} to train"
            )
        current_row = RouterModel.objects.filter(is_current=True).first()
        current = service.current_router()
        if current_row and (current is None or current.version != current_row.version):
            # Judged against nothing, any candidate would replace it: an operator decides.
            raise CommandError(
                f"the current model {current_row.version} could not be loaded (see the log); "
                "repair its storage, or choose a model with `router promote`"
            )
        # Where the current model's training data ended; for an artifact promoted from a
        # file, when it was trained: nothing submitted later can be in its training data.
        trained_until = (current_row and current_row.metrics.get("trained_until")) or (
            current and current.metadata.get("created")
        )
        unseen_after = datetime.fromisoformat(trained_until) if trained_until else None
        train, held_out = examples.split(opts.holdout, unseen_after=unseen_after)
        if unseen_after and len(held_out) < training.MIN_HELD_OUT:
            raise CommandError(
                f"{len(held_out)} complaints were submitted and handled after the current "
                f"model's training data ended ({trained_until}); {training.MIN_HELD_OUT} are "
                "needed to judge a new model against it: run retrain again later"
            )
        if len(held_out) < training.MIN_HELD_OUT or len(set(train.labels)) < 2:
            raise CommandError(
                f"{len(train)} complaints to train on and {len(held_out)} held out: need two "
                f"agencies to learn and {training.MIN_HELD_OUT} held out to judge the model"
            )
        progress = sys.stderr.isatty()
        candidate = training.fit(train, progress=progress)
        measured = training.measure(candidate, held_out)
        baseline = training.measure(current, held_out) if current else None
        verdict = training.better(measured, baseline)
        version = None
        if verdict:
            # Judged on the held-out months, the same settings then learn them too: routing
            # drifts, and the freshest complaints are the ones most like tomorrow's.
            final = training.fit(examples, progress=progress)
            with tempfile.TemporaryDirectory() as tmp:
                final.save(Path(tmp) / "model")
                row = _store(
                    Path(tmp) / "model",
                    training_size=len(examples),
                    metrics={
                        # Measured on the model of the same settings that had not learned
                        # the held-out complaints (this one has: nothing is left to judge it).
                        "held_out": measured,
                        "held_out_model": candidate.version,
                        "current_on_held_out": baseline,
                        "trained_until": examples.submitted[-1].isoformat(),
                    },
                )
            try:
                service.promote(row, replacing=current_row.version if current_row else None)
            except service.CurrentChanged as exc:
                raise CommandError(
                    f"not promoted ({row.version} is stored): {exc}; run retrain again"
                ) from exc
            version = row.version
        self.stdout.write(
            json.dumps(
                {
                    "version": version,
                    "promoted": verdict,
                    "held_out": measured,
                    "current_on_held_out": baseline,
                },
                default=str,
            )
        )

    def promote(self, argv):
        parser = argparse.ArgumentParser(prog="aduan router promote")
        parser.add_argument(
            "--model", required=True, help="an artifact directory, or a stored version (rollback)"
        )
        opts = parser.parse_args(argv)
        stored = RouterModel.objects.filter(version=opts.model).first()
        if stored is not None and not Path(opts.model).exists():
            row = stored
            # A rollback is checked as a new artifact is: a damaged archive, or one naming
            # agencies the directory has since renamed, would leave every complaint unrouted.
            try:
                router = service.load_stored(row)
            except service.LOAD_ERRORS as exc:
                raise CommandError(f"stored model {row.version} cannot be loaded: {exc}") from exc
            if problems := service.mismatches(router):
                raise CommandError(
                    "this model cannot route this system's complaints: " + "; ".join(problems)
                )
        else:
            row = _store(Path(opts.model), training_size=0, metrics={})
        service.promote(row)
        self.stdout.write(f"promoted {row.version}")

    def status(self):
        row = RouterModel.objects.filter(is_current=True).first()
        router = service.current_router()
        loaded = bool(row and router and router.version == row.version)
        load_error = row.load_error if row else None
        if row and not loaded and not load_error:
            # The routing worker records why it cannot load the model; until it has tried,
            # say why this process could not.
            try:
                service.load_stored(row)
            except service.LOAD_ERRORS as exc:
                load_error = str(exc) or type(exc).__name__
        guard = service.disposal_guard(router) if router else None
        record = guard and guard.model
        self.stdout.write(
            json.dumps(
                {
                    "current": row.version if row else None,
                    # False: stored but unusable here (see the log); complaints wait for people.
                    "loaded": loaded,
                    "load_error": load_error,
                    # Off: the router only suggests, whatever its confidence.
                    "auto_dispose": settings.ADUAN_ROUTER_AUTO_DISPOSE,
                    "live": quality.live_accuracy(),
                    # What `promote --model VERSION` can roll back to, newest first.
                    "stored": list(
                        RouterModel.objects.order_by("-trained_at").values_list(
                            "version", flat=True
                        )[:STATUS_STORED]
                    ),
                    "auto_disposals": record
                    and {
                        "judged": record.judged,
                        "bounced": record.bounced,
                        "precision": record.precision,
                        "suspended": record.suspended,
                        "suspended_agencies": guard.suspended_agencies,
                        "suspended_local_kinds": guard.suspended_local_kinds,
                    },
                },
                default=str,
                indent=2,
            )
        )

    def work(self, argv):
        parser = argparse.ArgumentParser(prog="aduan router work")
        parser.add_argument("--once", action="store_true", help="route one batch and stop")
        parser.add_argument("--interval", type=float, default=1.0, help="idle wait, seconds")
        parser.add_argument("--batch", type=int, default=worker.BATCH)
        opts = parser.parse_args(argv)
        if opts.batch < 1 or not 0 < opts.interval < 3600:
            raise CommandError("--batch must be positive, --interval between 0 and 3600 seconds")
        if opts.once:
            self.stdout.write(f"took {worker.route_pending(opts.batch)}")
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        parent = os.environ.get(gunicorn_hooks.PARENT_ENV)
        worker.run(
            interval=opts.interval,
            stop=stop,
            limit=opts.batch,
            parent=int(parent) if parent else None,
        )


def _store(directory: Path, **kwargs) -> RouterModel:
    """`service.store`, its refusals as command errors (one line, no traceback)."""
    try:
        return service.store(directory, **kwargs)
    except ml.ArtifactError as exc:
        raise CommandError(f"not a sound router artifact: {exc}") from exc
    except service.NotForThisSystem as exc:
        raise CommandError(f"this model cannot route this system's complaints: {exc}") from exc
