"""Names: the mentions that start resolution, from KB aliases and named entities.

``collect_names`` merges the gazetteer's longest KB alias matches (``gazetteer``) with
spaCy's entities: an entity the KB knows becomes that entity, an unknown one a country
(demonym, region, city, misspelling), an organisation built from its parts ("Kano State
government"), a person, or nothing. ``add_name`` then decides whether a place name acts
(see ``places``) and turns a capital that is a verb's argument into its government.
``glossed_orgs`` joins "the Umma (Nation) party" into one organisation.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..nlp.columns import Columns, doc_ents
from .chunks import span_root
from .modifiers import agent_before, name_country
from .normalize import norm, slug
from .orgwords import FORM_WORDS, ORG_NOUNS, org_sector
from .places import acts, add_demonym, add_place, city_ref, is_demonym, region_country
from .state import DETERMINERS, Cand, DocState, Ref, is_cap, is_cap_text

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
# Nouns that end an organisation's name after a bracketed gloss ("the Umma (Nation) party").
GLOSSED_ORG_HEADS = ORG_NOUNS | {"coalition", "front", "alliance", "bloc", "union", "league", "association",
                                 "federation", "congress", "organisation", "organization"}
# A gazetteer match never spans these (a substring test, so "" and "()" count too).
ALIAS_BREAKS = ",;:()\""


def strip_span(cols: Columns, start: int, end: int) -> tuple[int, int]:
    """Token bounds [start, end) without leading determiners and a trailing possessive."""
    while start < end and cols.lower[start] in DETERMINERS:
        start += 1
    while end > start and cols.tag[end - 1] == "POS" or (end > start and cols.text[end - 1] in ("'s", "'", "’s")):
        end -= 1
    return start, end


def match_at(matches: list[tuple[int, int, int]]) -> dict[int, tuple[int, int, int]]:
    """Token index -> the gazetteer match covering it (the matches never overlap).

    >>> match_at([(0, 2, 7), (5, 6, 9)])
    {0: (0, 2, 7), 1: (0, 2, 7), 5: (5, 6, 9)}
    """
    return {k: m for m in matches for k in range(m[0], m[1])}


def gazetteer(state: DocState) -> list[tuple[int, int, int]]:
    """Longest KB alias matches over capitalised token runs: (start, end, entity)."""
    doc, kb, out = state.doc, state.kb, []
    texts, spaces, first_words, norms = state.cols.text, state.cols.is_space, kb.first_words, state.norms
    # A match begins with a capitalised token that begins some alias.
    starts = [i for i, w in enumerate(norms) if w in first_words and is_cap_text(texts[i])]
    covered = 0  # tokens before this are inside the last match
    for i in starts:
        if i < covered:
            continue
        longest = min(first_words[norms[i]], len(doc) - i)
        # A match never spans a break: the longest try ends before the first one.
        longest = next((k - i for k in range(i, i + longest) if spaces[k] or texts[k] in ALIAS_BREAKS), longest)
        for n in range(longest, 0, -1):
            if not is_cap_text(texts[i + n - 1]):
                continue
            hits = kb.lookup(state.span_text(i, i + n))
            if hits:
                # A lone capitalised common word ("Security") is only a name in its KB casing.
                if n == 1 and ((tok := doc[i]).is_stop or (tok.is_sent_start and tok.is_lower is False and tok.text.istitle() and len(tok) < 3)):
                    continue
                out.append((i, i + n, state.pick(hits)))
                covered = i + n
                break
    return out


def collect_names(state: DocState) -> None:
    """Add a candidate for every name: NER entities and KB aliases NER missed or cut short."""
    doc = state.doc
    gaz = gazetteer(state)
    used: set[int] = set()
    spans: list[tuple[int, int, str | None, int | None, str]] = []
    unresolved = []
    ents = list(doc_ents(doc))
    if state.phrase and not ents and len(doc) == 1 and is_cap(doc[0]) and state.kb.misspelt_country(doc.text):
        ents = [Span(doc, 0, 1, label="NORP")]  # a lone word NER skipped ("Ukranians")
    texts = state.cols.text
    gaz_at = match_at(gaz)
    for ent in ents:
        label = ent.label_
        if label not in NAME_LABELS:
            continue
        start, end = strip_span(state.cols, ent.start, ent.end)
        if start >= end or not is_cap_text(texts[end - 1]):
            continue  # "antiwar protesters": a common noun phrase, left to the agent pass
        match = gaz_at.get(start)
        if match is not None and end <= match[1] and match[1] - match[0] > end - start:
            continue  # a longer KB name contains it ("Jam Kamal" in "Jam Kamal Khan Alyani")
        text = state.span_text(start, end)
        idx, how = state.resolve_name(text)
        if idx is None and label == "ORG" and end - start > 1:
            # "Massachusetts Institute of Technology": a place name inside an organisation's name.
            # "Iraqi Red Crescent": named after a country, it is that country's body, not
            # the international one whose name it contains.
            national = name_country(state, start, end) is not None and bool(org_sector(text) or org_sector(text, FORM_WORDS))
            gaz = [g for g in gaz if not (start <= g[0] and g[1] <= end and (
                national or state.kb.entities[g[2]]["kind"] == "GPE"))]
            gaz_at = match_at(gaz)
        if idx is None:
            if (code := state.kb.country_code(text)) and label in ("NORP", "GPE"):
                unresolved.append((start, end, "DEMONYM:" + code, None, "demonym"))
            elif state.phrase and label != "PERSON" and (code := state.kb.cities.get(norm(text))):
                unresolved.append((start, end, "CITY:" + code, None, "city"))
            elif label in ("GPE", "LOC") and (code := region_country(state, text)):
                unresolved.append((start, end, "CITY:" + code, None, "region"))
            elif (label in ("NORP", "GPE") or state.phrase) and (found := state.kb.misspelt_country(text)):
                # A lone phrase one typo from a demonym is the demonym, whatever NER says.
                code, spelled = found
                state.warnings.append(f"probable misspelling: '{text}' for '{spelled}'")
                unresolved.append((start, end, "DEMONYM:" + code, None, "demonym"))
            elif label in ("PERSON", "ORG") or looks_like_person(state, start, end):
                unresolved.append((start, end, label, None, ""))
            continue
        spans.append((start, end, label, idx, how))
        used.update(range(start, end))
    # KB names NER missed or cut short ("Jam Kamal Khan Alyani" tagged "Khan Alyani").
    for s_, e_, idx in gaz:
        if not used.intersection(range(s_, e_)):
            spans.append((s_, e_, None, idx, "kb-alias"))
            used.update(range(s_, e_))
    for s_, e_, label, idx, how in unresolved:
        if not used.intersection(range(s_, e_)):
            spans.append((s_, e_, label, idx, how))
            used.update(range(s_, e_))
    for start, end, label, idx, how in sorted(spans):
        add_name(state, start, end, label, idx, how)


def looks_like_person(state: DocState, start: int, end: int) -> bool:
    """True for one proper-noun token NER gave another label: maybe a surname."""
    # spaCy labels unknown surnames GPE/ORG ("Shytayyeh"); a single capitalised token
    # not in the KB is kept so surname coreference can claim it.
    return end - start == 1 and state.cols.pos[start] == "PROPN"


def add_name(state: DocState, start: int, end: int, label: str | None, idx: int | None, how: str) -> None:
    """Add the mention of one name at tokens [start, end), or nothing when it names no actor.

    label (str | None): the NER label, or "DEMONYM:<ISO3>" / "CITY:<ISO3>" for a name
        ``collect_names`` resolved to a country; None for a KB match NER missed.
    idx (int | None): the KB entity, if the name is a KB alias.
    how (str): how the KB entity was matched ("kb-alias", "fuzzy:<score>").
    """
    text = state.span_text(start, end)
    if label and label.startswith(("DEMONYM:", "CITY:")):
        code = label.split(":", 1)[1]
        if not state.phrase and not acts(state, start, end):
            add_place(state, start, end, code)
            return
        if not state.phrase and is_demonym(state, start, end, "NORP"):
            add_demonym(state, start, end, code)
            return
        cand = state.country_cand(start, end, code, "demonym")
        if cand is not None and label.startswith("CITY:"):
            cand.ref = city_ref(state, text, code)
        if cand is not None:
            cand.priority = 2
            state.cands.append(cand)
            for i in range(start, end):
                state.name_at[i] = cand
        return
    if idx is not None and foreign_generic(state, start, idx):
        idx = None
        if agent_before(state, end) is not None:
            return
    if idx is not None:
        ref = state.entity_ref(idx, how)
        if (ref.kind == "GPE" or label in ("GPE", "LOC", "FAC")) and not acts(state, start, end):
            if ref.kind == "GPE" and ref.country:
                add_place(state, start, end, ref.country)
            return
        if ref.kind == "GPE" and not state.phrase and is_demonym(state, start, end, label):
            add_demonym(state, start, end, ref.country or "")
            return
        if ref.kind == "GPE" and norm(text) in state.kb.capitals:
            # A capital that is a verb's subject or object ("Beijing warned Taipei") is the
            # state's government; "Moscow's diplomats" stays the country.
            gov = None if state.phrase or not is_argument(state, start, end) else state.kb.government_entity(ref.country or "")
            if gov is not None:
                ref = Ref(key=gov["id"], name=gov["name"], country=ref.country, sector="GOV", kind="ORG",
                          kb_id=gov["id"], resolution="capital-metonym")
            elif state.phrase:
                ref.sector, ref.resolution = "GOV", "capital-metonym"
        elif state.phrase and ref.kind == "GPE" and (code := state.kb.cities.get(norm(text))) == ref.country:
            ref = city_ref(state, text, code)
    elif label in ("PERSON",) or (end - start == 1 and label in ("ORG", "GPE", "NORP", "LOC", "FAC")):
        ref = Ref(key=slug(text), name=text, kind="PERSON" if label == "PERSON" else None, resolution="ner-only")
    elif label == "ORG":
        found = agent_before(state, end)
        if found is not None and found[1] == "":
            return  # "Palestinian Factions" in a headline: a group, left to the agent pass
        ref = org_from_parts(state, start, end) or Ref(key=slug(text), name=text, kind="ORG", resolution="ner-only")
    else:
        return
    cand = Cand(start, end, ref, priority=2)
    state.cands.append(cand)
    for i in range(start, end):
        state.name_at[i] = cand


def is_argument(state: DocState, start: int, end: int) -> bool:
    """True when the span is a verb's subject or object (also one of a conjunction)."""
    heads, deps = state.cols.head, state.cols.dep
    head = span_root(state.cols, start, end)
    while deps[head] == "conj" and heads[head] != head:
        head = heads[head]
    return deps[head] in ("nsubj", "nsubjpass", "dobj", "iobj") or (
        deps[head] == "pobj" and state.cols.lower[heads[head]] == "by" and deps[heads[head]] == "agent")


