"""The router: complaint text + place → ranked agencies with calibrated probabilities.

Pipeline (fit):
1. normalise text (`text.normalise`), learn local-office templates (`places.LocalOffices`)
   and collapse local-office labels into abstract classes;
2. word 1-2 + char 3-5 TF-IDF features (`features.Features`);
3. an NB-SVM over agency types + abstract local classes: one linear SVM per class over the
   features scaled by their naive-Bayes log-count ratios for that class (Wang & Manning,
   2012), folded back into one linear map;
4. when the rows carry categories: a linear SVM over categories, from the word features,
   and for each category the share of its rows that went to each class;
5. time-ordered out-of-fold predictions inside the training data fit softmax temperatures
   (calibration) and the confidence threshold that reached the target precision.

Predict: softmax(margins / T), blended (`category_blend`) with the classes the predicted
categories imply when the router learned categories; abstract classes resolved to the
complaint's own office (their probability multiplied by how often that resolution was right
in training), top 3 kept; and the top 3 categories.
"""

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.svm import LinearSVC
from tqdm import tqdm

from .calibration import fit_temperature, softmax, threshold_for_precision
from .features import FeatureConfig, Features, config_from_json
from .places import LocalOffices
from .text import ABBREVIATIONS, as_written, normalise

Place = Mapping[str, str]

# Words that abbreviation expansion writes into normalised text.
_EXPANDED = frozenset(w for expansion in ABBREVIATIONS.values() for w in expansion.split())

# Margin given to classes a fold's model never saw, when its scores are laid over all classes.
_ABSENT_SCORE = -50.0


@dataclass(frozen=True)
class RouterConfig:
    """Training settings. Defaults were chosen by time-ordered validation on 2022 complaints
    only (train on earlier months, validate on later ones), never on the benchmark's test."""

    features: FeatureConfig = field(default_factory=FeatureConfig)
    # The agency NB-SVM's regularisation and the additive smoothing of its feature counts.
    C: float = 0.2
    nb_smoothing: float = 1.0
    # The category model's (a plain linear SVM over hundreds of categories).
    category_C: float = 0.5
    # liblinear's stopping tolerance (scikit-learn's default is 1e-4).
    tol: float = 1e-4
    # Out-of-fold scheme: the data (in time order) is cut at these fractions; fold k trains
    # on everything before cut k and predicts up to cut k+1. Forward-only folds meet drift
    # the way a deployed router does, so the threshold is not set on an optimistic estimate.
    fold_cuts: tuple[float, ...] = (0.5, 0.625, 0.75, 0.875, 1.0)
    target_precision: float = 0.95
    top_k: int = 3
    why_words: int = 5
    # The category model, trained when rows carry categories. liblinear tolerance for its
    # many classes: 1e-2 validated as accurate as 1e-4 at a third of the training time.
    category_tol: float = 1e-2
    # Each category keeps only its largest weights: 1,000 validated as accurate as all of
    # them, and keep the artifact and its load time small with hundreds of categories.
    category_weights_kept: int = 1000
    # Weight of the agencies that the predicted categories imply (how often each category
    # went to each agency in training) beside the agency model's own probabilities. 0.2
    # validated on 2022 quarters: top-1 unchanged, top-3 0.4 points lower, the share
    # routable at 95 % precision 2-5 points higher: two views that agree are surer.
    category_blend: float = 0.2
    # The auto threshold must also hold on the most recent out-of-fold fold when it has at
    # least this many rows (see `_calibrate`). Fewer cannot tell a model two points above
    # the target from one under it: at 500 the bound's half-width is about 1.3 points.
    recent_fold_min_rows: int = 500
    # At volume the most recent folds alone hold this many out-of-fold rows, plenty to set
    # the temperature and the threshold on: the earlier folds are not trained. (At 200,000
    # rows one fold of 25,000 is left: training took 28 % less CPU, bench/retrain.py.)
    calibration_rows: int = 20_000

    def to_json(self) -> dict[str, Any]:
        return {
            "features": self.features.to_json(),
            "C": self.C,
            "nb_smoothing": self.nb_smoothing,
            "category_C": self.category_C,
            "tol": self.tol,
            "fold_cuts": list(self.fold_cuts),
            "target_precision": self.target_precision,
            "top_k": self.top_k,
            "why_words": self.why_words,
            "category_tol": self.category_tol,
            "category_weights_kept": self.category_weights_kept,
            "category_blend": self.category_blend,
            "recent_fold_min_rows": self.recent_fold_min_rows,
            "calibration_rows": self.calibration_rows,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "RouterConfig":
        data = dict(data)
        data["features"] = FeatureConfig.from_json(data["features"])
        data["fold_cuts"] = tuple(data["fold_cuts"])
        data.setdefault("category_blend", 0.0)  # artifacts from before the blend
        config = config_from_json(cls, data)
        # Settings `fit` never writes that would put a confidence outside 0..1 (a blend
        # weight of 3 gave 2.33) or leave every prediction without a label.
        if not 0.0 <= config.category_blend <= 1.0:
            raise ValueError("category_blend must lie in 0..1")
        if not 0.0 < config.target_precision <= 1.0:
            raise ValueError("target_precision must lie in (0, 1]")
        if config.top_k < 1 or config.why_words < 0:
            raise ValueError("top_k must be at least 1 and why_words not negative")
        return config


@dataclass
class Prediction:
    """One routing decision.

    `label` is the most probable concrete agency (None only if no class could be resolved
    for this place), `confidence` its calibrated probability, `candidates` the top
    `top_k` (label, probability) best first (probabilities sum to at most 1: mass of local-office
    classes that cannot be resolved for this place is left out), `why` the words that pushed
    the top class most (as the complaint writes them), `auto` whether confidence reaches the
    router's auto threshold (never for a text with no word the model knows), and `categories`
    the top `top_k` (category, probability) when the router learned categories.
    """

    label: str | None
    confidence: float
    candidates: list[tuple[str, float]]
    why: list[str]
    auto: bool = False
    categories: list[tuple[str, float]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 6),
            "candidates": [{"label": lab, "p": round(p, 6)} for lab, p in self.candidates],
            "why": self.why,
            "auto": self.auto,
            "categories": [{"label": lab, "p": round(p, 6)} for lab, p in self.categories],
        }


