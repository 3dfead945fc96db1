"""Train the sentence-level PLOVER event-type classifier on the NGEC synthetic stories.

Usage::

    python scripts/train_classifier.py [SHARED_DIR] [OUT_DIR]

Reads ``training/ngec-synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip`` from
SHARED_DIR (default ``../shared``): LLM-written stories with PLOVER pseudo-labels,
for training only (never for scoring). Writes ``vocabulary.json`` and ``weights.npz``
to OUT_DIR (default ``src/eventwire/data/classifier``), which the coder reads with
numpy alone (``eventwire.events.classifier``).

Training examples (why): each story's lead sentence, where a wire story states its
event, and its filled-in headline prompt; both are short, like the sentences we code.
Model selection: grouped 5-fold cross-validation over headline templates, so that no
template is in both training and validation folds (stories of one template share
wording). scikit-learn and pandas are needed here only, not at run time.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.events.classifier import TypeClassifier, features  # noqa: E402
from eventwire.events.types import canonical_type  # noqa: E402

ARCHIVE = "training/ngec-synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip"
C_GRID = (1.0, 3.0, 10.0)
LICENSE = """The classifier in this folder was trained by scripts/train_classifier.py on
ahalterman/NGEC-2025 synthetic stories (training/ngec-synthetic), released under the MIT
License. It holds learned weights and n-gram features only, no story text.
"""


def lead(text: str) -> str:
    """The first sentence of a story (wire leads state the event).

    >>> lead("Troops shelled the town. Ten people died.")
    'Troops shelled the town.'
    """
    text = " ".join(str(text).split())
    m = re.search(r"(?<=[a-z0-9)\"'])[.!?](?=\s+[A-Z\"'])", text)
    return text[: m.end()] if m else text[:400]


def load_examples(shared: Path) -> tuple[list[str], list[str], list[str]]:
    import pandas as pd

    with zipfile.ZipFile(shared / ARCHIVE) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        with z.open(name) as f:
            data = pd.read_csv(f)
    texts, labels, groups = [], [], []
    for row in data.itertuples():
        label = canonical_type(str(row.label))
        for text in (lead(row.text), str(row.prompt)):
            texts.append(text)
            labels.append(label)
            groups.append(str(row.title))
    return texts, labels, groups


def featurize(texts: list[str]) -> list[list[str]]:
    from eventwire.nlp.pipeline import resolve_model_name
    import spacy

    nlp = spacy.load(resolve_model_name("en_core_web_sm"), disable=["parser"])
    return [features(doc) for doc in nlp.pipe(texts, batch_size=256)]


def main(argv: list[str]) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "src/eventwire/data/classifier"
    texts, labels, groups = load_examples(shared)
    grams = featurize(texts)
    y = np.array(labels)

    def fit(idx, c):
        vec = TfidfVectorizer(analyzer=lambda g: g, sublinear_tf=True, min_df=2)
        x = vec.fit_transform([grams[i] for i in idx])
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(x, y[idx])
        return vec, model

    best_c, best_acc = C_GRID[0], -1.0
    for c in C_GRID:
        accs = []
        for train, test in GroupKFold(n_splits=5).split(grams, y, groups):
            vec, model = fit(train, c)
            accs.append(float((model.predict(vec.transform([grams[i] for i in test])) == y[test]).mean()))
        acc = float(np.mean(accs))
        print(f"C={c}: grouped 5-fold accuracy {acc:.3f}")
        if acc > best_acc:
            best_c, best_acc = c, acc
    vec, model = fit(np.arange(len(grams)), best_c)
    vocabulary = {t: int(i) for t, i in vec.vocabulary_.items()}
    TypeClassifier(vocabulary, vec.idf_, model.coef_, model.intercept_, [str(c) for c in model.classes_]).save(out)
    (out / "LICENSE").write_text(LICENSE, encoding="utf-8")
    size = sum(p.stat().st_size for p in out.iterdir())
    print(f"C={best_c} ({best_acc:.3f}); {len(vocabulary)} features, {size / 1e6:.2f} MB written to {out}")


if __name__ == "__main__":
    main(sys.argv)
