"""Feature extraction: word and character n-gram TF-IDF of normalised text, plus place one-hot.

Contract: `Features.fit_transform(texts, places, config)` learns vocabularies and IDF weights
from already-normalised texts; `transform` maps normalised texts and place dicts to one sparse
row per complaint: [word TF-IDF | char TF-IDF × char_weight | place one-hot × place_weight],
each TF-IDF block sublinear and L2-normalised on its own, exactly as scikit-learn's
`TfidfVectorizer(sublinear_tf=True)` with `analyzer="word"` / `"char_wb"` would compute it.
Everything a fitted `Features` holds is plain lists and float arrays: storable without pickle.

Speed: texts are split on whitespace into chunks; char_wb n-grams never cross whitespace, so
each distinct chunk is analysed once and cached. That makes transform several times faster
than scikit-learn's per-text analysers, which dominated prediction time.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

# Bound on the per-chunk cache of a long-running process (entries of ~1 KB).
_CACHE_LIMIT = 200_000
# scikit-learn's default token pattern: words of two or more word characters.
_TOKENIZER = TfidfVectorizer().build_tokenizer()


@dataclass(frozen=True)
class FeatureConfig:
    """Hyper-parameters of the feature space (chosen by time-ordered validation on 2022
    complaints only)."""

    word_ngrams: tuple[int, int] = (1, 2)
    # 3-5 validated as accurate as 2-5 on 2022 data, with a quarter fewer n-grams to compute.
    char_ngrams: tuple[int, int] = (3, 5)
    min_df: int = 2
    # Cap on each vocabulary, by corpus frequency: bounds model size and load time.
    max_word_features: int = 60_000
    max_char_features: int = 150_000
    char_weight: float = 1.0
    # Place one-hot features. Off by default: in validation they did not help once local
    # offices are collapsed (the place is used for resolution instead); kept configurable
    # for regions where agencies differ by place.
    place_weight: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams),
            "min_df": self.min_df,
            "max_word_features": self.max_word_features,
            "max_char_features": self.max_char_features,
            "char_weight": self.char_weight,
            "place_weight": self.place_weight,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "FeatureConfig":
        data = dict(data)
        data["word_ngrams"] = tuple(data["word_ngrams"])
        data["char_ngrams"] = tuple(data["char_ngrams"])
        return cls(**data)


def char_ngrams(chunk: str, lo: int, hi: int) -> list[str]:
    """Character n-grams of one whitespace-free chunk exactly as scikit-learn's `char_wb`
    makes them: padded with a space each side; a padded chunk no longer than n counts once,
    whole, and ends the n loop."""
    padded = f" {chunk} "
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend([padded[i : i + n] for i in range(len(padded) - n + 1)])
    return grams


def place_tokens(place: Mapping[str, str]) -> list[str]:
    """One token per non-empty place column, e.g. `kelurahan=jagir`."""
    return [f"{col}={val.strip().casefold()}" for col, val in place.items() if val and val.strip()]


class _Chunk(NamedTuple):
    tokens: list[str]  # word tokens inside the chunk (for word n-grams across chunks)
    chars: list[int]  # char n-gram ids (block-local)
    columns: np.ndarray  # word-unigram and char n-gram columns in the full matrix (for `why`)


def _counts(indices: list[int], indptr: list[int], n_columns: int) -> sp.csr_matrix:
    matrix = sp.csr_matrix(
        (np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(indptr) - 1, n_columns),
    )
    matrix.sum_duplicates()
    return matrix


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF × IDF, rows L2-normalised; in place, keeping sorted indices."""
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    return normalize(counts, copy=False)


