"""The learned trigger model: which word of a sentence reports which PLOVER event, if any.

Candidates come from the parse, recall first: every verb and every common noun that is no
named entity. Each candidate is described by sparse features of its word and its place in
the dependency tree (its subject, object, prepositions, auxiliaries, the verbs that
govern it) and by what the hand-written patterns say of it (``rule=ASSAULT``), so the
patterns are evidence for the model rather than the only gate. A multinomial logistic
regression, trained by ``scripts/train_coder.py`` on the silver PLOVER corpus
(``corpus/silver``, see ``docs/annotation-guide.md``) and chosen by grouped
cross-validation, gives each candidate a probability per type and for ``NONE``.

At run time only the exported coefficients are read, with numpy; the probability of an
emitted event's type is mapped through an isotonic calibration fitted on held-out folds,
and becomes the event's ``confidence``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..nlp.columns import Columns
from ..settings import CODER_CHOICES

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "coder"
NONE = "NONE"
# A type is coded without its doer only if at least this share of its silver events has none.
AGENTLESS_SHARE = 0.05
# Named entities are who and where, never what happened.
SKIP_ENTS = frozenset({"PERSON", "GPE", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY",
                       "PERCENT", "LOC", "FAC", "ORDINAL", "QUANTITY"})
# Dependents whose word says who does what to whom, or how the action is framed.
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "attr", "dative", "xcomp", "ccomp",
                      "prt", "compound", "amod", "poss", "acomp", "advcl", "conj", "pcomp"})
MODAL_DEPS = frozenset({"aux", "auxpass", "neg", "mark", "advmod"})


def is_candidate(i: int, cols: Columns) -> bool:
    """Whether token ``i`` may report an event: a verb, or a common noun outside entities."""
    pos = cols.pos[i]
    return (pos == "VERB" or pos == "NOUN") and cols.ent_type[i] not in SKIP_ENTS and len(cols.lower[i]) > 2


def sentence_context(start: int, end: int, cols: Columns) -> list[str]:
    """The content words of a sentence (tokens ``start``..``end``) as features of each of its
    candidates: "exploded" beside "accident" or "football" reads apart from "exploded" beside
    "militants" (grouped CV on silver: candidate F1 0.717 -> 0.728)."""
    return sorted({f"s={cols.lemma[j].lower()}" for j in range(start, end)
                   if cols.pos[j] in ("VERB", "NOUN") and len(cols.lower[j]) > 2})


def token_features(i: int, cols: Columns, rule_type: str | None = None, framed: bool = False,
                   actor_kinds: dict[int, str] | None = None, context: list[str] | None = None) -> list[str]:
    """Sparse features of candidate ``i``.

    rule_type (str | None): the type a hand-written pattern gives this word, if one matches.
    framed (bool): the word is a frame word of another word's pattern ("talks" in
        "urged X to attend talks").
    actor_kinds (dict[int, str] | None): token → the kind of actor whose mention covers it
        ("MIL", "GOV", "GPE", ...): *who* strikes tells a walk-out from an air strike.
    context (list[str] | None): the sentence's ``sentence_context``, when the model uses it
        (the candidate's own word is left out).
    RETURNS (list[str]): feature names (binary features).
    """
    actor_kinds = actor_kinds or {}
    lemma, lower, pos, dep, head, children, ent = (cols.lemma, cols.lower, cols.pos, cols.dep,
                                                  cols.head, cols.children, cols.ent_type)
    lem = lemma[i].lower()
    d = dep[i]
    f = [f"l={lem}", f"p={pos[i]}", f"d={d}", f"lp={lem}|{pos[i]}", f"ld={lem}|{d}",
         f"pre={lem[:4]}", f"suf={lem[-3:]}"]
    h = head[i]
    if h == i:
        f.append("root")
    else:
        f += [f"h={lemma[h].lower()}", f"hd={d}>{lemma[h].lower()}", f"hp={pos[h]}",
              f"lh={lem}<{lemma[h].lower()}"]
        # The verbs above the candidate: "urged X to release", "plans to visit".
        g, k = head[h], 2
        while k <= 3 and g != h:
            f.append(f"g{k}={lemma[g].lower()}")
            h, g, k = g, head[g], k + 1
    for c in children[i]:
        dc = dep[c]
        if dc in MODAL_DEPS:
            f.append(f"{dc}={lower[c]}")
        elif dc in ARG_DEPS:
            f.append(f"{dc}={lemma[c].lower()}")
            f.append(f"l|{dc}={lem}|{lemma[c].lower()}")
            if ent[c]:
                f.append(f"{dc}_e={ent[c]}")
            if c in actor_kinds:
                f.append(f"{dc}_a={actor_kinds[c]}")
                f.append(f"l|{dc}_a={lem}|{actor_kinds[c]}")
        elif dc == "prep":
            p = lower[c]
            f.append(f"prep={p}")
            f.append(f"l|prep={lem}|{p}")
            for gc in children[c]:
                if dep[gc] == "pobj":
                    f.append(f"prep_{p}={lemma[gc].lower()}")
                    if ent[gc]:
                        f.append(f"prep_{p}_e={ent[gc]}")
                    if gc in actor_kinds:
                        f.append(f"prep_{p}_a={actor_kinds[gc]}")
    if rule_type:
        f += [f"rule={rule_type}", f"rule|l={rule_type}|{lem}"]
    else:
        f.append("rule=none")
    if framed:
        f.append("framed")
    if context:
        own = f"s={lem}"
        f += [c for c in context if c != own]
    return f


@dataclass
class TriggerModel:
    """A linear model over ``token_features``.

    classes (list[str]): PLOVER types and ``NONE``, one per row of ``coef``.
    vocabulary (dict[str, int]): feature → column.
    coef (np.ndarray): (classes × features) weights.
    intercept (np.ndarray): one bias per class.
    calibration (tuple[np.ndarray, np.ndarray]): isotonic map (x thresholds, y values)
        from a type's raw probability to the probability that the event is right.
    thresholds (dict[str, float]): ``add`` (a model-only event is coded from this
        probability up), ``drop`` (a pattern's event is dropped when NONE is at least this),
        ``one_sided`` and ``agentless`` (from this probability up, an event is coded with
        its actor alone, or against its recipient with an unidentified actor).
    """

    classes: list[str]
    vocabulary: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    calibration: tuple[np.ndarray, np.ndarray]
    thresholds: dict[str, float]
    name: str = "trigger-lr"
    # Whether candidates also carry their sentence's content words (``sentence_context``).
    context: bool = False
    # Types the silver corpus reports without their doer often enough (AGENTLESS_SHARE) for an
    # agentless event to be coded: "five protesters were shot dead" is an ASSAULT by someone
    # unnamed, while a request, a promise or a refusal always has a speaker the article names.
    # None: every type (models trained before the list existed).
    agentless_types: frozenset[str] | None = None

    def probabilities(self, feature_lists: list[list[str]]) -> np.ndarray:
        """Softmax probabilities, one row per candidate, one column per class."""
        if not feature_lists:
            return np.zeros((0, len(self.classes)))
        vocab = self.vocabulary
        scores = np.tile(self.intercept, (len(feature_lists), 1))
        for row, feats in enumerate(feature_lists):
            cols = [vocab[f] for f in feats if f in vocab]
            if cols:
                scores[row] += self.coef[:, cols].sum(axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def calibrated(self, p: float) -> float:
        """The calibrated confidence of a raw type probability (isotonic, held-out folds).

        >>> m = TriggerModel(["NONE"], {}, np.zeros((1, 0)), np.zeros(1),
        ...                  (np.array([0.2, 0.6]), np.array([0.1, 0.7])), {})
        >>> m.calibrated(0.1), m.calibrated(0.4), m.calibrated(0.9)
        (0.1, 0.4, 0.7)
        """
        xs, ys = self.calibration
        if len(xs) == 0:
            return round(float(p), 2)
        return round(float(np.interp(p, xs, ys)), 2)

    def strongest(self, feats: list[str], cls: str, k: int = 3) -> list[str]:
        """The ``k`` features that push most toward class ``cls`` (the event's explanation)."""
        row = self.classes.index(cls)
        weighted = [(self.coef[row, self.vocabulary[f]], f) for f in feats if f in self.vocabulary]
        return [f for w, f in sorted(weighted, reverse=True)[:k] if w > 0]

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(directory / "weights.npz", coef=self.coef.astype(np.float32),
                            intercept=self.intercept, cal_x=self.calibration[0], cal_y=self.calibration[1])
        meta = {"name": self.name, "classes": self.classes, "thresholds": self.thresholds,
                "context": self.context,
                "agentless_types": sorted(self.agentless_types) if self.agentless_types is not None else None}
        (directory / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        vocab = sorted(self.vocabulary, key=self.vocabulary.get)
        (directory / "features.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "TriggerModel":
        meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        vocab = (directory / "features.txt").read_text(encoding="utf-8").splitlines()
        with np.load(directory / "weights.npz") as w:
            coef, intercept = w["coef"].astype(np.float64), w["intercept"]
            cal = (w["cal_x"], w["cal_y"])
        return cls(meta["classes"], {f: j for j, f in enumerate(vocab)}, coef, intercept, cal,
                   meta["thresholds"], meta.get("name", "trigger-lr"), bool(meta.get("context", False)),
                   frozenset(meta["agentless_types"]) if meta.get("agentless_types") is not None else None)

    def may_be_agentless(self, event: str, p: float) -> bool:
        """Whether an event of this type, at probability ``p``, may be coded with no doer."""
        return p >= self.thresholds.get("agentless", 1.01) and (
            self.agentless_types is None or event in self.agentless_types)


@lru_cache(maxsize=2)
def load_trigger_model(directory: str | None = None) -> TriggerModel | None:
    """The packaged model (None, with a log line, when it is not installed)."""
    path = Path(directory) if directory else MODEL_DIR
    if not (path / "model.json").exists():
        log.warning("no trigger model at %s: the learned coder is off", path)
        return None
    return TriggerModel.load(path)


@dataclass
class Decision:
    """What the coder does with one candidate word.

    i (int): the token index.
    event (str): the type to code.
    p (float): the model's probability of that type.
    keep_rule (bool): the pattern that matched the word is kept (its frame, mode, CAMEO
        code and status rule); otherwise the model's type is coded on the bare word.
    features (list[str]): the candidate's features (for the explanation).
    """

    i: int
    event: str
    p: float
    keep_rule: bool
    features: list[str]


# The choices are declared once, with the setting they belong to.
CODERS = CODER_CHOICES


def actor_kinds(by_token: dict) -> dict[int, str]:
    """token → actor kind ("MIL", "GOV", "CVL", or "GPE"/"ORG"/"PERSON" without a sector),
    from the events stage's token → (actor, start, end) index."""
    return {i: (a.sector or a.kind or "ACTOR") for i, (a, _, _) in by_token.items()}


# Prepositions by which a verb names the circumstance that is its own event: "killed in an
# airstrike", "wounded during the clashes", "destroyed by a car bomb".
SAME_EVENT_PREPS = frozenset({"in", "during", "by", "amid"})


def share_event_evidence(cand: list[int], probs: np.ndarray, none: int, cols: Columns,
                         rule_types: dict[int, str] | None = None, classes: list[str] | None = None) -> None:
    """Let a verb take the evidence of the event noun that is its subject or its circumstance.

    One event often has two words: the verb that carries its sides ("32 fighters were
    killed", "killed four policemen") and the noun that names it ("in the clashes", "a
    roadside bomb"). Annotators mark one of them as the
    trigger, so a model trained on their labels may find each word only half an event; the
    verb is the one whose arguments code the event, so it gets the noun's probability of its
    own type when that is stronger (and the noun's probability of no event when weaker).
    The noun must name the verb's type (its pattern's type, else its own most probable one):
    "agreed in talks" is no meeting coded on "agreed".
    """
    row = {i: r for r, i in enumerate(cand)}
    own = probs.copy()
    for r, j in enumerate(cand):
        if cols.dep[j] == "nsubj":
            # "A roadside bomb killed four policemen": the noun is the event, the verb its sides.
            verb = cols.head[j]
        else:
            prep = cols.head[j]
            if cols.dep[j] != "pobj" or cols.lower[prep] not in SAME_EVENT_PREPS or cols.dep[prep] not in ("prep", "agent"):
                continue
            verb = cols.head[prep]
        if cols.pos[verb] not in ("VERB", "AUX"):
            continue
        noun_type = _top_type(own[r], none)
        # Conjoined verbs share the circumstance: "were killed and others wounded in the clashes".
        verbs = {verb} | ({cols.head[verb]} if cols.dep[verb] == "conj" else set())
        for v in (row[k] for k in verbs if k in row):
            rule = (rule_types or {}).get(cand[v])
            verb_type = classes.index(rule) if rule and classes and rule in classes else _top_type(own[v], none)
            if verb_type != noun_type:
                continue
            probs[v][verb_type] = max(probs[v][verb_type], own[r][noun_type])
            probs[v][none] = min(probs[v][none], own[r][none])


def _top_type(p: np.ndarray, none: int) -> int:
    """The most probable class other than no event."""
    return int(np.argmax(np.where(np.arange(len(p)) == none, -1.0, p)))


def decide(start: int, end: int, cols: Columns, rule_types: dict[int, str], frames: dict[int, set[int]],
           model: TriggerModel, coder: str = "hybrid", kinds: dict[int, str] | None = None) -> list[Decision]:
    """The words of a sentence (tokens ``start``..``end``) to code, and as what.

    rule_types (dict[int, str]): token → the type of the pattern that matched it.
    frames (dict[int, set[int]]): token → the frame words of the pattern that matched it
        ("out" and "airstrikes" for "carried out airstrikes"): while that pattern stands, its
        frame words are no triggers of their own; once the model drops it, they may be.
    kinds (dict[int, str] | None): token → actor kind (``actor_kinds``).
    coder (str): ``learned``: the model decides every word, a pattern only lends its frame
        when it agrees; ``hybrid``: a pattern's event stands (its type too: the patterns carry
        the CAMEO/PLOVER conventions) unless the model is confident it is no event
        (``drop``), and the model proposes its own words from ``add`` up, which the coder
        uses only where the patterns leave a sentence silent.
    RETURNS (list[Decision]): one per word to code, in sentence order.
    """
    cand = [i for i in range(start, end) if is_candidate(i, cols) or i in rule_types]
    if not cand:
        return []
    framed = {h for hits in frames.values() for h in hits}
    context = sentence_context(start, end, cols) if model.context else None
    feats = [token_features(i, cols, rule_types.get(i), i in framed, kinds, context) for i in cand]
    probs = model.probabilities(feats)
    classes, th = model.classes, model.thresholds
    none = classes.index(NONE)
    share_event_evidence(cand, probs, none, cols, rule_types, classes)
    chosen: dict[int, Decision] = {}
    for row, i in enumerate(cand):
        p = probs[row]
        top = _top_type(p, none)
        top_type, p_top, p_none = classes[top], float(p[top]), float(p[none])
        rule = rule_types.get(i)
        p_rule = float(p[classes.index(rule)]) if rule in classes else 0.0
        if coder == "learned":
            if p_top >= th["add"] and p_top >= p_none:
                chosen[i] = Decision(i, top_type, p_top, rule == top_type, feats[row])
        elif rule is not None:
            if p_none < th["drop"]:
                chosen[i] = Decision(i, rule, p_rule, True, feats[row])
        elif p_top >= th["add"] and p_top >= p_none:
            chosen[i] = Decision(i, top_type, p_top, False, feats[row])
    # A frame word of a pattern that still stands is part of that event, not another one.
    blocked = {h for i, d in chosen.items() if d.keep_rule for h in frames.get(i, ()) if h != i}
    return [d for i, d in sorted(chosen.items()) if i not in blocked]