@dataclass
class _Core:
    """Features + linear classifier over (possibly abstract) classes."""

    features: Features
    classes: list[str]
    coef: np.ndarray  # (n_classes, n_features) float32
    intercept: np.ndarray  # (n_classes,)

    def scores(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef.T) + self.intercept


@dataclass
class _Categories:
    """Categories predicted from the same features as the agency."""

    names: list[str]
    coef: sp.csr_matrix  # (n_categories, n_features), only each category's largest weights
    intercept: np.ndarray  # (n_categories,)
    temperature: float = 1.0
    # (n_categories, n_classes): the share of each category's training rows that went to
    # each class of the agency model; None in artifacts from before it.
    agencies: np.ndarray | None = None

    def scores(self, X) -> np.ndarray:
        return np.asarray((X @ self.coef.T).todense()) + self.intercept

    def top(self, probs: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """Each row's `k` most probable categories (name, probability), from `probs`."""
        best = np.argsort(-probs, axis=1, kind="stable")[:, :k]
        return [
            [(self.names[j], float(p[j])) for j in row] for row, p in zip(best, probs, strict=True)
        ]


def _largest_weights(coef: np.ndarray, keep: int) -> sp.csr_matrix:
    """`coef` with all but each row's `keep` largest absolute weights dropped, sparse. Row by
    row: hundreds of dense rows of all features at once would take gigabytes."""
    rows = []
    for row in coef:
        if len(row) > keep:
            cutoff = -np.partition(-np.abs(row), keep - 1)[keep - 1]
            row = np.where(np.abs(row) >= cutoff, row, 0.0)
        rows.append(sp.csr_matrix(row.astype(np.float32)))
    return sp.vstack(rows, format="csr")


def _train_categories(
    X, categories: Sequence[str], config: RouterConfig, words: int
) -> _Categories | None:
    """The category model over rows that have a category, or None with fewer than two.

    It reads only the word block (the first `words` columns). Hundreds of categories over
    the character n-grams as well took most of the whole router's training time; on 2022
    validation quarters words alone were 8-9 times faster to learn, at 0.5 points of top-3
    (1.2-1.6 of top-1) of the categories."""
    rows = [i for i, c in enumerate(categories) if c]
    names = sorted({categories[i] for i in rows})
    if len(names) < 2:
        return None
    svm = LinearSVC(C=config.category_C, tol=config.category_tol, random_state=0)
    svm.fit(X[rows][:, :words], [categories[i] for i in rows])
    coef, intercept = _symmetric(svm.coef_, svm.intercept_, len(names))
    del svm  # its dense weights are the largest object of the whole training
    weights = _largest_weights(coef, config.category_weights_kept)
    weights.resize((len(names), X.shape[1]))  # no weight on the other blocks
    return _Categories(names, weights, intercept.astype(np.float64))


def _category_agencies(
    names: Sequence[str], classes: Sequence[str], row_categories: Sequence[str], row_classes
) -> np.ndarray:
    """(category, class): the share of the category's training rows that went to the class,
    smoothed by a tenth of a row per class (one row implies its class strongly, not surely)."""
    category_index = {c: i for i, c in enumerate(names)}
    class_index = {c: i for i, c in enumerate(classes)}
    counts = np.full((len(names), len(classes)), 0.1)
    for category, cls in zip(row_categories, row_classes, strict=True):
        if category in category_index:
            counts[category_index[category], class_index[cls]] += 1
    return counts / counts.sum(axis=1, keepdims=True)


def _probabilities(
    scores: np.ndarray,
    temperature: float,
    categories: _Categories | None,
    category_scores: np.ndarray | None,
    blend: float,
) -> tuple[np.ndarray, np.ndarray | None]:
    """(probabilities over the classes, over the categories: None without categories) from
    the models' scores: the agency model's own, blended with those the predicted categories
    imply. Calibration and prediction both compute them here, so the threshold is set on
    what prediction gives."""
    probs = softmax(scores, temperature)
    if categories is None:
        return probs, None
    category_probs = softmax(category_scores, categories.temperature)
    if blend > 0 and categories.agencies is not None:
        probs = (1 - blend) * probs + blend * (category_probs @ categories.agencies)
    return probs, category_probs


def _symmetric(coef: np.ndarray, intercept: np.ndarray, n_classes: int):
    """A binary SVM has one score, for the second class; give each class its own."""
    if n_classes == 2:
        coef = np.vstack([-coef[0], coef[0]]) / 2
        intercept = np.array([-intercept[0], intercept[0]]) / 2
    return coef, intercept


def _nb_log_ratios(X, y: np.ndarray, n_classes: int, smoothing: float) -> np.ndarray:
    """(n_classes, n_features): for each class, log of how much more often (as a share of
    all feature occurrences, each feature counted once per row) a feature occurs in the
    class's rows than in the others'."""
    present = X.copy()
    present.data[:] = 1.0
    membership = sp.csr_matrix((np.ones(len(y)), (y, np.arange(len(y)))), shape=(n_classes, len(y)))
    inside = (membership @ present).toarray()
    outside = inside.sum(axis=0) - inside
    inside += smoothing
    outside += smoothing
    return np.log(inside / inside.sum(axis=1, keepdims=True)) - np.log(
        outside / outside.sum(axis=1, keepdims=True)
    )


def _train_core(
    features: Features, X, classes_of_rows: Sequence[str], config: RouterConfig
) -> _Core:
    """NB-SVM, one class against the rest: each class's SVM sees the features scaled by its
    own log-count ratios, so words typical of the class weigh more before the margin is
    learned. Chosen on 2022 validation quarters: top-1 +0.008, top-3 +0.011 and a share
    routable at 95 % precision 2.7 points higher than one plain multi-class linear SVM.
    Each class's weights times its ratios are one linear map again: prediction, the
    artifact and the explanation are as for a plain linear model."""
    classes = sorted(set(classes_of_rows))
    if len(classes) < 2:
        raise ValueError("training needs at least two distinct labels")
    X = X.tocsr().astype(np.float64, copy=False)  # no copy of what is already so
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[c] for c in classes_of_rows])
    ratios = _nb_log_ratios(X, y, len(classes), config.nb_smoothing)
    coef = np.empty((len(classes), X.shape[1]), dtype=np.float32)
    intercept = np.empty(len(classes))
    scaled = X.copy()
    for k in range(len(classes)):
        # Same sparsity pattern for every class: only the stored values are rescaled, in
        # place (two temporary arrays of every stored value would double the peak memory).
        np.take(ratios[k], X.indices, out=scaled.data)
        scaled.data *= X.data
        svm = LinearSVC(C=config.C, tol=config.tol, random_state=0).fit(scaled, y == k)
        coef[k] = svm.coef_[0] * ratios[k]
        intercept[k] = svm.intercept_[0]
    return _Core(features, classes, coef, intercept)


