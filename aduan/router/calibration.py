"""Turning classifier margins into probabilities and choosing the auto-routing threshold.

Both are fitted on out-of-fold predictions inside the training data only, so the stored
numbers never see the data a router is later evaluated on.
"""

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax

# The lowest automatic-disposal threshold: a label the model itself gives less than even odds
# is not sure, however well small or templated training data went.
MIN_AUTO_CONFIDENCE = 0.5


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise softmax of `scores / temperature`."""
    return np.exp(log_softmax(scores / temperature, axis=1))


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of the true class.

    `truth[i]` is the column of the true class, or -1 when the true class is not among the
    columns (a label unseen in the fold's training part): such rows count with probability 0
    of being right, which the NLL cannot express, so they are left out here.
    """
    known = truth >= 0
    s, t = scores[known], truth[known]
    if len(t) == 0:
        return 1.0

    def nll(log_temp: float) -> float:
        logp = log_softmax(s / np.exp(log_temp), axis=1)
        return float(-logp[np.arange(len(t)), t].mean())

    best = minimize_scalar(nll, bounds=(np.log(1e-3), np.log(1e2)), method="bounded")
    return float(np.exp(best.x))


def wilson_lower_bound(hits: np.ndarray, n: np.ndarray, z: float) -> np.ndarray:
    """One-sided lower confidence bound of a binomial proportion (Wilson score interval)."""
    p = hits / n
    centre = p + z * z / (2 * n)
    spread = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def threshold_for_precision(
    confidence: np.ndarray,
    correct: np.ndarray,
    target: float,
    *,
    z: float = 1.645,
    min_support: int = 20,
    min_confidence: float = MIN_AUTO_CONFIDENCE,
) -> tuple[float, float, float]:
    """(threshold, precision, share): the lowest confidence threshold at which the
    predictions at or above it are right at least `target` of the time, with confidence.

    "With confidence": the one-sided Wilson lower bound (z=1.645: 95 %) of the precision must
    reach the target, not the point estimate. Out-of-fold predictions are still a little
    optimistic about the future (routing drifts), and the bound keeps a few hundred lucky
    rows from setting a threshold that later misses the target. Only prefixes (by descending
    confidence) of at least `min_support` predictions count, and never a threshold under
    `min_confidence` (a demo's templated data reaches 100 % at any threshold).
    Returns (inf, nan, 0.0) when no
    threshold reaches the target: nothing is routed automatically.
    """
    order = np.argsort(-confidence, kind="stable")
    conf = confidence[order]
    hits = np.cumsum(correct[order].astype(float))
    n = np.arange(1, len(conf) + 1)
    precision = hits / n
    bound = wilson_lower_bound(hits, n, z) if z > 0 else precision
    # A threshold can only sit between distinct confidences: evaluate at the last of ties.
    last_of_tie = np.r_[conf[1:] != conf[:-1], True]
    eligible = (bound >= target) & (n >= min_support) & last_of_tie & (conf >= min_confidence)
    ok = np.where(eligible)[0]
    if len(ok) == 0:
        return float("inf"), float("nan"), 0.0
    k = ok.max()
    return float(conf[k]), float(precision[k]), float(n[k] / len(conf))
