"""The router in the product: suggest agencies for a new complaint, dispose the sure ones.

The model suggests, people decide, the system runs without it: with no current model (or an
artifact that fails its integrity check) every complaint simply waits for a verifier.

Labels are agency codes, except that a complaint handled by the office of its own kelurahan
or kecamatan is labelled "@village" / "@district": the router learns "this is for the local
office" once, and the product resolves it to the office of each complaint's place.
"""

import hashlib
import io
import logging
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.fields.json import KT
from django.utils import timezone

from aduan import router as ml
from aduan.complaints import redaction, workflow
from aduan.complaints.models import Complaint, Status
from aduan.core.errors import DomainError
from aduan.directory import routing
from aduan.directory.models import Agency, Category, Region, ancestor_codes
from aduan.router.artifact import MANIFEST, MEMBERS
from aduan.router.calibration import wilson_lower_bound
from aduan.triage.models import RouterModel, Suggestion, Verdict

log = logging.getLogger(__name__)

LOCAL_LABELS = {"@village": "village", "@district": "district"}
# The place columns `places_of` gives a model; one trained on others never sees its places.
PLACE_COLUMNS = ("provinsi", "kabupaten", "kecamatan", "kelurahan")
# How often the routing worker looks for a newly promoted model: one indexed query.
_RECHECK_SECONDS = 5.0
# After a model failed to load (storage unreachable, say), when to try it again.
_RETRY_SECONDS = 60.0
_cache: dict = {"next_check": 0.0, "version": None, "router": None}


def complaint_text(c: Complaint) -> str:
    return f"{c.title}\n{c.body}"


def places_of(region_codes: Iterable[str]) -> dict[str, dict[str, str]]:
    """For each region (by code), the names of the province, regency, district and village
    it lies in; in one query."""
    ancestry = {code: ancestor_codes(code) for code in region_codes}
    rows = Region.objects.filter(code__in={a for codes in ancestry.values() for a in codes})
    named = {code: (level, name) for code, level, name in rows.values_list("code", "level", "name")}
    keys = dict(enumerate(PLACE_COLUMNS, start=1))
    return {
        code: {keys[named[a][0]]: named[a][1] for a in codes if a in named}
        for code, codes in ancestry.items()
    }


def labels_for(handled: Sequence[tuple[Agency, str]]) -> list[str]:
    """The training label of each agency handling a complaint located in the region (by
    code) beside it: one query per local-office kind."""
    offices = {
        kind: routing.local_offices({code for agency, code in handled if agency.kind == kind}, kind)
        for kind in LOCAL_LABELS.values()
    }
    label_of = {kind: label for label, kind in LOCAL_LABELS.items()}
    return [
        label_of[agency.kind]
        if agency.kind in offices and offices[agency.kind][code] == agency
        else agency.code
        for agency, code in handled
    ]


# -- the current model ------------------------------------------------------------------


def current_router(*, routing: bool = False) -> ml.Router | None:
    """The promoted router, loaded once per process and re-checked every few seconds; one
    that failed to load is tried again a minute later. The routing worker (`routing`) keeps
    on the model's row whether it could load it, for the pages: what a command run once
    could not load says nothing about the routing."""
    if time.monotonic() < _cache["next_check"]:
        return _cache["router"]
    row = RouterModel.objects.filter(is_current=True).first()
    wait = _RECHECK_SECONDS
    if row is None:
        _cache.update(version=None, router=None)
    elif row.version != _cache["version"]:
        router = _load(row, report=routing)
        # A failure is not remembered as the model's verdict: the next try loads it again.
        _cache.update(version=row.version if router else None, router=router)
        wait = _RECHECK_SECONDS if router else _RETRY_SECONDS
    _cache["next_check"] = time.monotonic() + wait
    return _cache["router"]


def forget() -> None:
    """Drop what this process holds of the current model and its disposal record."""
    _cache.update(next_check=0.0, version=None, router=None)
    _guard.update(version=None, checked=0.0, guard=None)


