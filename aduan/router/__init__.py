"""AI routing of complaints to agencies: a leaf package (no Django), trained from plain lists.

router = Router.fit(texts, places, labels)   # places: [{"kelurahan": ..., ...}, ...]
router.predict(texts, places)                 # -> [Prediction(label, confidence, ...)]
router.save(directory); Router.load(directory)
evaluate(router, texts, places, labels)       # -> {"top1": ..., "auto_share": ...}
"""

from .artifact import ArtifactError, load, save
from .evaluate import evaluate
from .model import Prediction, Router, RouterConfig
from .text import mask_personal, normalise

__all__ = [
    "ArtifactError",
    "Prediction",
    "Router",
    "RouterConfig",
    "evaluate",
    "load",
    "mask_personal",
    "normalise",
    "save",
]
