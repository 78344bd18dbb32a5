"""What people decided about the router's suggestions, kept on the suggestion itself.

The verifier's first disposal of a complaint is the label the router is measured against
(was it the first candidate, among the three?); the receiving agency's first decision on a
complaint the router disposed says whether that disposal was right (it kept the complaint:
accepted, delegated or answered it; or it sent it back or on). Both are written when they
happen, in the transaction of the action itself, so live accuracy and the disposal guard
count indexed rows instead of replaying the event history.
"""

from django.db.models import Exists

from aduan.complaints.models import Event
from aduan.directory.models import Agency, path_ids
from aduan.triage.models import Suggestion, Verdict

KEPT = ("accept", "delegate", "answer")
BOUNCES = ("not_our_authority", "transfer")


def record(sender, *, complaint, event: Event, **kwargs) -> None:
    """`workflow.action_taken` receiver. One query for most actions: whether this is the
    first decision of its kind is part of the query that finds the suggestion to mark."""
    suggestion = Suggestion.objects.filter(complaint_id=complaint.pk)
    if event.action == "verify":
        first = suggestion.filter(~_earlier(event, ("verify",)), verified_at__isnull=True)
        found = first.only("candidates").first()
        if found is not None:
            first.update(
                verified_agency=event.data.get("agency", ""),
                verified_rank=rank_of(_chosen_with_ancestors(event), found.agency_codes),
                verified_at=event.at,
            )
    elif event.action in KEPT + BOUNCES:
        verdict = Verdict.KEPT if event.action in KEPT else Verdict.BOUNCED
        suggestion.filter(
            ~_earlier(event, KEPT + BOUNCES), auto_disposed=True, agency_verdict=""
        ).update(agency_verdict=verdict)


def _earlier(event: Event, actions: tuple[str, ...]) -> Exists:
    """Whether the complaint had one of `actions` before `event`. Asked of the events, not of
    the empty fields: a decision recorded while nothing listened (a server of an older
    release, during a deploy) must leave a gap, not let the next decision pass for the
    first."""
    return Exists(
        Event.objects.filter(complaint_id=event.complaint_id, action__in=actions).exclude(
            pk=event.pk
        )
    )


def _chosen_with_ancestors(event: Event) -> set[str]:
    """The agency a verify event chose and, when that is a unit, the agency it is a unit
    of: the router names the agency ("dpu-sby"), the verifier may pick the unit that will
    act ("dpu-sby-jalan"), and that is the router right. Not the levels above the agency:
    "the city government" is no right answer for every office of the city."""
    agency = event.agency
    if agency is None:
        return {event.data.get("agency", "")}
    ids = path_ids(agency.path)
    chain = {pk: (code, kind) for pk, code, kind in
             Agency.objects.filter(pk__in=ids).values_list("pk", "code", "kind")}  # fmt: skip
    chosen = set()
    for pk in reversed(ids):  # from the chosen agency up
        code, kind = chain[pk]
        chosen.add(code)
        if kind != Agency.Kind.DIVISION:
            break
    return chosen


def rank_of(chosen: set[str], candidates: list[str]) -> int:
    """1 when the first candidate is (or holds) the chosen agency, 2, 3; 0 when none does."""
    return next((i for i, code in enumerate(candidates, start=1) if code in chosen), 0)