def _local_dir(version: str) -> Path:
    return Path(settings.VAR_DIR) / "router" / version


# How loading a stored model fails: a damaged or foreign archive, or storage out of reach.
LOAD_ERRORS = (ml.ArtifactError, OSError, zipfile.BadZipFile, ValueError)


def _load(row: RouterModel, *, report: bool) -> ml.Router | None:
    try:
        router = load_stored(row)
    except LOAD_ERRORS as exc:
        # Manual triage goes on; the operator sees why in the log, people on the pages.
        log.error("router model %s not loaded: %s", row.version, exc)
        if report:
            _note_load_error(row, str(exc) or type(exc).__name__)
        return None
    if report:
        _note_load_error(row, "")
    return router


def load_stored(row: RouterModel) -> ml.Router:
    """The stored model `row`, from its unpacked copy when that copy is the stored archive's
    (its manifest, which names every file's digest, the same), else unpacked afresh. Raises
    when the archive is damaged or holds another version: the copy on one machine's disk
    must never stand in for the model everyone agreed on."""
    with row.artifact.open("rb") as f:
        data = f.read()
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise ml.ArtifactError("stored archive does not match its digest")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = archive.read(MANIFEST)
    directory = _local_dir(row.version)
    router = None
    if directory.exists():
        try:
            if (directory / MANIFEST).read_bytes() != manifest:
                raise ml.ArtifactError("it is not the stored archive's")
            router = ml.load(directory)
        except (ml.ArtifactError, OSError) as exc:
            # The stored archive is the model; this is only its unpacked copy.
            log.warning("router model %s: unpacking again, copy unusable: %s", row.version, exc)
            shutil.rmtree(directory, ignore_errors=True)
    if router is None:
        _unpack(data, directory)
        router = ml.load(directory)
    if router.version != row.version:
        raise ml.ArtifactError(f"the archive holds version {router.version}")
    return router


def _note_load_error(row: RouterModel, error: str) -> None:
    """Keep on the row why it could not be loaded (empty once it could): the pages tell
    verifiers that everything waits for them, without loading the model themselves."""
    error = error[:300]  # the column's length
    if row.load_error != error:
        RouterModel.objects.filter(pk=row.pk).update(load_error=error)
        row.load_error = error


def _unpack(data: bytes, directory: Path) -> None:
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=directory.parent))
    # mkdtemp makes it private to whoever unpacks first (an operator's command, say); the
    # web server's user must read it too, and never unpacks a directory that exists.
    staging.chmod(0o755)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if "/" in name or name.startswith("."):  # flat artifacts only: no path tricks
                raise ml.ArtifactError(f"unexpected member {name!r}")
            (staging / name).write_bytes(archive.read(name))
    try:
        staging.rename(directory)
    except OSError:  # another process unpacked it first
        shutil.rmtree(staging, ignore_errors=True)


class NotForThisSystem(ValueError):
    """A sound artifact whose labels or places this system cannot use."""


def mismatches(router: ml.Router) -> list[str]:
    """Why `router` cannot route this system's complaints (empty when it can): its labels
    must be agency codes of the directory or the local-office labels, its places the
    columns `places_of` gives. A model trained on a CSV that names offices ("Kelurahan
    Jagir") or places its own way would otherwise suggest agencies that never resolve.

    A local-office template the router found over agency codes is this system's own way
    of naming (health centres coded "pkm-wonokromo", "pkm-gubeng": "pkm-{kecamatan}"): it
    resolves each place seen in training to an agency; an unseen place renders a code that
    resolves to none, and that candidate is left out."""
    problems = []
    labels = {c for c in router.classes if not c.startswith("@local:")} - set(LOCAL_LABELS)
    templates = router.local_offices
    offices = set().union(*templates.values())
    known = set(Agency.objects.filter(code__in=labels | offices).values_list("code", flat=True))
    if named := [t.removeprefix("@local:") for t, codes in templates.items() if codes - known]:
        problems.append(
            f"it names local offices by place ({', '.join(named)}); this system labels them "
            + " / ".join(LOCAL_LABELS)
        )
    if unknown := sorted(labels - known):
        problems.append(
            f"{len(unknown)} labels are not agency codes here: " + ", ".join(unknown[:5])
        )
    columns = set(router.metadata.get("place_columns") or ())
    if foreign := sorted(columns - set(PLACE_COLUMNS)):
        problems.append(
            "place columns " + ", ".join(foreign) + " are not " + ", ".join(PLACE_COLUMNS)
        )
    return problems