# What `_train_each` runs in its worker processes. Forked children inherit it with the
# features it closes over, which are therefore neither copied nor pickled.
_TRAINING: Callable[[int], tuple] | None = None


def _train_each(train: Callable[[int], tuple], ends: list[int], workers: int, done) -> dict:
    """`train(end)` for every end, in `workers` forked processes where the platform forks.

    Processes, not threads: liblinear draws its coordinate order from one random generator
    per process, so fits running in threads of one process interleave their draws and two
    trainings on the same data give different weights. Each process runs its fits one at a
    time, and every fit re-seeds the generator: the same data, the same model."""
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = {}
        for end in ends:
            results[end] = train(end)
            done()
        return results
    global _TRAINING
    _TRAINING = train
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            jobs = {pool.submit(_train_in_child, end): end for end in ends}
            for _ in as_completed(jobs):
                done()
            return {end: job.result() for job, end in jobs.items()}
    finally:
        _TRAINING = None


def _train_in_child(end: int) -> tuple:
    offices, core, categories = _TRAINING(end)
    if core is not None:
        core.features = None  # the parent has them: only the learned weights travel back
    return offices, core, categories


def _first_rows(X: sp.csr_matrix, end: int) -> sp.csr_matrix:
    """The first `end` rows of `X` as a view of its arrays. `X[:end]` copies them: with the
    final model and a fold training at once, two copies of nearly all the features."""
    rows = sp.csr_matrix((end, X.shape[1]), dtype=X.dtype)
    stored = X.indptr[end]
    rows.data, rows.indices, rows.indptr = X.data[:stored], X.indices[:stored], X.indptr[: end + 1]
    return rows


