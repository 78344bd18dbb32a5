"""Feature extraction: word and character n-gram TF-IDF of normalised text, plus place one-hot.

Contract: `Features.fit_transform(texts, places, config)` learns vocabularies and IDF weights
from already-normalised texts; `transform` maps normalised texts and place dicts to one sparse
row per complaint: [word TF-IDF | char TF-IDF × char_weight | place one-hot × place_weight],
each TF-IDF block sublinear and L2-normalised on its own, exactly as scikit-learn's
`TfidfVectorizer(sublinear_tf=True)` with `analyzer="word"` / `"char_wb"` would compute it.
Everything a fitted `Features` holds is plain lists and float arrays: storable without pickle.

Speed: texts are split on whitespace into chunks; char_wb n-grams never cross whitespace, so
each distinct chunk is analysed once and remembered (its word token ids and n-gram columns).
A batch is then a few array operations: char counts are (text × chunk) @ (chunk × n-gram),
word n-grams are looked up as integer codes (`_WordNgrams`), and the explanation sums each
word's contributions in one pass. That is several times faster than scikit-learn's per-text
analysers, which dominated prediction time.
"""

import dataclasses
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .text import explains

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
        return config_from_json(cls, data)


def config_from_json(cls, data: Mapping[str, Any]):
    """`cls(**data)` for a settings dataclass read back from an artifact, refusing numbers
    of the wrong kind (a count written as "5", a flag where a weight belongs): they would
    fail only later, in the middle of a prediction. Raises TypeError."""
    for f in dataclasses.fields(cls):
        if f.name not in data or not isinstance(f.default, int | float | tuple):
            continue
        many = isinstance(f.default, tuple)
        values = data[f.name] if many else (data[f.name],)
        if not all(_same_kind(v, f.default[0] if many else f.default) for v in values):
            raise TypeError(f"setting {f.name} is not a number of its kind: {data[f.name]!r}")
    return cls(**data)


def _same_kind(value: Any, default: int | float) -> bool:
    """An int where the default is one, any number where it is a float; never a bool."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) if isinstance(default, int) else isinstance(value, int | float)


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


class _WordNgrams:
    """The word vocabulary as integer codes, so that a whole batch of token sequences is
    looked up with array operations instead of one string join and dict lookup per n-gram.

    Every token of the vocabulary gets an id. An n-gram is found level by level: the id of
    its (n-1)-token prefix times the number of tokens plus its last token's id is a code,
    looked up by binary search among the codes of the vocabulary's n-token prefixes.
    """

    def __init__(self, vocabulary: Sequence[str], ngram_range: tuple[int, int]):
        self.lo, self.hi = ngram_range
        terms = [term.split(" ") for term in vocabulary]
        self.tokens: dict[str, int] = {}
        for parts in terms:
            for part in parts:
                self.tokens.setdefault(part, len(self.tokens))
        self.size = max(1, len(self.tokens))
        lengths = np.array([len(parts) for parts in terms], dtype=np.int64)
        term_columns = np.arange(len(terms))

        def nth_tokens(n: int) -> np.ndarray:  # each term's n-th token id, -1 if shorter
            return np.array([self.tokens[p[n - 1]] if len(p) >= n else -1 for p in terms])

        # Level 1: a prefix id is the token id; its column, where the token is a term.
        prefix_ids = nth_tokens(1)
        self.unigram_columns = np.full(self.size, -1, dtype=np.int64)
        single = lengths == 1
        self.unigram_columns[prefix_ids[single]] = term_columns[single]
        # Levels 2…hi: the sorted codes of the vocabulary's n-token prefixes; their ids are
        # their positions, and their columns those of the terms they are (-1 for none).
        self.levels: list[tuple[np.ndarray, np.ndarray]] = []
        for n in range(2, self.hi + 1):
            longer = lengths >= n
            codes = prefix_ids[longer] * self.size + nth_tokens(n)[longer]
            sorted_codes, ids = np.unique(codes, return_inverse=True)
            columns = np.full(len(sorted_codes), -1, dtype=np.int64)
            exact = lengths[longer] == n
            columns[ids[exact]] = term_columns[longer][exact]
            prefix_ids = np.full(len(terms), -1, dtype=np.int64)
            prefix_ids[longer] = ids
            self.levels.append((sorted_codes.astype(np.int64), columns))

    def columns(self, tokens: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every vocabulary n-gram in the token sequence `tokens` (ids, -1
        for tokens outside the vocabulary), whose tokens belong to texts `rows`; n-grams
        never span two texts."""
        found_rows, found_columns = [], []
        if self.lo <= 1:
            known = tokens >= 0
            columns = self.unigram_columns[tokens[known]]
            found_rows.append(rows[known][columns >= 0])
            found_columns.append(columns[columns >= 0])
        prefixes = tokens
        for n, (codes, columns) in enumerate(self.levels, start=2):
            last = tokens[n - 1 :]
            prefixes = prefixes[:-1]
            valid = (prefixes >= 0) & (last >= 0) & (rows[: len(last)] == rows[n - 1 :])
            wanted = prefixes * self.size + last
            at = np.minimum(np.searchsorted(codes, wanted), max(len(codes) - 1, 0))
            valid &= codes[at] == wanted if len(codes) else False
            prefixes = np.where(valid, at, -1)
            if n >= self.lo:
                hits = np.flatnonzero(valid)
                hit_columns = columns[at[hits]]
                keep = hit_columns >= 0
                found_rows.append(rows[hits[keep]])
                found_columns.append(hit_columns[keep])
        if not found_rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(found_rows), np.concatenate(found_columns)


