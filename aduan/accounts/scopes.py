"""What a user may see and act on, read once from their memberships."""

from dataclasses import dataclass, field

from aduan.accounts.models import Membership, Role


@dataclass(frozen=True)
class Scope:
    # Region codes a verifier covers; "" means the whole country.
    verifier_regions: tuple[str, ...] = ()
    # Agency tree paths ("/3/17/") where the user is an officer or a supervisor.
    officer_paths: tuple[str, ...] = ()
    supervisor_paths: tuple[str, ...] = ()
    oversight: bool = False
    clerk: bool = False
    admin: bool = False
    agency_ids: tuple[int, ...] = field(default=())

    @property
    def is_staff(self) -> bool:
        return bool(
            self.verifier_regions
            or self.officer_paths
            or self.supervisor_paths
            or self.oversight
            or self.admin
        )

    @property
    def sees_everything(self) -> bool:
        return self.admin or self.oversight or "" in self.verifier_regions

    @property
    def agency_paths(self) -> tuple[str, ...]:
        return self.officer_paths + self.supervisor_paths

    def verifies(self, region_code: str) -> bool:
        return any(
            r == "" or region_code == r or region_code.startswith(r + ".")
            for r in self.verifier_regions
        )

    def handles(self, agency_path: str, *, supervisor: bool = False) -> bool:
        paths = self.supervisor_paths if supervisor else self.agency_paths
        return any(agency_path.startswith(p) for p in paths)


EMPTY = Scope()


def scope_of(user) -> Scope:
    """The user's scope, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return EMPTY
    cached = getattr(user, "_aduan_scope", None)
    if cached is not None:
        return cached
    verifier, officer, supervisor, agencies = [], [], [], []
    oversight = clerk = False
    for m in Membership.objects.filter(user=user).select_related("agency"):
        if m.role == Role.VERIFIER:
            verifier.append(m.region_id or "")
        elif m.role in (Role.OFFICER, Role.SUPERVISOR) and m.agency and m.agency.is_active:
            (supervisor if m.role == Role.SUPERVISOR else officer).append(m.agency.path)
            agencies.append(m.agency_id)
        elif m.role == Role.OVERSIGHT:
            oversight = True
        elif m.role == Role.CLERK:
            clerk = True
    scope = Scope(
        verifier_regions=tuple(verifier),
        officer_paths=tuple(officer),
        supervisor_paths=tuple(supervisor),
        oversight=oversight,
        clerk=clerk,
        admin=user.is_superuser,
        agency_ids=tuple(agencies),
    )
    user._aduan_scope = scope
    return scope
