"""Router artifact on disk: versioned, integrity-checked, no pickle.

Layout of an artifact directory:

    manifest.json   {"format": "aduan-router", "format_version": 3, "version": ...,
                     "files": {"model.json": "<sha256>", "arrays.npz": "<sha256>"}}
    model.json      metadata, configuration, classes, vocabularies, local-office templates,
                    the category names and temperature (null when trained without)
    arrays.npz      float arrays (weights, IDF; the category weights, sparse, as
                    data/indices/indptr, and the agencies each category implies), read
                    with allow_pickle=False

Older artifacts still load: version 1 (before categories) predicts no categories, version 2
(before the categories' agencies) does not blend them into the agencies.

`load` checks the format name and version and every file's SHA-256 against the manifest
before parsing anything, and raises `ArtifactError` on any mismatch: a tampered, truncated or
foreign artifact is refused rather than half-loaded.
"""

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .calibration import MIN_AUTO_CONFIDENCE
from .features import Features
from .model import Router, RouterConfig, _Categories, _Core
from .places import LocalOffices

FORMAT = "aduan-router"
# The file that holds every other file's digest: two artifacts are the same if theirs are.
MANIFEST = "manifest.json"
FORMAT_VERSION = 3
_READABLE_VERSIONS = (1, 2, 3)
_FILES = ("model.json", "arrays.npz")
# Everything an artifact is; anything else in its directory (an editor's backup, a
# desktop's .DS_Store) is not part of it.
MEMBERS = (MANIFEST, *_FILES)


class ArtifactError(Exception):
    """The directory does not hold a router artifact this code can trust and read."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a server running as another user reads it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(router: Router, directory: str | os.PathLike[str]) -> Path:
    """Write `router` to `directory` (created if needed; existing artifact files replaced)."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    core = router._core
    model = {
        "metadata": router.metadata,
        "config": router.config.to_json(),
        "temperature": router.temperature,
        # JSON has no infinity: a router that never auto-routes stores null.
        "auto_threshold": None if np.isinf(router.auto_threshold) else router.auto_threshold,
        "classes": core.classes,
        "features": core.features.to_json(),
        "local_offices": router._offices.to_json(),
        "categories": None,
    }
    arrays = {"coef": core.coef, "intercept": core.intercept, **core.features.arrays()}
    categories = router._categories
    if categories is not None:
        model["categories"] = {"names": categories.names, "temperature": categories.temperature}
        arrays.update(
            category_data=categories.coef.data,
            category_indices=categories.coef.indices,
            category_indptr=categories.coef.indptr,
            category_intercept=categories.intercept,
        )
        if categories.agencies is not None:
            arrays["category_agencies"] = categories.agencies
    model_bytes = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode()
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    payload = {"model.json": model_bytes, "arrays.npz": buffer.getvalue()}
    for name, data in payload.items():
        _atomic_write(out / name, data)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "version": router.version,
        "files": {name: _sha256(data) for name, data in payload.items()},
    }
    # The manifest goes last: a crash mid-save leaves a manifest that does not match.
    _atomic_write(out / MANIFEST, json.dumps(manifest, indent=2).encode())
    return out