def store(directory: Path, *, training_size: int, metrics: dict) -> RouterModel:
    """Keep a trained artifact directory as a RouterModel (not yet current). An artifact
    stored before (the same version: rolling back to it) gives its existing row."""
    router = ml.load(directory)  # refuses anything that is not a sound artifact
    if problems := mismatches(router):
        raise NotForThisSystem("; ".join(problems))
    if existing := RouterModel.objects.filter(version=router.version).first():
        return _the_same(existing, directory)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in MEMBERS:  # only the artifact: _unpack refuses any other member
            archive.write(Path(directory) / name, name)
    data = buffer.getvalue()
    row = RouterModel(
        version=router.version,
        sha256=hashlib.sha256(data).hexdigest(),
        trained_at=timezone.now(),
        training_size=training_size,
        # The guard's target, for pages that show it without loading the model.
        metrics=metrics | {"target_precision": router.target_precision},
    )
    row.artifact.save(f"{router.version}.zip", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # stored meanwhile (one deploy script per web machine, say)
        row.artifact.delete(save=False)
        return _the_same(RouterModel.objects.get(version=router.version), directory)
    return row


def _the_same(existing: RouterModel, directory: Path) -> RouterModel:
    """`existing`, when it holds the artifact in `directory`: the version names the
    weights only, so the manifests must match."""
    with existing.artifact.open("rb") as f, zipfile.ZipFile(f) as archive:
        stored = archive.read(MANIFEST)
    if stored != (Path(directory) / MANIFEST).read_bytes():
        raise ml.ArtifactError(f"another artifact of version {existing.version} is stored")
    return existing


class CurrentChanged(Exception):
    """Another model became current while a new one was judged against the old one."""


ANY = object()


def promote(row: RouterModel, *, replacing: str | None | object = ANY) -> None:
    """Make `row` the current model. With `replacing` (the version a retrained model was
    judged against; None for none), only while that one is still current: a rollback or
    another retrain promoted in the meantime wins, and this raises `CurrentChanged`."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                # Waits for a promotion under way; then sees what it made current.
                current = RouterModel.objects.select_for_update().filter(is_current=True)
                version = current.values_list("version", flat=True).first()
                if replacing is not ANY and version != replacing:
                    raise CurrentChanged(
                        f"another promotion replaced {replacing or 'no model'} meanwhile"
                    )
                RouterModel.objects.filter(is_current=True).update(is_current=False)
                row.is_current = True
                row.promoted_at = timezone.now()
                row.save(update_fields=["is_current", "promoted_at"])
            break
        except IntegrityError:
            # Two first promotions at once (no current row to wait on): the other one won
            # the unique current slot. Look again.
            if attempt == 2:
                raise
    forget()


# -- the auto-disposal guard ---------------------------------------------------------------

# A model stops disposing once its own record shows it below the target precision: among its
# most recent disposals the receiving agency has decided on (at least GUARD_MIN_JUDGED of
# them, at most GUARD_WINDOW), even the upper confidence bound (one-sided 95 %) of the share
# it kept is under the target. Out-of-fold thresholds held the target on most 2022
# validation quarters but not all (one gave 91.8 %): routing drifts, and this catches it in
# service. A retrained model starts with a clean record.
#
# The same rule holds per receiving agency, over all the model's decided disposals to it: a
# model can be right overall and keep missing for one agency (on the 2023 test months,
# 96.6 % of all automatic disposals were right but 89.9 % of those to the social affairs
# office). That agency then only gets suggestions, until a retrained model is promoted;
# the others go on. (Not a window of recent disposals: a suspended agency receives no new
# ones, and the others' would soon push its record out and lift the suspension.)
#
# Village and district offices are hundreds of agencies that each receive few disposals: one
# office rarely gathers the evidence alone. Their disposals also count together, per kind
# (the model's "@village" or "@district" class), and the rule holds for the kind as well.
GUARD_MIN_JUDGED = 50
GUARD_WINDOW = 500
_GUARD_Z = 1.645


@dataclass
class DisposalRecord:
    judged: int  # disposals the receiving agency has decided on
    bounced: int  # of those, sent back or on
    target: float

    @property
    def precision(self) -> float | None:
        return (self.judged - self.bounced) / self.judged if self.judged else None

    @property
    def below_target(self) -> bool:
        """Even the upper confidence bound of the share kept is under the target."""
        if not self.judged:
            return False
        errors = wilson_lower_bound(self.bounced, self.judged, _GUARD_Z)
        return 1 - float(errors) < self.target

    @property
    def suspended(self) -> bool:
        return self.judged >= GUARD_MIN_JUDGED and self.below_target


@dataclass
class DisposalGuard:
    """A model's record as a whole, per receiving agency (agency code → record), and per kind
    of local office (agency kind → the record of all offices of that kind)."""

    model: DisposalRecord
    agencies: dict[str, DisposalRecord]
    local_kinds: dict[str, DisposalRecord]

    @property
    def suspended_agencies(self) -> list[str]:
        return sorted(code for code, record in self.agencies.items() if record.suspended)

    @property
    def suspended_local_kinds(self) -> list[str]:
        return sorted(kind for kind, record in self.local_kinds.items() if record.suspended)

    def allows(self, agency: Agency) -> bool:
        records = (self.model, self.agencies.get(agency.code), self.local_kinds.get(agency.kind))
        return not any(record and record.suspended for record in records)


_GUARD_SECONDS = 60.0
_guard: dict = {"version": None, "checked": 0.0, "guard": None}


def current_guard(router: ml.Router) -> DisposalGuard | None:
    """What `router` may dispose now, or None when settings leave disposal to people (the
    record is re-read at most once a minute)."""
    if not settings.ADUAN_ROUTER_AUTO_DISPOSE:
        return None
    stale = time.monotonic() - _guard["checked"] > _GUARD_SECONDS
    if stale or _guard["version"] != router.version:
        guard = disposal_guard(router)
        _guard.update(version=router.version, checked=time.monotonic(), guard=guard)
        if guard.model.suspended:
            log.warning(
                "router %s: automatic disposal suspended, agencies sent back %d of its last %d "
                "disposals they decided on",
                router.version,
                guard.model.bounced,
                guard.model.judged,
            )
        elif guard.suspended_agencies or guard.suspended_local_kinds:
            log.warning(
                "router %s: automatic disposal suspended to %s, which sent too many back",
                router.version,
                ", ".join(
                    guard.suspended_agencies
                    + [f"every {kind} office" for kind in guard.suspended_local_kinds]
                ),
            )
    return _guard["guard"]


def disposal_guard(router: ml.Router) -> DisposalGuard:
    """How the model's automatic disposals fared with their agencies: its most recent ones
    overall, and all of them per agency. Disposals no agency has decided on yet do not
    count either way."""
    return guard_of(router.version, router.target_precision)


def stored_guard() -> DisposalGuard | None:
    """The current model's guard, from its stored row (no model loaded: for pages), or None
    when no model is current or settings leave disposal to people."""
    row = RouterModel.objects.filter(is_current=True).only("version", "metrics").first()
    if row is None or not settings.ADUAN_ROUTER_AUTO_DISPOSE:
        return None
    target = row.metrics.get("target_precision", ml.RouterConfig().target_precision)
    return guard_of(row.version, target)


def guard_of(version: str, target: float) -> DisposalGuard:
    decided = Suggestion.objects.filter(model_version=version, auto_disposed=True).exclude(
        agency_verdict=""
    )
    recent = list(
        decided.order_by("-created_at").values_list("agency_verdict", flat=True)[:GUARD_WINDOW]
    )
    model = DisposalRecord(len(recent), recent.count(Verdict.BOUNCED), target)
    # The agency disposed to is the first candidate (`_store` never disposes to another).
    per_agency = (
        decided.values(agency=KT("candidates__0__agency"))
        .annotate(
            judged=Count("created_at"),
            bounced=Count("created_at", filter=Q(agency_verdict=Verdict.BOUNCED)),
        )
        .order_by()
    )
    agencies = {
        row["agency"]: DisposalRecord(row["judged"], row["bounced"], target) for row in per_agency
    }
    local_kinds: dict[str, DisposalRecord] = {}
    offices = Agency.objects.filter(code__in=agencies, kind__in=LOCAL_LABELS.values())
    for code, kind in offices.values_list("code", "kind"):
        counted = local_kinds.setdefault(kind, DisposalRecord(0, 0, target))
        counted.judged += agencies[code].judged
        counted.bounced += agencies[code].bounced
    return DisposalGuard(model, agencies, local_kinds)


# -- suggesting and disposing -------------------------------------------------------------

# A complaint about extortion, bribes or corruption accuses someone, often the very office
# whose work it names (the kelurahan clerk who asked for money): sent there automatically it
# lands on the desk of the accused. A verifier decides where it goes (the inspectorate, Saber
# Pungli); the router only suggests. Word stems as citizens write them.
_ACCUSATION = re.compile(
    # Stems with the prefixes and suffixes citizens put on them ("dipungli", "pungli2",
    # "disogok", "dikorupsi", "sogokannya"), so no boundary after them.
    r"\b(?:di|ke|ter|me|meny|nyo|kena\s+)?(?:pungli|pungutan\s+liar|suap|sogok|korup|"
    r"gratifikasi|pelicin)"
    r"|\b(?:pemerasan|memeras|diperas)"
    r"|\b(?:di)?minta(?:i)?\s+(?:uang|duit|imbalan|bayar)"
    r"|\buang\s+(?:rokok|kopi|administrasi\s+tidak\s+resmi)",
    re.IGNORECASE,
)


def accuses_staff(text: str) -> bool:
    """Whether `text` reports extortion, bribery or corruption (never disposed by the
    router)."""
    return _ACCUSATION.search(text) is not None


@dataclass
class Routed:
    suggestion: Suggestion
    disposed_to: Agency | None


def route(
    complaints: list[Complaint], router: ml.Router, *, at: datetime | None = None
) -> list[Routed]:
    """Suggest agencies for complaints waiting for the router (regions selected), predicted
    in one batch, and dispose each one the router is sure of (confidence at or above the
    threshold that held the target precision in training) unless the model's record, or its
    record with that agency, has suspended that (`DisposalGuard`). Returns what was routed:
    a complaint someone acted on in the meantime, or one already routed, is left alone."""
    guard = current_guard(router)
    places = places_of({c.region_id for c in complaints})
    predictions = router.predict(
        [complaint_text(c) for c in complaints], [places[c.region_id] for c in complaints]
    )
    lookups = _Lookups(predictions, {c.region_id for c in complaints})
    routed = []
    for c, prediction in zip(complaints, predictions, strict=True):
        done = _store(c, prediction, router, guard, lookups, at or timezone.now())
        if done is not None:
            routed.append(done)
    return routed


def _still_current(router: ml.Router) -> bool:
    """Whether `router` is still the promoted model (a batch can outlast a rollback)."""
    return RouterModel.objects.filter(version=router.version, is_current=True).exists()


class _Lookups:
    """The agencies and categories a batch's predictions name, read once per batch: a few
    queries however many complaints and places the batch has."""

    def __init__(self, predictions: list[ml.Prediction], region_codes: set[str]):
        labels = {label for p in predictions for label, _ in p.candidates}
        named = Agency.objects.filter(code__in=labels - set(LOCAL_LABELS), is_active=True)
        self.agencies = {a.code: a for a in named}
        self.local = {
            (label, code): office
            for label in labels & set(LOCAL_LABELS)
            for code, office in routing.local_offices(region_codes, LOCAL_LABELS[label]).items()
        }
        codes = {code for p in predictions for code, _ in p.categories}
        self.categories = {
            c.code: c for c in Category.objects.filter(code__in=codes, is_active=True)
        }

    def agency(self, label: str, region: Region) -> Agency | None:
        if label not in LOCAL_LABELS:
            return self.agencies.get(label)
        return self.local[(label, region.code)]


def _store(
    c: Complaint,
    prediction: ml.Prediction,
    router: ml.Router,
    guard: DisposalGuard | None,
    lookups: _Lookups,
    at: datetime,
):
    resolved = [(lookups.agency(label, c.region), p) for label, p in prediction.candidates]
    candidates, agencies = [], []
    for agency, p in resolved:
        if agency is not None and agency not in agencies:
            agencies.append(agency)
            candidates.append({"agency": agency.code, "p": round(float(p), 4)})
    top = resolved[0][0] if resolved else None
    # Only the label the confidence belongs to may be disposed to, never a runner-up; and
    # when it no longer resolves (its agency closed), the stored confidence is the first
    # stored candidate's own, not the lost label's.
    sure_of = top if prediction.auto and not accuses_staff(complaint_text(c)) else None
    confidence = float(prediction.confidence) if top else (candidates or [{"p": 0.0}])[0]["p"]
    if sure_of is not None and not (guard and guard.allows(sure_of)):
        sure_of = None
    # A category retired since training is no longer offered.
    categories = [
        {"category": code, "p": round(float(p), 4)}
        for code, p in prediction.categories
        if code in lookups.categories
    ]
    # What it disposes gets the category too when the router is as sure of that as it must
    # be to dispose: the category sets the legal deadlines (60 days with a field
    # examination) and the routing rules, and no verifier will come to set it.
    category = None
    if categories and categories[0]["p"] >= router.auto_threshold and c.category_id is None:
        category = lookups.categories[categories[0]["category"]]
    disposed_to = None
    if sure_of is not None and not c.public_title:
        # A disposal publishes the masked text: masked now, not under the row lock below.
        c.public_title, c.public_body = redaction.masked(c)
    # One write transaction for the disposal and the suggestion: on SQLite every extra one
    # is another turn in the single writers' queue.
    with transaction.atomic():
        waiting = Complaint.objects.select_for_update().filter(
            pk=c.pk, status=Status.SUBMITTED, needs_routing=True
        )
        if not waiting.exists():
            return None
        if sure_of is not None and not _still_current(router):
            sure_of = None  # rolled back mid-batch: its suggestion stands, a verifier decides
        if sure_of is not None:
            try:
                workflow.apply(
                    c,
                    "auto_dispose",
                    actor=workflow.Actor.router(router.version),
                    agency=sure_of,
                    category=category,
                    confidence=float(prediction.confidence),
                    at=at,
                )
            except DomainError as exc:
                # E.g. the agency stopped taking complaints: a verifier decides. Logged, as
                # a cause that refuses every disposal must not go unseen.
                log.warning("complaint %s not disposed to %s: %s", c.pk, sure_of.code, exc)
            else:
                disposed_to = sure_of
        # Only intake marks a complaint for routing, once: it has no suggestion yet.
        suggestion = Suggestion.objects.create(
            complaint=c,
            model_version=router.version,
            candidates=candidates,
            confidence=confidence,
            why=list(prediction.why),
            categories=categories,
            created_at=at,
            auto_disposed=disposed_to is not None,
        )
        Complaint.objects.filter(pk=c.pk).update(needs_routing=False)
    return Routed(suggestion=suggestion, disposed_to=disposed_to)
