"""Titles, appositions and roles: what the words around a person's name say about them.

"Peruvian Interior Minister Jorge Salas" (``title_before``), "Harry Tseng, Taiwan's deputy
foreign minister" (``apposition_after``), "the ANC's chairman, Sipho Dlamini"
(``apposition_before``) and "NATO Secretary-General X" (``igo_title_before``) give a named
person a role, a country and an organisation (``titles``). "UNICEF, the UN children's
agency" makes the description another mention of the body (``appositive_orgs``). A titled
person with no country takes it from "the Burundian president" or the article's context
(``titled_person_countries``).
"""

from __future__ import annotations

from .context import context_country
from .modifiers import agent_before, read_modifiers
from .orgwords import IGO_TITLE_HEADS, ORG_NOUNS
from .state import DETERMINERS, KIN, PRONOUN_GENDER, VAGUE, Cand, DocState, Ref


def titles(state: DocState) -> None:
    """Titles and appositions give a named person's role, country and organisation."""
    doc = state.doc
    for cand in [c for c in state.cands if c.ref.kind == "PERSON" and c.priority == 2]:
        info = (title_before(state, cand) or apposition_after(state, cand) or apposition_before(state, cand)
                or igo_title_before(state, cand))
        if not info:
            continue
        code, words, country, owner, tstart, tend = info
        if code[:3] in VAGUE:
            continue
        misspelt_titled_person(state, cand, country)
        ref = cand.ref
        if ref.kind is None:
            ref.kind = "PERSON"
        org_ref = owner if owner is not None and owner.kind not in ("GPE", "PERSON") else None
        if country is None and owner is not None and owner.kind == "PERSON" and words.lower() in KIN:
            continue
        office = " ".join(w.capitalize() if w not in ("of", "the") else w for w in words.split())
        where = (f"the {org_ref.name}" if org_ref and org_ref.kind not in ("ARMED_GROUP",) else
                 (org_ref.name if org_ref else (state.kb.countries.get(country, {}).get("name") if country else None)))
        role_text = f"{office} of {where}" if where and "member" not in words.lower() else (
            f"{office} of the {org_ref.name} {words.split()[-1]}" if org_ref and "member" in words.lower() and words.split()[-1] != "member"
            else office)
        if "member" in words.lower() and org_ref is not None:
            role_text = f"Member of the {org_ref.name} {words.split()[-1]}" if words.split()[-1].lower() != "member" else f"Member of {org_ref.name}"
        sector = (code or "")[:3] or None
        # "UN envoy X": in this article the person acts for the international body,
        # whatever nationality or national office the KB gives them.
        for_igo = org_ref is not None and org_ref.country == "IGO"
        if for_igo:
            country, sector = "IGO", "IGO"
        if org_ref is not None:
            ref.organization = org_ref.key
            country = country or org_ref.country
            sector = sector or org_ref.sector
        if country is None and cand.end + 1 < len(doc) and doc[cand.end].lower_ == "of":
            # "Prime Minister Anna Kowalska of Poland"
            place = state.name_at.get(cand.end + 1)
            if place is not None and place.ref.kind == "GPE" and place.start == cand.end + 1:
                country = place.ref.country
        if for_igo or ref.kb_id is None or not ref.resolution.startswith("kb-role"):
            ref.country = country or ref.country
            ref.sector = sector or ref.sector
        ref.role = ref.role or role_text
        ref.resolution = f"{ref.resolution}+apposition" if ref.kb_id else "apposition"
        state.title_tokens.update(range(tstart, tend))


def title_before(state: DocState, cand: Cand):
    """"Peruvian Interior Minister Jorge Salas", "opposition leader Ana Quispe"."""
    found = agent_before(state, cand.start)
    if not found or not found[1]:
        return None
    a_start, code = found
    words = state.span_text(a_start, cand.start)
    m_start = a_start
    while m_start > 0 and (state.doc[m_start - 1].pos_ in ("PROPN", "ADJ", "PART", "DET") or state.doc[m_start - 1].tag_ == "POS") \
            and not state.doc[m_start - 1].is_punct and state.doc[m_start - 1].lower_ not in ("and", "or"):
        m_start -= 1
        if state.doc[m_start].lower_ in DETERMINERS:
            m_start += 1
            break
    country, owner, cands = read_modifiers(state, m_start, a_start)
    state.cands.extend(cands)
    return code, words, country, owner, a_start, cand.start