def _written_why(text: str, why: list[str]) -> list[str]:
    """`why` (words of the normalised text) as the writer wrote them: a verifier looks for
    "blm" in the complaint, not "belum". Only expansions differ, so most texts skip the
    work; two words from one abbreviation ("orang tua" from "ortu") are shown once. Place
    values ("kelurahan=jagir") are no words of the text and stay as they are."""
    if not _EXPANDED.intersection(why):
        return why
    written = as_written(text)
    return list(dict.fromkeys(written.get(word, word) for word in why))


def _ranks(
    probs: np.ndarray,
    classes: Sequence[str],
    offices: LocalOffices,
    places: Sequence[Place],
    top_k: int,
) -> list[list[tuple[str, float, int]]]:
    """Per row of class probabilities, the concrete candidates (label, probability, class
    index it mostly came from), best first."""
    # A few extra classes: abstract ones may fail to resolve or merge with another.
    best = np.argsort(-probs, axis=1, kind="stable")[:, : top_k + 3]
    out = []
    for row, order, place in zip(probs.tolist(), best.tolist(), places, strict=True):
        merged: dict[str, list] = {}
        for j in order:
            label, reliability = offices.resolve(classes[j], place)
            if label is None:
                continue
            p = row[j] * reliability
            if label in merged:
                merged[label][0] += p
            else:
                merged[label] = [p, j]
        ranked = sorted(merged.items(), key=lambda kv: (-kv[1][0], kv[0]))
        out.append([(label, p, j) for label, (p, j) in ranked[:top_k]])
    return out


@dataclass
class _Fold:
    """Out-of-fold predictions: models trained on earlier rows, scoring `rows`."""

    offices: LocalOffices
    core: _Core
    scores: np.ndarray
    rows: slice
    categories: _Categories | None = None
    category_scores: np.ndarray | None = None