class _Chunks:
    """Every distinct chunk (whitespace-free piece of text) analysed so far, by id: the
    chunk, its word token ids (-1: not in the vocabulary) and its columns in the full matrix
    (word unigrams, then char n-grams with repeats). Only ever appended to, so the ids a
    reading took stay valid while other threads add chunks."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self.tokens: list[tuple[int, ...]] = []
        self.columns: list[tuple[int, ...]] = []


class Reading(NamedTuple):
    """A batch of texts as chunks: one entry per chunk of every text, in order."""

    chunks: np.ndarray  # chunk ids in `table`
    rows: np.ndarray  # the text each chunk belongs to
    n_texts: int
    table: _Chunks


def _flatten(segments: Sequence[tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray]:
    """(every segment's ids one after another as one array, each segment's length)."""
    lengths = np.fromiter(map(len, segments), np.int64, len(segments))
    return np.fromiter(chain.from_iterable(segments), np.int64, lengths.sum()), lengths


def _laid_out(
    segments: Sequence[tuple[int, ...]], which: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(the segments `which` names, repeats allowed, one after another as one array, the
    length of each of them)."""
    flat, lengths = _flatten(segments)
    sizes = lengths[which]
    ends = np.cumsum(sizes)
    total = int(ends[-1]) if len(ends) else 0
    starts = np.cumsum(lengths) - lengths
    return flat[np.repeat(starts[which] - (ends - sizes), sizes) + np.arange(total)], sizes


def _ragged_rows(rows: Sequence[tuple[int, ...]], first: int, n_columns: int) -> sp.csr_matrix:
    """Count matrix with one row per tuple of ids: ids from `first` on, as columns counted
    from `first` (the others are left out)."""
    ids, lengths = _flatten(rows)
    which = np.repeat(np.arange(len(rows)), lengths)
    keep = ids >= first
    return sp.csr_matrix(
        (np.ones(keep.sum()), (which[keep], ids[keep] - first)), shape=(len(rows), n_columns)
    )


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


_COUNT_BLOCK = 10_000