def apposition_after(state: DocState, cand: Cand):
    """"Omar Haddad, a member of its central committee"; "Harry Tseng, Taiwan's deputy foreign minister"."""
    doc = state.doc
    if cand.end + 1 >= len(doc) or doc[cand.end].text != ",":
        return None
    chunk = state.chunk_at(cand.end + 1)
    if chunk is None or chunk.start != cand.end + 1:
        return None
    root = state.chunk_root(chunk)
    words, code = None, None
    found = agent_before(state, root.i + 1)
    if found and found[0] >= chunk.start:
        words, code = doc[found[0]:root.i + 1].text, found[1]
        a_start = found[0]
    elif root.lower_ in ("member", "leader", "head", "chief", "founder", "official", "spokesman", "spokeswoman"):
        a_start, code, words = root.i, "", root.text
    elif root.lower_ in IGO_TITLE_HEADS and (igo := igo_in(state, chunk.start, root.i)) is not None:
        # "X, the World Bank's Chief Economist": the title after the body's name.
        a_start, code, words = igo.end, "", state.span_text(igo.end, root.i + 1)
    else:
        return None
    end = chunk.end
    owner_country, owner = None, None
    # "a member of its politburo": the organisation is the nearest preceding group.
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                end = max(end, pobj.i + 1)
                words = f"{words} {pobj.text}" if root.lower_ == "member" else words
                poss = next((c for c in pobj.children if c.dep_ == "poss"), None)
                if poss is not None and poss.lower_ in PRONOUN_GENDER:
                    owner = antecedent_org(state, cand.start)
                elif (c := state.name_at.get(pobj.i)) is not None:
                    owner = c.ref
    country, own2, cands = read_modifiers(state, chunk.start, a_start)
    state.cands.extend(cands)
    owner = owner or own2
    return code, words, country or owner_country, owner, chunk.start, end


def apposition_before(state: DocState, cand: Cand):
    """"Chile's deputy trade minister, Rosa Ibarra"; "the ANC's chairman, Sipho Dlamini"."""
    doc = state.doc
    if cand.start < 2 or doc[cand.start - 1].text != ",":
        return None
    found = agent_before(state, cand.start - 1)
    if not found or not found[1]:
        return None
    a_start, code = found
    words = state.span_text(a_start, cand.start - 1)
    chunk = state.chunk_at(cand.start - 2)
    m_start = chunk.start if chunk is not None else a_start
    country, owner, cands = read_modifiers(state, m_start, a_start)
    state.cands.extend(cands)
    return code, words, country, owner, a_start, cand.start - 1


def igo_title_before(state: DocState, cand: Cand):
    """"EU foreign policy chief X", "NATO Secretary-General X": a body's name, then a title.

    Only titles that are no KB agent phrase reach here; the words between the body's
    name and the person must be lower case or capitalised title words, no punctuation
    but hyphens.
    """
    doc = state.doc
    if cand.start < 2 or doc[cand.start - 1].lower_ not in IGO_TITLE_HEADS:
        return None
    i = cand.start - 1
    while i >= max(0, cand.start - 6):
        c = state.name_at.get(i)
        if c is not None:
            if c.ref.country != "IGO" or c.ref.kind == "PERSON":
                return None
            if c.end == cand.start:
                # "U.N. Secretary-General X": the KB knows the whole title as the body's alias.
                return "", state.span_text(c.start, cand.start), None, c.ref, c.start, cand.start
            return "", state.span_text(c.end, cand.start), None, c.ref, c.end, cand.start
        if doc[i].is_punct and doc[i].text not in ("-", "–"):
            return None
        i -= 1
    return None


def igo_in(state: DocState, start: int, stop: int) -> Cand | None:
    """The international body named in tokens [start, stop), else None."""
    for i in range(start, stop):
        c = state.name_at.get(i)
        if c is not None and c.ref.country == "IGO" and c.ref.kind != "PERSON" and c.end <= stop:
            return c
    return None