def _shared_temperature(blocks: list[tuple[Sequence[str], np.ndarray, Sequence[str]]]) -> float:
    """One temperature for blocks of (class names, scores, true names): each fold learned its
    own classes, so the blocks are laid over one class list first.

    A row whose true class its own fold never learned is left out (truth -1), even when a
    later fold learned it: that column holds only the placeholder score, and counting it as
    the truth would drive the temperature up until every probability flattens.
    """
    names = sorted({c for classes, _, _ in blocks for c in classes})
    if not names:
        return 1.0
    index = {c: i for i, c in enumerate(names)}
    stacked, truth = [], []
    for classes, scores, truths in blocks:
        full = np.full((len(scores), len(names)), _ABSENT_SCORE)
        full[:, [index[c] for c in classes]] = scores
        stacked.append(full)
        learned = set(classes)
        truth.extend(index[t] if t in learned else -1 for t in truths)
    return fit_temperature(np.vstack(stacked), np.array(truth))


def _calibrate(
    folds: list[_Fold],
    places: Sequence[Place],
    labels: Sequence[str],
    config: RouterConfig,
) -> tuple[float, float, dict[str, Any]]:
    """(temperature, auto threshold, statistics) from out-of-fold scores.

    The temperature is fitted on the abstract classes; the threshold on the confidence of the
    concrete top label exactly as `Router.predict` computes it, against the concrete labels.
    """
    if not folds:
        return 1.0, float("inf"), {}
    temperature = _shared_temperature(
        [(f.core.classes, f.scores, [f.offices.abstract(y) for y in labels[f.rows]]) for f in folds]
    )
    confidence, correct = [], []
    for f in folds:
        probs, _ = _probabilities(
            f.scores, temperature, f.categories, f.category_scores, config.category_blend
        )
        ranks = _ranks(probs, f.core.classes, f.offices, places[f.rows], 1)
        for ranked, label in zip(ranks, labels[f.rows], strict=True):
            confidence.append(ranked[0][1] if ranked else 0.0)
            correct.append(bool(ranked) and ranked[0][0] == label)
    conf, hits = np.array(confidence), np.array(correct)
    target = config.target_precision
    threshold, _, _ = threshold_for_precision(conf, hits, target)
    # The threshold must also hold on the most recent fold alone: routing drifts, and that
    # fold is the one most like the complaints to come. (Validated on 2022's second half,
    # retraining monthly: without it, 45.2 % disposed at 93.7 % precision; with it, 33.4 % at
    # 95.8 %.) A small fold does not judge: a bad label or two would switch disposal off.
    recent = folds[-1].rows.stop - folds[-1].rows.start  # the folds are in time order
    if recent >= config.recent_fold_min_rows:
        on_recent, _, _ = threshold_for_precision(conf[-recent:], hits[-recent:], target)
        threshold = max(threshold, on_recent)
    auto = conf >= threshold
    stats = {
        "n": len(conf),
        "top1": float(hits.mean()),
        "auto_precision": float(hits[auto].mean()) if auto.any() else None,
        "auto_share": float(auto.mean()),
    }
    return temperature, threshold, stats