def _fit_char_ngrams(
    texts: Sequence[str], config: FeatureConfig, min_df: int
) -> tuple[list[str], np.ndarray, sp.csr_matrix]:
    """(vocabulary, IDF, counts) of char_wb n-grams as TfidfVectorizer would learn them:
    min_df, then the `max_char_features` most frequent, smooth IDF, alphabetical order."""
    ngram_ids: dict[str, int] = {}
    chunk_ids: dict[str, list[int]] = {}
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        for chunk in text.split():
            ids = chunk_ids.get(chunk)
            if ids is None:
                grams = char_ngrams(chunk, *config.char_ngrams)
                ids = chunk_ids[chunk] = [ngram_ids.setdefault(g, len(ngram_ids)) for g in grams]
            indices.extend(ids)
        indptr.append(len(indices))
    counts = _counts(indices, indptr, len(ngram_ids))
    df = np.bincount(counts.indices, minlength=len(ngram_ids))
    keep = np.flatnonzero(df >= min_df)
    if len(keep) > config.max_char_features:
        total = np.asarray(counts.sum(axis=0)).ravel()
        keep = keep[np.argsort(-total[keep], kind="stable")[: config.max_char_features]]
    terms = np.array(list(ngram_ids), dtype=object)[keep]
    order = np.argsort(terms.astype(str), kind="stable")
    keep, terms = keep[order], terms[order]
    idf = np.log((1 + len(texts)) / (1 + df[keep])) + 1.0
    return [str(t) for t in terms], idf, counts[:, keep].tocsr()