def _read_verified(directory: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    try:
        manifest = json.loads((directory / MANIFEST).read_bytes())
    except FileNotFoundError as exc:
        raise ArtifactError(f"{directory}: no manifest.json, not a router artifact") from exc
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"{directory}: unreadable manifest.json ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArtifactError(f"{directory}: not a {FORMAT} artifact")
    version = manifest.get("format_version")
    if isinstance(version, bool) or version not in _READABLE_VERSIONS:
        raise ArtifactError(
            f"{directory}: artifact format version {manifest.get('format_version')!r}, "
            f"this code reads versions {', '.join(map(str, _READABLE_VERSIONS))}; retrain or "
            "use a matching release"
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != set(_FILES):
        raise ArtifactError(f"{directory}: manifest lists unexpected files")
    contents = {}
    for name in _FILES:
        try:
            data = (directory / name).read_bytes()
        except OSError as exc:
            raise ArtifactError(f"{directory}: cannot read {name} ({exc})") from exc
        if _sha256(data) != files[name]:
            raise ArtifactError(f"{directory}: {name} does not match its digest (tampered?)")
        contents[name] = data
    return manifest, contents


def load(directory: str | os.PathLike[str], *, warm: bool = True) -> Router:
    """Read an artifact written by `save`; raises `ArtifactError` if it cannot be trusted.

    `warm` pre-computes the n-grams of every vocabulary word (see `Features.warm`)."""
    path = Path(directory)
    manifest, contents = _read_verified(path)
    try:
        model: dict[str, Any] = json.loads(contents["model.json"])
        with np.load(io.BytesIO(contents["arrays.npz"]), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
        features = Features.from_json(model["features"], arrays)
        core = _Core(
            features=features,
            classes=list(model["classes"]),
            coef=arrays["coef"].astype(np.float32, copy=False),
            intercept=arrays["intercept"].astype(np.float64, copy=False),
        )
        if core.coef.shape != (len(core.classes), features.n_features):
            raise ValueError(f"weights of shape {core.coef.shape} do not fit the features")
        _require_finite(core.coef, core.intercept)
        temperature = _positive(model["temperature"])
        categories = _categories(model.get("categories"), arrays, core)
        if warm:
            features.warm()
        threshold = _threshold(model["auto_threshold"])
        if model["metadata"]["version"] != manifest.get("version"):
            raise ValueError("the manifest names another version than the model")
        columns = model["metadata"].get("place_columns", [])
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
            raise ValueError("the place columns must be a list of names")
        return Router(
            core,
            LocalOffices.from_json(model["local_offices"]),
            RouterConfig.from_json(model["config"]),
            temperature,
            threshold,
            dict(model["metadata"]),
            categories,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ArtifactError(f"{path}: artifact content is malformed ({exc})") from exc


def _categories(
    stored: dict[str, Any] | None, arrays: dict[str, np.ndarray], core: _Core
) -> _Categories | None:
    if stored is None:
        return None
    names = list(stored["names"])
    if not all(isinstance(n, str) for n in names) or len(set(names)) != len(names):
        raise ValueError("category names must be distinct strings")
    data, indices, indptr = (arrays[f"category_{part}"] for part in ("data", "indices", "indptr"))
    if not (
        np.issubdtype(data.dtype, np.floating)
        and np.issubdtype(indices.dtype, np.integer)
        and np.issubdtype(indptr.dtype, np.integer)
    ):
        raise ValueError("category weights must be floats and their indices integers")
    coef = sp.csr_matrix(
        (data.astype(np.float32), indices, indptr), shape=(len(names), core.coef.shape[1])
    )
    coef.check_format(full_check=True)  # indices in range: a crafted file cannot read past
    intercept = arrays["category_intercept"].astype(np.float64, copy=False)
    if intercept.shape != (len(names),):
        raise ValueError("category weights do not fit the categories")
    _require_finite(coef.data, intercept)
    agencies = arrays.get("category_agencies")
    if agencies is not None:
        agencies = agencies.astype(np.float64, copy=False)
        if agencies.shape != (len(names), len(core.classes)):
            raise ValueError("the categories' agencies do not fit the categories and classes")
        _require_finite(agencies)
        if (agencies < 0).any() or not np.allclose(agencies.sum(axis=1), 1.0):
            raise ValueError("the categories' agencies must be shares that sum to one")
    return _Categories(names, coef, intercept, _positive(stored["temperature"]), agencies)


def _require_finite(*arrays: np.ndarray) -> None:
    # A NaN weight would turn every probability into NaN, which no database stores.
    if not all(np.isfinite(a).all() for a in arrays):
        raise ValueError("weights must be finite numbers")


def _threshold(value: Any) -> float:
    """The stored auto threshold (null: never), raised to the floor a model trained before
    the floor existed may lie under."""
    if value is None:
        return float("inf")
    number = float(value)
    if np.isnan(number):
        raise ValueError("the auto threshold is not a number")
    return max(number, MIN_AUTO_CONFIDENCE)


def _positive(value: Any) -> float:
    number = float(value)
    if not (np.isfinite(number) and number > 0):
        raise ValueError(f"temperature must be a positive number, not {value!r}")
    return number