def foreign_generic(state: DocState, start: int, idx: int) -> bool:
    """"Chile's Defense Department": a generic alias of another country's body."""
    e = state.kb.entities[idx]
    if e["kind"] in ("GPE", "PERSON") or not e.get("country") or e["country"] == "IGO":
        return False
    cols, prev = state.cols, None
    if start >= 2 and cols.tag[start - 1] == "POS":
        prev = cols.text[start - 2]
    elif start >= 1 and cols.pos[start - 1] in ("ADJ", "PROPN"):
        prev = cols.text[start - 1]
    code = state.kb.country_code(prev) if prev else None
    return bool(code) and code[:3] != e["country"]


def org_from_parts(state: DocState, start: int, end: int) -> Ref | None:
    """An unknown organisation named with a country and an agent word ("Kano State government")."""
    texts, country = state.cols.text, None
    if start >= 1:
        prev = texts[start - 2] if start >= 2 and state.cols.tag[start - 1] == "POS" else texts[start - 1]
        country = state.kb.country_code(prev) if is_cap_text(prev) else None
    country = country or name_country(state, start, end)
    for n in (2, 1):
        if country is None and end - start > n:
            country = state.kb.cities.get(norm(state.span_text(start, start + n)))
    code = org_sector(state.span_text(start, end))
    for n in range(min(state.kb.max_agent_len, end - start), 0, -1):
        if code is not None:
            break
        code = state.kb.agent(state.span_text(end - n, end))
    code = code or org_sector(state.span_text(start, end), FORM_WORDS)
    if country is None and not code:
        return None
    text = state.span_text(start, end)
    return Ref(key=slug(text), name=text, country=country[:3] if country else None,
               sector=(code or "")[:3] or None, kind="ORG", resolution="agent+country")