@dataclass
class Features:
    config: FeatureConfig
    word_vocabulary: list[str] = field(default_factory=list)
    char_vocabulary: list[str] = field(default_factory=list)
    place_vocabulary: list[str] = field(default_factory=list)
    word_idf: np.ndarray = field(default_factory=lambda: np.zeros(0))
    char_idf: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        self._word_index = {t: i for i, t in enumerate(self.word_vocabulary)}
        self._char_index = {t: i for i, t in enumerate(self.char_vocabulary)}
        self._place_index = {t: i for i, t in enumerate(self.place_vocabulary)}
        self._cache: dict[str, _Chunk] = {}

    @classmethod
    def fit_transform(
        cls, texts: Sequence[str], places: Sequence[Mapping[str, str]], config: FeatureConfig
    ) -> tuple["Features", sp.csr_matrix]:
        """Learn vocabularies and IDF; also return the training matrix (what `transform`
        would give for the same input) at no extra cost."""
        min_df = min(config.min_df, max(1, len(texts)))
        word_tfidf = TfidfVectorizer(
            ngram_range=config.word_ngrams,
            lowercase=False,
            min_df=min_df,
            max_features=config.max_word_features,
            sublinear_tf=True,
            dtype=np.float64,
        )
        word = word_tfidf.fit_transform(texts).tocsr()
        char_vocab, char_idf, char_counts = _fit_char_ngrams(texts, config, min_df)
        place_vocab = sorted({tok for place in places for tok in place_tokens(place)})
        features = cls(
            config,
            word_vocabulary=sorted(word_tfidf.vocabulary_, key=word_tfidf.vocabulary_.get),
            char_vocabulary=char_vocab,
            place_vocabulary=place_vocab if config.place_weight > 0 else [],
            word_idf=word_tfidf.idf_.astype(np.float64),
            char_idf=char_idf,
        )
        return features, features._assemble(word, _tfidf(char_counts, char_idf), places)

    @property
    def n_features(self) -> int:
        return len(self.word_vocabulary) + len(self.char_vocabulary) + len(self.place_vocabulary)

    def _chunk(self, chunk: str) -> _Chunk:
        entry = self._cache.get(chunk)
        if entry is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            lookup = self._char_index.get
            grams = char_ngrams(chunk, *self.config.char_ngrams)
            chars = [j for j in map(lookup, grams) if j is not None]
            tokens = _TOKENIZER(chunk)
            words = [j for j in map(self._word_index.get, tokens) if j is not None]
            if self.config.word_ngrams[0] > 1:
                words = []
            offset = len(self.word_vocabulary)
            columns = np.array(words + [offset + j for j in chars], dtype=np.int64)
            entry = self._cache[chunk] = _Chunk(tokens, chars, columns)
        return entry

    def warm(self) -> None:
        """Analyse every vocabulary word ahead of time, so that the first predictions after a
        load run as fast as later ones (a few tenths of a second, paid once at load)."""
        for term in self.word_vocabulary:
            if " " not in term:
                self._chunk(term)

    def transform(self, texts: Sequence[str], places: Sequence[Mapping[str, str]]) -> sp.csr_matrix:
        """Sparse CSR matrix, one row per (already normalised) text."""
        lo, hi = self.config.word_ngrams
        word_lookup = self._word_index.get
        word_idx: list[int] = []
        char_idx: list[int] = []
        word_ptr, char_ptr = [0], [0]
        for text in texts:
            tokens: list[str] = []
            for chunk in text.split():
                entry = self._chunk(chunk)
                char_idx.extend(entry.chars)
                tokens.extend(entry.tokens)
            if lo <= 1:
                word_idx.extend(j for j in map(word_lookup, tokens) if j is not None)
            for n in range(max(2, lo), hi + 1):
                grams = (" ".join(tokens[k : k + n]) for k in range(len(tokens) - n + 1))
                word_idx.extend(j for j in map(word_lookup, grams) if j is not None)
            word_ptr.append(len(word_idx))
            char_ptr.append(len(char_idx))
        word = _tfidf(_counts(word_idx, word_ptr, len(self.word_vocabulary)), self.word_idf)
        char = _tfidf(_counts(char_idx, char_ptr, len(self.char_vocabulary)), self.char_idf)
        return self._assemble(word, char, places)

    def _assemble(
        self, word: sp.csr_matrix, char: sp.csr_matrix, places: Sequence[Mapping[str, str]]
    ) -> sp.csr_matrix:
        blocks = [word, char * self.config.char_weight]
        if self.place_vocabulary:
            rows, cols = [], []
            for i, place in enumerate(places):
                for tok in place_tokens(place):
                    if tok in self._place_index:
                        rows.append(i)
                        cols.append(self._place_index[tok])
            onehot = sp.csr_matrix(
                (np.full(len(rows), self.config.place_weight), (rows, cols)),
                shape=(word.shape[0], len(self.place_vocabulary)),
            )
            blocks.append(onehot)
        for block in blocks:
            block.sort_indices()  # no-op for the TF-IDF blocks, which are built sorted
        matrix = sp.hstack(blocks, format="csr")
        # Blocks side by side with sorted rows give sorted rows; token_scores relies on it.
        matrix.has_sorted_indices = True
        return matrix

    def token_scores(self, texts: Sequence[str], X: sp.csr_matrix, contributions: np.ndarray):
        """How much each word of each text pushed the score of one class (its own per row).

        `X` is `transform` of `texts` (rows with sorted columns) and `contributions` its
        non-zeros' values × the weight of the row's class. A word's score is the contribution
        of its word-unigram feature plus that of every character n-gram inside it, so misspelt
        words still get credit. Yields one {word: score} per text, computed for the whole
        batch in a few array operations: per text they cost more than the prediction.
        """
        n_columns = X.shape[1]
        # Every non-zero as one sorted key (row, column): a chunk's columns are found in its
        # own row with one binary search over the batch.
        keys = np.repeat(np.arange(X.shape[0], dtype=np.int64), np.diff(X.indptr))
        keys = keys * n_columns + X.indices
        per_text: list[list[str]] = []
        columns: list[np.ndarray] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            words = list(dict.fromkeys(text.split()))
            per_text.append(words)
            for word in words:
                columns.append(self._chunk(word).columns)
                owners.append(i)
        totals = np.zeros(len(columns))
        if columns and len(keys):
            lengths = [len(c) for c in columns]
            wanted = np.repeat(np.array(owners, dtype=np.int64), lengths) * n_columns
            wanted += np.concatenate(columns)
            at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            found = keys[at] == wanted
            segments = np.repeat(np.arange(len(columns)), lengths)
            totals = np.bincount(
                segments, weights=np.where(found, contributions[at], 0.0), minlength=len(columns)
            )
        start = 0
        for words in per_text:
            yield dict(zip(words, totals[start : start + len(words)].tolist(), strict=True))
            start += len(words)

    def to_json(self) -> dict[str, Any]:
        return {
            "config": self.config.to_json(),
            "word_vocabulary": self.word_vocabulary,
            "char_vocabulary": self.char_vocabulary,
            "place_vocabulary": self.place_vocabulary,
        }

    def arrays(self) -> dict[str, np.ndarray]:
        return {"word_idf": self.word_idf, "char_idf": self.char_idf}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> "Features":
        return cls(
            FeatureConfig.from_json(data["config"]),
            word_vocabulary=list(data["word_vocabulary"]),
            char_vocabulary=list(data["char_vocabulary"]),
            place_vocabulary=list(data["place_vocabulary"]),
            word_idf=np.asarray(arrays["word_idf"], dtype=np.float64),
            char_idf=np.asarray(arrays["char_idf"], dtype=np.float64),
        )
