"""`aduan redaction refresh`: mask again the public text stored before the masking rules
changed (run once after an upgrade that says so)."""

from django.core.management.base import BaseCommand, CommandError

from aduan.complaints import redaction
from aduan.complaints.models import Complaint, Event


class Command(BaseCommand):
    help = (
        "refresh: mask again the stored public text of every complaint (titles and bodies "
        "now; answers and notes again when next read). Idempotent."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help=self.help)
        refresh.add_argument("--batch", type=int, default=500)

    def handle(self, *args, action, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be 1 or more")
        # Every complaint: the rules are not only about the reporter's name (an address the
        # detector passed over is masked since 2026-12-02 too).
        stored = Complaint.objects.exclude(public_title="")
        changed = seen = 0
        last = 0
        while True:
            # By primary key, a batch at a time: a national table does not fit in memory,
            # and intake goes on meanwhile.
            rows = list(
                stored.filter(pk__gt=last).select_related("reporter").order_by("pk")[:batch]
            )
            if not rows:
                break
            last = rows[-1].pk
            for c in rows:
                seen += 1
                title, body = redaction.masked(c)
                if (title, body) != (c.public_title, c.public_body):
                    Complaint.objects.filter(pk=c.pk).update(public_title=title, public_body=body)
                    changed += 1
            # Emptied, they are masked again, by the same rules, when first read.
            ids = [c.pk for c in rows]
            Complaint.objects.filter(pk__in=ids).exclude(public_answer="").update(public_answer="")
            Event.objects.filter(complaint_id__in=ids).exclude(public_note="").update(
                public_note=""
            )
        self.stdout.write(f"checked={seen} changed={changed}")
