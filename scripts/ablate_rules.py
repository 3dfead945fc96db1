"""Ablate special-case coder rules and measure each on unseen silver text.

    python scripts/ablate_rules.py [--gold]

Rules grown from single development sentences fit those sentences and little else. For each
special case named below, the rules coder is re-run on the whole silver corpus with the
rule switched off (its function patched to its neutral answer), and the silver type
accuracy and triple F1 are compared with the rule on. A rule that does not help on silver
is a candidate for removal. With ``--gold`` the aggregate PLOVER dev and PETR2 scores are
printed too (aggregates only: the floors a removal would lower).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from contextlib import contextmanager

from eventwire.eval.silver import load
from eventwire.eval.silver_score import SentenceResult, score
from eventwire.events.coder import code_events
from eventwire.nlp import load_nlp

# (module, function, neutral return value, what the special case does): the module that
# defines the function; ``patched`` also replaces it where other modules imported it.
# Removed after an earlier run of this script showed them fitted to gold sentences only:
# _travel_to_talks_venue, _is_in_protest, _including_after_attribution, host_of, occupants;
# and with no effect once the vow-retaliate pattern covered vows of force: _commits_to_conflict.
ABLATIONS = [
    ("eventwire.events.obligations", "obligation_clauses", [], "'a reminder to X that it must ...' is a REQUEST"),
    ("eventwire.events.recodes", "moves_peacekeepers", False, "peacekeepers deployed are AID"),
    ("eventwire.events.recodes", "is_joint_exercise", False, "joint exercises are COOPERATE"),
    ("eventwire.events.content", "in_time_anchor_clause", False, "'before/until X' clauses are no events"),
    ("eventwire.events.recodes", "reported_accusation", None, "'X said Y attacked Z' is X's allegation"),
    ("eventwire.events.construction", "_is_located", False, "a place stands for a missing target"),
    ("eventwire.events.construction", "_is_content_located", False, "a promised action's place stands for its target"),
    ("eventwire.events.located", "attack_actor", [], "an attack with no perpetrator is coded to its country"),
    ("eventwire.events.located", "located_protesters", [], "a crowd takes the country of its protest place"),
    ("eventwire.events.phrases", "_located_group", None, "'opposition groups in X' are X's"),
    ("eventwire.events.arguments", "_own_forces", False, "nationless troops a state sends are its own"),
]


@contextmanager
def patched(module: str, name: str, value):
    """Replace ``module.name`` by a function returning ``value``, in ``module`` and in every
    eventwire module that imported it by name (``from .x import name``): a caller looks
    the name up in its own module."""
    original = getattr(importlib.import_module(module), name)
    holders = [m for key, m in list(sys.modules.items())
               if key.startswith("eventwire") and getattr(m, name, None) is original]
    stub = lambda *a, **k: value() if callable(value) else (list(value) if isinstance(value, list) else value)  # noqa: E731
    for m in holders:
        setattr(m, name, stub)
    try:
        yield
    finally:
        for m in holders:
            setattr(m, name, original)


def silver_scores(docs, sentences, index) -> dict:
    res = [SentenceResult(s, code_events(d, index, 6, None, None, "rules")) for d, s in zip(docs, sentences)]
    sc = score(res)
    return {"type": sc["type_accuracy"], "f1": sc["triple_f1"], "p": sc["triple_p"], "r": sc["triple_r"]}


def gold_scores(nlp) -> dict:
    out = {}
    for suite in ("plover", "petr2"):
        r = importlib.import_module(f"eventwire.eval.{suite}").evaluate(None, nlp=nlp)
        out[suite] = {k: r.scores[k] for k in ("triple_f1",) + (("type_accuracy",) if suite == "plover" else ())}
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", action="store_true")
    args = ap.parse_args()
    nlp = load_nlp()
    pipe = nlp.get_pipe("eventwire_events")
    pipe.coder = "rules"
    sentences = load()
    docs = list(nlp.pipe((s.text for s in sentences), batch_size=64))
    base = silver_scores(docs, sentences, pipe.index)
    gold_base = gold_scores(nlp) if args.gold else {}
    print(json.dumps({"baseline": base, "gold": gold_base}))
    for module, name, value, what in ABLATIONS:
        with patched(module, name, value):
            s = silver_scores(docs, sentences, pipe.index)
            g = gold_scores(nlp) if args.gold else {}
        print(json.dumps({"rule": f"{module.rsplit('.', 1)[1]}.{name}", "what": what, "silver": s,
                          "silver_delta_f1": round(s["f1"] - base["f1"], 4),
                          "silver_delta_type": round(s["type"] - base["type"], 4), "gold": g}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