def antecedent_org(state: DocState, before: int) -> Ref | None:
    """The nearest organisation named before token ``before`` in its sentence ("its" in "a member of its politburo")."""
    sent_start = state.sentence(before)[0]
    for c in sorted(state.cands, key=lambda c: -c.start):
        if sent_start <= c.start < before and c.ref.kind in ("ORG", "ARMED_GROUP", "IGO", "NGO"):
            return c.ref
    return None


def misspelt_titled_person(state: DocState, cand: Cand, country: str | None) -> None:
    """"President Laurent Gbago": a titled name the KB lacks, one typo from a KB person, is that person.

    A title says the name is a public figure's, which makes a one-letter slip far likelier
    than a namesake; a title naming another country than the person's rules it out.
    """
    if cand.ref.kb_id is not None:
        return
    text = state.span_text(cand.start, cand.end)
    idx = state.kb.misspelt_person(text)
    if idx is None:
        return
    ref = state.entity_ref(idx, "fuzzy-typo")
    if country is not None and ref.country not in (None, country[:3]):
        return
    cand.ref = ref
    state.warnings.append(f"probable misspelling: '{text}' for '{ref.name}'")


def appositive_orgs(state: DocState) -> None:
    """"UNICEF, the UN children's agency ..." - the descriptive phrase is another mention of it."""
    doc = state.doc
    for cand in [c for c in state.cands if c.priority == 2 and c.ref.kind in ("ORG", "IGO", "NGO", "ARMED_GROUP")]:
        if cand.end + 1 < len(doc) and state.cols.text[cand.end] == "," and state.cols.lower[cand.end + 1] == "the":
            chunk = state.chunk_at(cand.end + 1)
            root = state.chunk_root(chunk) if chunk is not None else None
            if root is not None and (root.lower_ in ORG_NOUNS or root.dep_ == "appos"):
                state.drop_cands((chunk.start, chunk.end))
                state.cands.append(Cand(chunk.start, chunk.end, cand.ref, priority=1))
                state.title_tokens.update(range(chunk.start, chunk.end))


def titled_person_countries(state: DocState) -> None:
    """"President Agathon Rwasa ... the Burundian president": the title phrase's country.

    An unknown person titled with an office but no country takes the country of the one
    described office-holder with the same head word ("the Burundian president"), which
    then becomes a mention of that person. Only when both sides are unambiguous.
    """
    doc = state.doc
    people: dict[str, list[tuple[Ref, str]]] = {}
    for c in state.cands:
        ref = c.ref
        if c.priority == 2 and ref.kind == "PERSON" and ref.kb_id is None and ref.country is None and ref.role:
            head = ref.role.split(" of ")[0].split()[-1].lower()
            if ref not in [r for r, _ in people.get(head, [])]:
                people.setdefault(head, []).append((ref, head))
    for head, refs in people.items():
        if len(refs) != 1:
            continue
        person = refs[0][0]
        described = [c for c in state.cands if c.priority == 5 and c.ref.kind == "PERSON" and c.ref.country
                     and doc[c.end - 1].lower_ == head]
        if len({c.ref.country for c in described}) != 1:
            continue
        person.country = described[0].ref.country
        person.resolution += "+title-coref"
        for c in described:
            c.ref = person
    titled_persons_in_context(state)


def titled_persons_in_context(state: DocState) -> None:
    """"Sudan ... President Omar X": a title without a country takes the article's country.

    The same rule as "the government" (``context_country``): the one country of this
    and the previous sentence, else the article's clearly dominant one; none when two
    countries compete.
    """
    seen: set[str] = set()
    for c in sorted(state.cands, key=lambda c: c.start):
        ref = c.ref
        if (c.priority != 2 or ref.kind != "PERSON" or ref.kb_id is not None or ref.country is not None
                or not ref.role or ref.key in seen):
            continue
        seen.add(ref.key)
        country = context_country(state, c.start)
        if country is not None:
            ref.country = country[:3]
            ref.resolution += "+context"
