from django.core.management.base import BaseCommand

from aduan.complaints.sweep import sweep


class Command(BaseCommand):
    help = (
        "Deadline work: `sla sweep` warns, records and escalates breaches, auto-closes, and"
        " runs the clock again when a reporter did not answer a question in time."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("sweep", help="run one idempotent sweep (safe to run concurrently)")

    def handle(self, *args, action, **options):
        result = sweep()
        self.stdout.write(
            f"warned={result.warned} breached={result.breached} auto_closed={result.auto_closed}"
            f" resumed={result.resumed} progress_noticed={result.progress_noticed}"
        )
