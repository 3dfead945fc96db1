"""How much lower-case and ALL-CAPS text costs, with and without truecasing.

    python scripts/casing_robustness.py [rules|learned|hybrid]

Codes the silver sentences (minus the written case-variant pairs) as written, lower-cased
and upper-cased, with eventwire's truecasing on and then switched off, and scores each
against the silver annotations. The trigger model was trained on these sentences as
written, so the learned and hybrid rows are in-sample: read them for the casing effect,
not as accuracy.
"""
import sys
from eventwire.eval.silver import load
from eventwire.eval.silver_score import SentenceResult, score
from eventwire.nlp import load_nlp
from eventwire.nlp import truecase as tc

sentences = [s for s in load() if s.category != "case-variants"]
nlp = load_nlp(); pipe = nlp.get_pipe("eventwire_events"); pipe.coder = sys.argv[1] if len(sys.argv) > 1 else "rules"
out = {}
for truecasing in (True, False):
    if not truecasing:
        tc.needs_truecase = lambda line: False
        import eventwire.nlp.truecase as m; m.needs_truecase = tc.needs_truecase
    for variant, f in (("as written", lambda t: t), ("lower", str.lower), ("upper", str.upper)):
        if variant == "as written" and not truecasing:
            continue
        docs = nlp.pipe((f(s.text) for s in sentences), batch_size=64)
        res = [SentenceResult(s, d._.eventwire_events) for s, d in zip(sentences, docs)]
        sc = score(res)
        key = f"{variant}, truecasing {'on' if truecasing else 'off'}"
        out[key] = {k: sc[k] for k in ("type_accuracy", "triple_f1", "silent_rate")}
        print(key, out[key], flush=True)