class Router:
    """Fit with `Router.fit`, then `predict`; persist with `save`/`load` (see artifact.py)."""

    def __init__(
        self,
        core: _Core,
        offices: LocalOffices,
        config: RouterConfig,
        temperature: float,
        auto_threshold: float,
        metadata: dict[str, Any],
        categories: _Categories | None = None,
    ):
        self._core = core
        self._offices = offices
        self._categories = categories
        self.config = config
        self.temperature = temperature
        self.auto_threshold = auto_threshold
        self.metadata = metadata

    @property
    def version(self) -> str:
        return str(self.metadata["version"])

    @property
    def target_precision(self) -> float:
        return self.config.target_precision

    @property
    def classes(self) -> list[str]:
        """Classes the classifier scores: agencies and abstract local-office classes."""
        return list(self._core.classes)

    @property
    def local_templates(self) -> list[str]:
        """Discovered local-office templates, e.g. `@local:Kelurahan {kelurahan}`."""
        return [t.name for t in self._offices.templates]

    @property
    def local_offices(self) -> dict[str, set[str]]:
        """Per local-office template, the labels it resolves the places seen in training to."""
        return {t.name: set(t.offices.values()) for t in self._offices.templates}

    @property
    def categories(self) -> list[str]:
        """Categories the router predicts (empty when it was trained without any)."""
        return list(self._categories.names) if self._categories else []

    # --- training -----------------------------------------------------------------------

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        places: Sequence[Place],
        labels: Sequence[str],
        *,
        times: Sequence[Any] | None = None,
        categories: Sequence[str | None] | None = None,
        config: RouterConfig | None = None,
        progress: bool = False,
        n_jobs: int | None = None,
    ) -> "Router":
        """Train a router.

        `places[i]` maps place column names to values for `texts[i]` (any columns, possibly
        empty dicts). Rows are taken to be in submission order unless `times` (sortable
        values, e.g. ISO strings or datetimes) is given; order matters only for the
        out-of-fold scheme that sets calibration and the auto threshold. `categories[i]`, when
        given, is the row's category (empty or None: unknown); the router then also predicts
        categories. `n_jobs` bounds the
        training processes (default: all cores); `progress` shows a tqdm bar on stderr.
        """
        config = config or RouterConfig()
        n = len(texts)
        if not (n == len(places) == len(labels)):
            raise ValueError("texts, places and labels must have the same length")
        if len(set(labels)) < 2:
            raise ValueError("training needs at least two distinct labels")
        if categories is None:
            categories = [""] * n
        if len(categories) != n:
            raise ValueError("categories must have the same length as texts")
        if times is not None:
            if len(times) != n:
                raise ValueError("times must have the same length as texts")
            order = sorted(range(n), key=lambda i: times[i])
            texts = [texts[i] for i in order]
            places = [places[i] for i in order]
            labels = [labels[i] for i in order]
            categories = [categories[i] for i in order]
        places = [{str(k): str(v or "") for k, v in p.items()} for p in places]
        labels = [str(label) for label in labels]
        categories = [str(c or "").strip() for c in categories]

        cuts = [int(round(f * n)) for f in config.fold_cuts]
        folds = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a and a >= 10]
        while len(folds) > 1 and sum(b - a for a, b in folds[1:]) >= config.calibration_rows:
            folds = folds[1:]
        bar = tqdm(total=len(folds) + 2, desc="router", disable=not progress, unit="step")

        normalised = [normalise(t) for t in texts]
        # The vocabulary and IDF are unsupervised; fitting them once on all training texts
        # (not per fold) saves most of the training time at no label leakage.
        features, X = Features.fit_transform(normalised, places, config.features)
        bar.update()

        # Categories are costly (hundreds of classes). Unless they are blended into the
        # agencies, only their temperature is fitted out of fold: the last fold is enough.
        category_ends = {n, folds[-1][0] if folds else n}
        if config.category_blend > 0:
            category_ends.update(start for start, _ in folds)

        def train(end: int) -> tuple[LocalOffices, _Core | None, _Categories | None]:
            offices = LocalOffices.fit(labels[:end], places[:end])
            abstract = [offices.abstract(label) for label in labels[:end]]
            if len(set(abstract)) < 2 and end < n:
                return offices, None, None  # a fold too small to learn from: skipped
            rows = _first_rows(X, end)
            core = _train_core(features, rows, abstract, config)
            if end not in category_ends:
                return offices, core, None
            words = len(features.word_vocabulary)
            category_model = _train_categories(rows, categories[:end], config, words)
            if category_model is not None:
                category_model.agencies = _category_agencies(
                    category_model.names, core.classes, categories[:end], abstract
                )
            return offices, core, category_model

        # The final model and the folds train at once, largest first so that the longest
        # job does not start last.
        ends = [n] + [start for start, _ in reversed(folds)]
        workers = max(1, min(n_jobs or os.cpu_count() or 1, len(ends)))
        trained = _train_each(train, ends, workers, bar.update)
        bar.close()
        offices, core, category_model = trained[n]
        assert core is not None
        core.features = features
        fold_models = {end: trained[end] for end in ends[1:]}
        for _, fold_core, _ in fold_models.values():
            if fold_core is not None:
                fold_core.features = features

        oof = []
        for start, end in folds:
            fold_offices, fold_core, fold_categories = fold_models[start]
            if fold_core is not None:
                rows = slice(start, end)
                oof.append(
                    _Fold(
                        fold_offices,
                        fold_core,
                        fold_core.scores(X[rows]),
                        rows,
                        fold_categories,
                        fold_categories.scores(X[rows]) if fold_categories else None,
                    )
                )
        if category_model is not None:
            category_model.temperature = _shared_temperature(
                [
                    (f.categories.names, f.category_scores, categories[f.rows])
                    for f in oof
                    if f.categories
                ]
            )
            for f in oof:
                if f.categories:
                    f.categories.temperature = category_model.temperature
        temperature, threshold, oof_stats = _calibrate(oof, places, labels, config)

        created = datetime.now(UTC)
        digest = hashlib.sha256()
        digest.update(json.dumps(core.classes).encode())
        digest.update(core.coef.tobytes())
        digest.update(core.intercept.tobytes())
        metadata = {
            "version": f"{created:%Y%m%dT%H%M%SZ}-{digest.hexdigest()[:10]}",
            "created": created.isoformat(timespec="seconds"),
            "n_train": n,
            "n_labels": len(set(labels)),
            "n_categories": len(category_model.names) if category_model else 0,
            "place_columns": sorted({c for p in places for c in p}),
            "temperature": temperature,
            "category_temperature": category_model.temperature if category_model else None,
            "auto_threshold": None if np.isinf(threshold) else threshold,
            "target_precision": config.target_precision,
            "out_of_fold": oof_stats,
        }
        return cls(core, offices, config, temperature, threshold, metadata, category_model)

    # --- prediction ---------------------------------------------------------------------

    def predict_scores(self, texts: Sequence[str], places: Sequence[Place]) -> np.ndarray:
        """Calibrated probabilities over `self.classes` (abstract classes unresolved)."""
        normalised = [normalise(t) for t in texts]
        return self._probabilities(self._core.features.transform(normalised, places))[0]

    def _probabilities(self, X) -> tuple[np.ndarray, np.ndarray | None]:
        categories = self._categories
        return _probabilities(
            self._core.scores(X),
            self.temperature,
            categories,
            categories.scores(X) if categories else None,
            self.config.category_blend,
        )

    def predict(
        self, texts: Sequence[str], places: Sequence[Place] | None = None, *, explain: bool = True
    ) -> list[Prediction]:
        """One `Prediction` per text, in input order. `places` may be omitted (no place)."""
        if places is None:
            places = [{} for _ in texts]
        if len(places) != len(texts):
            raise ValueError("texts and places must have the same length")
        places = [{str(k): str(v or "") for k, v in p.items()} for p in places]
        features = self._core.features
        reading = features.read([normalise(t) for t in texts])
        X = features.matrix(reading, places)
        probs, category_probs = self._probabilities(X)
        classes = self._core.classes
        ranks = _ranks(probs, classes, self._offices, places, self.config.top_k)
        whys = None
        if explain:
            # Each non-zero's contribution to the score of its row's top class, in one go.
            sources = np.array([r[0][2] if r else 0 for r in ranks])
            rows = np.repeat(sources, np.diff(X.indptr))
            contributions = X.data * self._core.coef[rows, X.indices]
            whys = features.top_words(reading, X, contributions, self.config.why_words)
            whys = [_written_why(t, why) for t, why in zip(texts, whys, strict=True)]
        top_categories = [[] for _ in texts]
        if self._categories is not None:
            top_categories = self._categories.top(category_probs, self.config.top_k)
        # A text with no word the model knows (empty, another language, only unseen words)
        # is scored by the class intercepts alone: whatever its confidence, it is a guess.
        read = np.diff(X.indptr) > 0
        out = []
        for i, ranked in enumerate(ranks):
            label, confidence, _ = ranked[0] if ranked else (None, 0.0, -1)
            why = whys[i] if whys and ranked else []
            out.append(
                Prediction(
                    label=label,
                    confidence=confidence,
                    candidates=[(lab, p) for lab, p, _ in ranked],
                    why=why,
                    auto=bool(read[i]) and confidence >= self.auto_threshold,
                    categories=top_categories[i],
                )
            )
        return out

    # --- persistence (implemented in artifact.py) ---------------------------------------

    def save(self, directory) -> None:
        from .artifact import save

        save(self, directory)

    @classmethod
    def load(cls, directory, *, warm: bool = True) -> "Router":
        from .artifact import load

        return load(directory, warm=warm)
