"""What people decided about the router's suggestions, kept on the suggestion itself.

The verifier's first disposal of a complaint is the label the router is measured against
(was it the first candidate, among the three?); the receiving agency's first decision on a
complaint the router disposed says whether that disposal was right (it kept the complaint:
accepted, delegated or answered it; or it sent it back or on). Both are written when they
happen, in the transaction of the action itself, so live accuracy and the disposal guard
are small indexed aggregates however many complaints the system holds.
"""

from aduan.complaints.models import Event
from aduan.triage.models import Suggestion, Verdict

KEPT = ("accept", "delegate", "answer")
BOUNCES = ("not_our_authority", "transfer")


def record(sender, *, complaint, event: Event, **kwargs) -> None:
    """`workflow.action_taken` receiver."""
    if event.action == "verify":
        _verified(complaint.pk, event)
    elif event.action in KEPT or event.action in BOUNCES:
        verdict = Verdict.KEPT if event.action in KEPT else Verdict.BOUNCED
        Suggestion.objects.filter(
            complaint_id=complaint.pk, auto_disposed=True, agency_verdict=""
        ).update(agency_verdict=verdict)


def _verified(complaint_id: int, event: Event) -> None:
    suggestion = (
        Suggestion.objects.filter(complaint_id=complaint_id, verified_at__isnull=True)
        .only("candidates")
        .first()
    )
    if suggestion is None:  # no suggestion, or not the first disposal
        return
    chosen = event.data.get("agency", "")
    Suggestion.objects.filter(pk=suggestion.pk).update(
        verified_agency=chosen,
        verified_rank=rank_of(chosen, suggestion.agency_codes),
        verified_at=event.at,
    )


def rank_of(chosen: str, candidates: list[str]) -> int:
    """1 for the first candidate, 2, 3; 0 when the router did not offer it."""
    return candidates.index(chosen) + 1 if chosen in candidates else 0