def glossed_orgs(state: DocState) -> None:
    """"the Umma (Nation) party", "the Birlik (Unity) opposition bloc": one organisation.

    A name the KB lacks, glossed in brackets and followed by an organisation noun, is
    the organisation's whole name; NER cuts it at the bracket or misses it.
    """
    texts = state.cols.text
    for i, text in enumerate(texts):
        if text != "(" or i == 0 or not texts[i - 1].isalpha() or not texts[i - 1][:1].isupper():
            continue
        close = next((j for j in range(i + 1, min(i + 6, len(texts))) if texts[j] == ")"), None)
        end = org_noun_end(state, close + 1) if close is not None else None
        if end is None:
            continue
        start = i
        while start > 0 and state.doc[start - 1].pos_ == "PROPN" and is_cap(state.doc[start - 1]):
            start -= 1
        if start == i or any(c.ref.kb_id for k in range(start, i) if (c := state.name_at.get(k)) is not None):
            continue
        name = state.span_text(start, end)
        ref = org_from_parts(state, start, end) or Ref(key=slug(name), name=name, kind="ORG", resolution="ner-only")
        ref.name, ref.key, ref.kind = name, slug(name), "ORG"
        state.drop_cands((start, end))
        cand = Cand(start, end, ref, priority=2)
        state.cands.append(cand)
        for k in range(start, end):
            state.name_at[k] = cand


def org_noun_end(state: DocState, at: int) -> int | None:
    """The end of "party" / "opposition coalition" at token ``at``: lower-case words up to an organisation noun."""
    for k in range(at, min(at + 3, len(state.doc))):
        tok = state.doc[k]
        if not tok.is_alpha or not tok.is_lower:
            return None
        if tok.lower_ in GLOSSED_ORG_HEADS:
            return k + 1
    return None
