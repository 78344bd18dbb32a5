from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from aduan.accounts.models import ApiKey, Membership, Role, User
from aduan.directory.models import Agency, Region


class Command(BaseCommand):
    help = "Machine-client keys. `apikey create --name NAME [--agency CODE]` prints the key last."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a key (shown once)")
        create.add_argument("--name", required=True)
        create.add_argument("--agency", help="agency code: the client acts as its officer")
        create.add_argument(
            "--role",
            choices=[
                r.value
                for r in (Role.OFFICER, Role.SUPERVISOR, Role.VERIFIER, Role.CLERK, Role.OVERSIGHT)
            ],
            help="role to hold (default: officer with --agency, else an intake-only client)",
        )
        create.add_argument(
            "--region", help="region code a verifier works in (default: the whole country)"
        )
        revoke = sub.add_parser("revoke", help="revoke a key by name")
        revoke.add_argument("--name", required=True)

    def handle(self, *args, action, **opts):
        if action == "revoke":
            if not ApiKey.objects.filter(name=opts["name"]).update(revoked_at=timezone.now()):
                raise CommandError(f"no key named {opts['name']!r}")
            self.stdout.write(f"revoked {opts['name']}")
            return
        agency = None
        if opts.get("agency"):
            agency = Agency.objects.filter(code=opts["agency"]).first()
            if agency is None:
                raise CommandError(f"unknown agency code {opts['agency']!r}")
        role = opts.get("role") or (Role.OFFICER if agency else None)
        if role in (Role.OFFICER, Role.SUPERVISOR) and agency is None:
            raise CommandError(f"--role {role} needs --agency")
        # An agency does not narrow these roles: a "verifier of dpu-sby" would be national.
        if agency is not None and role not in (Role.OFFICER, Role.SUPERVISOR):
            raise CommandError(f"--agency is for officers and supervisors, not --role {role}")
        region = None
        if opts.get("region"):
            if role != Role.VERIFIER:
                raise CommandError("--region is for --role verifier")
            region = Region.objects.filter(code=opts["region"]).first()
            if region is None:
                raise CommandError(f"unknown region code {opts['region']!r}")
        if not opts["name"].strip():
            raise CommandError("--name must not be empty: it names the key in the audit trail")
        if ApiKey.objects.filter(name=opts["name"]).exists():
            # Revoked keys keep their names: the timeline's actions stay attributable.
            raise CommandError(f"a key named {opts['name']!r} exists (names are never reused)")
        key = ApiKey.new_key()
        with transaction.atomic():
            user = User.objects.create(username=f"api:{opts['name']}"[:150])
            user.set_unusable_password()
            user.save()
            if role:
                Membership.objects.create(user=user, role=role, agency=agency, region=region)
            api_key = ApiKey(name=opts["name"], user=user)
            api_key.set_key(key)
            api_key.save()
        self.stdout.write(f"created API key {opts['name']!r} role={role or 'intake'}")
        self.stdout.write(key)
