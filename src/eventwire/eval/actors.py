"""``eventwire eval actors``: country and sector accuracy on the NGEC actor-code cases.

Each case's ``actor_text`` is resolved by ``resolve_phrase`` - the same code the pipeline
runs on articles - with its ``date`` ("today" = the current date) and ``context``.
Country and sector are scored separately, each over the cases that expect it. NGEC codes
UN bodies as "UNO" and EU bodies as "EUR": those match an IGO actor of that organisation.
Cases marked ``xfail`` are resolved and reported but left out of the denominators.
Misses are listed grouped by a coarse cause, largest group first.
"""

from __future__ import annotations

import json
from pathlib import Path

from .report import EvalReport

DEFAULT_PATH = Path(__file__).resolve().parents[3].parent / "shared" / "gold" / "ngec-actors" / "actor_code_cases.jsonl"


def _country_ok(expected: str, actor, kb) -> bool:
    got = actor.country if actor else None
    if not expected:
        return got is None
    if got == expected:
        return True
    if expected in ("IGO", "UNO", "EUR", "NAT") and got == "IGO":
        # The body itself (kb_id) or the body an agent belongs to ("EU legislators").
        orgs = {(kb.entity(k) or {}).get("org") for k in (actor.kb_id, actor.organization) if k}
        return expected == "IGO" or expected in orgs
    return False


def failure_cause(actor) -> str:
    """A coarse reason for a miss, so the largest general causes are fixed first.

    >>> failure_cause(None)
    'nothing found'
    """
    if actor is None:
        return "nothing found"
    how = actor.resolution or ""
    if how.startswith("ner-only"):
        return "unknown name (not in KB, no title)"
    if actor.kind == "GPE" or how.startswith("demonym") or how == "city":
        return "place or demonym only (agent words unused)"
    if how.startswith(("kb-", "fuzzy", "capital")):
        return "KB entry or role"
    if how.startswith("agent"):
        return "agent phrase (sector words or country modifier)"
    if "apposition" in how:
        return "title or apposition"
    return "other: " + how


def evaluate(path: Path | None = None, nlp=None) -> EvalReport:
    """Score actor resolution on the NGEC cases.

    path (Path | None): the JSONL file; ../shared/gold/ngec-actors/actor_code_cases.jsonl when None.
    nlp (Language | None): a loaded pipeline; ``load_nlp()`` when None.
    RETURNS (EvalReport): scores ``country_acc`` and ``sector_acc``, failing cases in ``details``.
    """
    from ..actors.phrase import resolve_phrase
    from ..actors.kb import load_kb
    from ..nlp import load_nlp

    path = Path(path or DEFAULT_PATH)
    nlp = nlp or load_nlp()
    kb = load_kb()
    counts = {"country": [0, 0], "sector": [0, 0]}
    details, xfails = [], 0
    by_cause: dict[str, list[str]] = {}
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for case in cases:
        expected = case.get("expected") or {}
        actor = resolve_phrase(case["actor_text"], date=case.get("date"), context=case.get("context") or None, nlp=nlp)
        got = f"{actor.name} {actor.country}/{actor.sector} ({actor.resolution})" if actor else "nothing"
        checks = []
        if "country" in expected:
            checks.append(("country", _country_ok(expected["country"] or "", actor, kb), expected["country"]))
        if "code_1" in expected:
            want = expected["code_1"] or None
            checks.append(("sector", (actor.sector if actor else None) == want, want))
        if case.get("xfail"):
            xfails += 1
            details.append(f"xfail {case['test']}: {case['actor_text']!r} -> {got}")
            continue
        for what, ok, want in checks:
            counts[what][1] += 1
            counts[what][0] += ok
            if not ok:
                by_cause.setdefault(failure_cause(actor), []).append(
                    f"FAIL {what} {case['test']}: {case['actor_text']!r} date={case.get('date')} "
                    f"expected {want!r}, got {got}")
    for cause, lines in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
        details.append(f"== {cause}: {len(lines)} misses")
        details.extend(lines)
    scores = {f"{k}_acc": round(ok / n, 4) if n else 0.0 for k, (ok, n) in counts.items()}
    table = [["measure", "correct", "cases", "accuracy"]] + [
        [k, str(ok), str(n), f"{scores[k + '_acc']:.3f}"] for k, (ok, n) in counts.items()]
    n = len(cases) - xfails
    return EvalReport(
        name="actors", scores=scores, table=table, details=details,
        summary=f"actors country={scores['country_acc']:.2f} sector={scores['sector_acc']:.2f} n={n} (xfail {xfails})",
    )