def _fit_char_ngrams(
    texts: Sequence[str], config: FeatureConfig, min_df: int
) -> tuple[list[str], np.ndarray, sp.csr_matrix]:
    """(vocabulary, IDF, counts) of char_wb n-grams as TfidfVectorizer would learn them:
    min_df, then the `max_char_features` most frequent, smooth IDF, alphabetical order."""
    ngram_ids: dict[str, int] = {}
    chunk_ids: dict[str, list[int]] = {}
    # Counted a block of texts at a time: one list of every n-gram of 200,000 texts would
    # take gigabytes before it became an array.
    blocks = []
    for start in range(0, len(texts), _COUNT_BLOCK):
        indices: list[int] = []
        indptr = [0]
        for text in texts[start : start + _COUNT_BLOCK]:
            for chunk in text.split():
                ids = chunk_ids.get(chunk)
                if ids is None:
                    grams = char_ngrams(chunk, *config.char_ngrams)
                    ids = chunk_ids[chunk] = [
                        ngram_ids.setdefault(g, len(ngram_ids)) for g in grams
                    ]
                indices.extend(ids)
            indptr.append(len(indices))
        blocks.append(_counts(indices, indptr, len(ngram_ids)))
    for block in blocks:  # the vocabulary grew after the earlier blocks were counted
        block.resize((block.shape[0], len(ngram_ids)))
    counts = sp.vstack(blocks, format="csr")
    del blocks
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
        self._char_index = {t: i for i, t in enumerate(self.char_vocabulary)}
        self._place_index = {t: i for i, t in enumerate(self.place_vocabulary)}
        self._ngrams = _WordNgrams(self.word_vocabulary, self.config.word_ngrams)
        # A chunk repeats across texts, so each is analysed once and remembered.
        self._chunks = _Chunks()
        self._lock = threading.Lock()

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

    def _analyse(self, table: _Chunks, chunks: Iterable[str]) -> None:
        """Give every new chunk an id in `table` and store its tokens and columns."""
        token_id = self._ngrams.tokens.get
        unigram_columns = self._ngrams.unigram_columns if self._ngrams.lo <= 1 else None
        char_id = self._char_index.get
        offset = len(self.word_vocabulary)
        lo, hi = self.config.char_ngrams
        for chunk in chunks:
            if chunk in table.ids:
                continue
            tokens = tuple(token_id(t, -1) for t in _TOKENIZER(chunk))
            words = ()
            if unigram_columns is not None:  # tokens that are vocabulary words on their own
                words = tuple(int(unigram_columns[t]) for t in tokens if t >= 0)
            grams = map(char_id, char_ngrams(chunk, lo, hi))
            chars = tuple(offset + j for j in grams if j is not None)
            table.ids[chunk] = len(table.names)
            table.names.append(chunk)
            table.tokens.append(tokens)
            table.columns.append(tuple(j for j in words if j >= 0) + chars)

    def read(self, texts: Sequence[str]) -> Reading:
        """The texts (already normalised) as chunk ids, every new chunk analysed."""
        split = [text.split() for text in texts]
        chunks = list(chain.from_iterable(split))
        with self._lock:
            if len(self._chunks.ids) > _CACHE_LIMIT:
                self._chunks = _Chunks()  # readings under way keep the old table
            table = self._chunks
            self._analyse(table, dict.fromkeys(chunks))
            ids = np.fromiter(map(table.ids.__getitem__, chunks), np.int64, len(chunks))
        rows = np.repeat(np.arange(len(texts)), [len(words) for words in split])
        return Reading(ids, rows, len(texts), table)

    def warm(self) -> None:
        """Analyse every vocabulary word ahead of time, so that the first predictions after a
        load run as fast as later ones (a few tenths of a second, paid once at load)."""
        with self._lock:
            self._analyse(self._chunks, (t for t in self.word_vocabulary if " " not in t))

    def transform(self, texts: Sequence[str], places: Sequence[Mapping[str, str]]) -> sp.csr_matrix:
        """Sparse CSR matrix, one row per (already normalised) text."""
        return self.matrix(self.read(texts), places)

    def matrix(self, reading: Reading, places: Sequence[Mapping[str, str]]) -> sp.csr_matrix:
        """`transform` of texts already `read`.

        Each distinct chunk of the batch is one row of a chunk × n-gram count matrix; the
        texts' char counts are (text × chunk counts) @ that matrix, and their word n-grams
        are found in the batch's token sequence at once (`_WordNgrams`)."""
        ids, rows, n, table = reading
        unique, which = np.unique(ids, return_inverse=True)
        per_text = sp.csr_matrix((np.ones(len(ids)), (rows, which)), shape=(n, len(unique)))
        chunk_chars = _ragged_rows(
            [table.columns[j] for j in unique],
            len(self.word_vocabulary),
            len(self.char_vocabulary),
        )
        char_counts = per_text @ chunk_chars
        char_counts.sort_indices()
        # The token sequence of the batch: every occurrence's tokens, in order.
        tokens, sizes = _laid_out([table.tokens[j] for j in unique], which)
        word_rows, word_columns = self._ngrams.columns(tokens, np.repeat(rows, sizes))
        word_counts = sp.csr_matrix(
            (np.ones(len(word_rows)), (word_rows, word_columns)),
            shape=(n, len(self.word_vocabulary)),
        )
        word_counts.sum_duplicates()
        word = _tfidf(word_counts, self.word_idf)
        char = _tfidf(char_counts, self.char_idf)
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
        # Blocks side by side with sorted rows give sorted rows; top_words relies on it.
        matrix.has_sorted_indices = True
        return matrix

    def top_words(
        self, reading: Reading, X: sp.csr_matrix, contributions: np.ndarray, k: int
    ) -> list[list[str]]:
        """Per text, the `k` words (and place values, "kelurahan=jagir") that pushed the score
        of one class (its own per row) most, best first; only those that pushed it up.

        `X` is `matrix(reading)` (rows with sorted columns) and `contributions` its non-zeros'
        values × the weight of the row's class. A word's score is the contribution of its
        word-unigram feature plus that of every character n-gram inside it. Words are those of
        the normalised text (the caller maps them back to what was written). Computed for the
        whole batch in a few array operations: text by text they cost more than the
        prediction.
        """
        ids, rows, n, table = reading
        # Distinct (text, chunk) pairs, in order of first occurrence.
        first = np.sort(np.unique(rows * len(table.names) + ids, return_index=True)[1])
        pair_rows, pair_ids = rows[first], ids[first]
        unique, which = np.unique(pair_ids, return_inverse=True)
        columns, sizes = _laid_out([table.columns[j] for j in unique], which)
        # Contributions looked up by (row, column): scipy searches each row's own sorted
        # columns, and a column absent from the row contributes nothing.
        by_column = sp.csr_matrix((contributions, X.indices, X.indptr), shape=X.shape)
        by_column.has_sorted_indices = True
        found = np.asarray(by_column[np.repeat(pair_rows, sizes), columns]).ravel()
        scores = np.bincount(
            np.repeat(np.arange(len(first)), sizes), weights=found, minlength=len(first)
        )
        # Only words that say something about the agency (`text.explains`: no function word,
        # placeholder or digit) and that the model learned as words, i.e. that it saw whole
        # in at least `min_df` training complaints. A word seen in none gets its credit from
        # character n-grams it shares with other words: that is how a name mentioned once
        # ("ibu sosiati", from "sosial") would explain a choice. Misspellings go too; the
        # next known words explain instead.
        known = self._ngrams.tokens
        shown = (table.names[j] in known and explains(table.names[j]) for j in unique)
        scores[~np.fromiter(shown, dtype=bool, count=len(unique))[which]] = 0
        names = [table.names[j] for j in pair_ids]
        if self.place_vocabulary:  # place features explain too
            offset = len(self.word_vocabulary) + len(self.char_vocabulary)
            place = np.flatnonzero(X.indices >= offset)
            pair_rows = np.concatenate(
                [pair_rows, np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))[place]]
            )
            names += [self.place_vocabulary[j - offset] for j in X.indices[place]]
            scores = np.concatenate([scores, contributions[place]])
        # Per text, best first; ties keep the order of the words in the text.
        order = np.lexsort((np.arange(len(scores)), -scores, pair_rows))
        order = order[scores[order] > 0]
        ranked_rows = pair_rows[order]
        chosen = order[np.arange(len(order)) - np.searchsorted(ranked_rows, ranked_rows) < k]
        out: list[list[str]] = [[] for _ in range(n)]
        for i, j in zip(pair_rows[chosen].tolist(), chosen.tolist(), strict=True):
            out[i].append(names[j])
        return out

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
        features = cls(
            FeatureConfig.from_json(data["config"]),
            word_vocabulary=list(data["word_vocabulary"]),
            char_vocabulary=list(data["char_vocabulary"]),
            place_vocabulary=list(data["place_vocabulary"]),
            word_idf=np.asarray(arrays["word_idf"], dtype=np.float64),
            char_idf=np.asarray(arrays["char_idf"], dtype=np.float64),
        )
        vocabularies = (features.word_vocabulary, features.char_vocabulary)
        if not all(isinstance(t, str) for vocabulary in vocabularies for t in vocabulary):
            raise ValueError("vocabulary entries must be strings")
        if features.word_idf.shape != (len(features.word_vocabulary),) or (
            features.char_idf.shape != (len(features.char_vocabulary),)
        ):
            raise ValueError("IDF weights do not fit the vocabularies")
        idf = np.concatenate([features.word_idf, features.char_idf])
        if not (np.isfinite(idf).all() and (idf > 0).all()):  # fit gives 1 and more
            raise ValueError("IDF weights must be positive numbers")
        return features
