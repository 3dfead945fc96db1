"""Coreference: later mentions of a person named earlier in the article.

A surname alone ("Haddad") is the full name seen before; a surname one or two letters off
is a misspelling of it (with a warning); an unknown surname the KB knows as one office
holder's is that person. "X's widow, Y" and "her husband" refer through the KB's or the
article's spouse links (``kinship``).
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from .normalize import norm
from .state import KIN, PRONOUN_GENDER, Cand, DocState, Ref


def corefer_persons(state: DocState) -> None:
    """Surnames and misspellings resolve to a full name seen in the article."""
    full = {}
    for c in state.cands:
        if c.priority == 2 and c.ref.kind == "PERSON" and len(norm(c.ref.name).split()) > 1:
            full.setdefault(c.ref.key, c.ref)
            surface = norm(state.span_text(c.start, c.end)).split()
            if len(surface) > 1:
                full.setdefault("surface:" + surface[-1], c.ref)
    surnames: dict[str, Ref] = {}
    for key, ref in full.items():
        if key.startswith("surface:"):
            surnames.setdefault(key[8:], ref)
        else:
            surnames.setdefault(norm(ref.name).split()[-1], ref)
    for c in state.cands:
        if c.priority != 2 or c.end - c.start != 1:
            continue
        word = norm(state.cols.text[c.start])
        if not word or c.ref.kind in ("GPE", "IGO") and c.ref.kb_id:
            continue
        if word in surnames:
            c.ref = surnames[word]
            continue
        if c.ref.kb_id is not None and c.ref.kind != "PERSON":
            continue
        best = None
        for surname, ref in surnames.items():
            if abs(len(surname) - len(word)) <= 2 and len(word) >= 5 and surname[0] == word[0]:
                dist = Levenshtein.distance(word, surname)
                if dist <= max(1, len(surname) // 4) and (best is None or dist < best[0]):
                    best = (dist, ref)
        if best is not None:
            c.ref = best[1]
            state.warnings.append(f"probable misspelling: '{state.doc[c.start].text}' for '{best[1].name}'")
            continue
        if c.ref.kb_id is None:
            hits = state.kb.surnames.get(word, [])
            idx = state.pick(hits) if len(hits) == 1 or state.date else None
            if idx is not None and len(hits) <= 3:
                c.ref = state.entity_ref(idx, "kb-surname")


def kinship(state: DocState) -> None:
    """"Navalny's widow, Yulia Navalnaya" (a mention of her) and "her husband"."""
    doc = state.doc
    for i, lower in enumerate(state.cols.lower):
        if lower not in KIN:
            continue
        tok = doc[i]
        relation, gender = KIN[tok.lower_]
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            continue
        start = poss.i if poss.lower_ in PRONOUN_GENDER else (state.name_at[poss.i].start if poss.i in state.name_at else poss.i)
        span = (start, tok.i + 1)
        # Named in apposition: "Navalny's widow, Yulia Navalnaya".
        nxt = state.name_at.get(tok.i + 2) if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," else None
        partner_cand = state.name_at.get(poss.i)
        if nxt is not None and nxt.start == tok.i + 2:
            nxt.ref.gender = nxt.ref.gender or gender
            if partner_cand is not None:
                state.spouses[nxt.ref.key] = partner_cand.ref.key
                state.spouses[partner_cand.ref.key] = nxt.ref.key
                partner_cand.ref = partner_cand.ref  # keep
                state.drop_cands(span)
            state.cands.append(Cand(span[0], span[1], nxt.ref, priority=1))
            continue
        if poss.lower_ in PRONOUN_GENDER:
            target = spouse_of_antecedent(state, poss.i, PRONOUN_GENDER[poss.lower_])
            if target is not None:
                state.cands.append(Cand(span[0], span[1], target, priority=1))


def spouse_of_antecedent(state: DocState, at: int, gender: str | None) -> Ref | None:
    """The spouse of the one person "her"/"his" can refer to in this or the previous sentence."""
    prev_start = state.previous_sentence_start(at)
    seen: list[Ref] = []
    for c in sorted(state.cands, key=lambda c: c.start):
        if prev_start <= c.start < at and c.ref.kind == "PERSON" and c.ref not in seen:
            if gender is None or c.ref.gender in (gender, None):
                seen.append(c.ref)
    with_spouse = [r for r in seen if (state.spouses.get(r.key) or r.spouse) and (gender is None or r.gender == gender)]
    if len({r.key for r in with_spouse}) != 1:
        return None
    key = state.spouses.get(with_spouse[0].key) or with_spouse[0].spouse
    for c in state.cands:
        if c.ref.key == key:
            return c.ref
    idx = state.kb.by_id.get(key)
    return state.entity_ref(idx) if idx is not None else None
