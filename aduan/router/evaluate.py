"""Offline evaluation of a router on labelled complaints."""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import f1_score

from .model import Router


def routing_metrics(
    labels: Sequence[str], candidates: Sequence[Sequence[str]], auto: Sequence[bool]
) -> dict[str, Any]:
    """Top-1/top-3 accuracy, macro-F1 and the share routed automatically (`auto[i]`: row i
    would be) with its precision.

    `candidates[i]` is the ranked label list for row i (may be empty: counts as wrong).
    Macro-F1 averages over every label present in the truth or the predictions, so labels
    the model never saw count as errors, not as absent.
    """
    gold = list(labels)
    top1 = [c[0] if c else "" for c in candidates]
    hit1 = np.array([p == g for p, g in zip(top1, gold, strict=True)])
    hit3 = np.array([g in c[:3] for g, c in zip(gold, candidates, strict=True)])
    auto = np.asarray(auto, dtype=bool)
    return {
        "n": len(gold),
        "top1": float(hit1.mean()) if len(gold) else float("nan"),
        "top3": float(hit3.mean()) if len(gold) else float("nan"),
        "macro_f1": float(f1_score(gold, top1, average="macro", zero_division=0)),
        "auto_share": float(auto.mean()) if len(gold) else 0.0,
        "auto_precision": float(hit1[auto].mean()) if auto.any() else None,
    }


def oracle_auto_share(confidence: Sequence[float], correct: Sequence[bool], target: float) -> float:
    """Largest share routable at >= `target` precision if the threshold were chosen on this
    very data (an upper bound for comparison, not an achievable figure)."""
    conf = np.asarray(confidence, dtype=float)
    hits = np.asarray(correct, dtype=float)
    order = np.argsort(-conf, kind="stable")
    sorted_conf = conf[order]
    precision = np.cumsum(hits[order]) / np.arange(1, len(conf) + 1)
    last_of_tie = np.r_[sorted_conf[1:] != sorted_conf[:-1], True]
    ok = np.where((precision >= target) & last_of_tie)[0]
    return float((ok.max() + 1) / len(conf)) if len(ok) else 0.0


def category_metrics(
    categories: Sequence[str], predicted: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """Top-1/top-3 of the ranked categories `predicted[i]` against `categories[i]`, over the
    rows that have a category (a blank one is no label, not an error)."""
    pairs = [(g, p) for g, p in zip(categories, predicted, strict=True) if g]
    n = len(pairs)
    return {
        "category_n": n,
        "category_top1": sum(p[:1] == [g] for g, p in pairs) / n if n else None,
        "category_top3": sum(g in p[:3] for g, p in pairs) / n if n else None,
    }


def evaluate(
    router: Router,
    texts: Sequence[str],
    places: Sequence[Mapping[str, str]],
    labels: Sequence[str],
    categories: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Metrics of `router` on labelled data, auto-routing at the router's stored threshold.

    Returns n, top1, top3, macro_f1, auto_share (the share the router would route itself:
    confidence at or above the stored threshold, and a word it knows), auto_precision
    (top-1 precision among those; None if none), target_precision, auto_threshold,
    oracle_auto_share (the share reachable if the threshold were tuned on this data, for
    comparison only) and the model version; with `categories` (one per row, blank for none)
    also category_n, category_top1 and category_top3.
    """
    predictions = router.predict(texts, places, explain=False)
    candidates = [[label for label, _ in p.candidates] for p in predictions]
    confidence = [p.confidence for p in predictions]
    result = routing_metrics(labels, candidates, [p.auto for p in predictions])
    correct = [bool(c) and c[0] == g for c, g in zip(candidates, labels, strict=True)]
    result.update(
        target_precision=router.target_precision,
        auto_threshold=None if np.isinf(router.auto_threshold) else router.auto_threshold,
        oracle_auto_share=oracle_auto_share(confidence, correct, router.target_precision),
        version=router.version,
    )
    if categories is not None:
        ranked = [[c for c, _ in p.categories] for p in predictions]
        result.update(category_metrics([c.strip() for c in categories], ranked))
    return result
