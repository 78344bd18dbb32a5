"""Features: what prediction computes equals what training learned from, and scikit-learn."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from aduan.router.features import FeatureConfig, Features
from aduan.router.text import normalise

from .synthetic import complaints

TEXTS = [normalise(t) for t in complaints(300, seed=5)[0]] + [
    "",
    "a",
    "jalan jalan jalan rusak rusak",
    "_nik_ jalan _telepon_ x y z",
    "kata_baru yang tidak pernah ada sebelumnya",
]
PLACES = [{} for _ in TEXTS]


@pytest.mark.parametrize(
    "config",
    [
        FeatureConfig(),
        FeatureConfig(word_ngrams=(1, 3), char_ngrams=(2, 4)),
        FeatureConfig(word_ngrams=(2, 3)),
        # A capped vocabulary keeps word pairs whose single words it dropped.
        FeatureConfig(max_word_features=40, max_char_features=300, char_weight=0.5),
    ],
    ids=["default", "trigrams", "no-unigrams", "capped"],
)
def test_transform_reproduces_the_training_matrix(config):
    features, trained = Features.fit_transform(TEXTS, PLACES, config)
    again = features.transform(TEXTS, PLACES)
    assert again.shape == trained.shape
    assert again.has_sorted_indices
    assert abs(again - trained).max() < 1e-12
    # Word block against scikit-learn itself.
    reference = TfidfVectorizer(
        ngram_range=config.word_ngrams,
        lowercase=False,
        min_df=config.min_df,
        max_features=config.max_word_features,
        sublinear_tf=True,
    ).fit(TEXTS)
    words = len(features.word_vocabulary)
    assert features.word_vocabulary == reference.get_feature_names_out().tolist()
    assert abs(again[:, :words] - reference.transform(TEXTS)).max() < 1e-12


def test_a_batch_gives_each_text_what_it_gets_alone():
    features, _ = Features.fit_transform(TEXTS, PLACES, FeatureConfig())
    batch = features.transform(TEXTS[:50], PLACES[:50]).toarray()
    alone = np.vstack([features.transform([t], [{}]).toarray() for t in TEXTS[:50]])
    assert np.allclose(batch, alone)


def test_top_words_rank_each_text_on_its_own_row():
    features, _ = Features.fit_transform(TEXTS, PLACES, FeatureConfig())
    texts = ["sampah menumpuk di sungai", "jalan rusak berlubang", "xyz"]
    reading = features.read(texts)
    X = features.matrix(reading, [{}] * 3)
    # Scores as the plain TF-IDF values: each text's heaviest words come first.
    best = features.top_words(reading, X, X.data.copy(), k=2)
    assert len(best) == 3
    assert set(best[0]) <= set(texts[0].split()) and len(best[0]) == 2
    assert set(best[1]) <= set(texts[1].split()) and len(best[1]) == 2
    # Negative contributions never explain.
    assert features.top_words(reading, X, -X.data, k=2) == [[], [], []]


def test_a_reading_survives_the_chunk_memory_being_renewed(monkeypatch):
    features, trained = Features.fit_transform(TEXTS, PLACES, FeatureConfig())
    monkeypatch.setattr("aduan.router.features._CACHE_LIMIT", 10)
    first = features.read(TEXTS)
    features.read(["kata lain sama sekali"])  # over the limit: a new memory starts
    assert abs(features.matrix(first, PLACES) - trained).max() < 1e-12
