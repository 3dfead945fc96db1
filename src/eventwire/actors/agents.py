"""Agent phrases: actors described by a noun rather than named ("Kenyan police", "rebels").

``agent_phrases`` takes each noun chunk whose head ends a KB agent phrase and decides
whether it is an actor, and whose: the country and owner of its modifiers ("Russia's
deputy foreign minister", "members of SANDF"), where its people live, the country of
context for "the government" and nationless groups, one group per country for "U.S. and
Russian negotiators". A government phrase of a known country becomes its KB government;
a plural becomes a group, a singular an office holder or a body.
"""

from __future__ import annotations

from itertools import accumulate
from operator import or_

from ..nlp.columns import Columns
from ..schema import STATE_SECTORS
from .chunks import span_root
from .collectives import bare_group, conjoined_countries
from .context import context_country, leader_country, pronoun_country, sentence_country
from .kb import BLOCS
from .modifiers import agent_before, read_modifiers, stance_prefix
from .normalize import slug
from .places import ethnic_home
from .state import DETERMINERS, VAGUE, Cand, DocState, Ref, is_cap_text

GOV_HEADS = {"regime", "government", "administration", "authorities", "leadership", "cabinet", "junta"}
# Nouns that make "a slew of X" / "a number of X" one phrase about X.
QUANTITY = {"slew", "number", "host", "handful", "dozens", "group", "series", "couple", "lot",
            "coalition", "bunch", "pair", "team", "several", "some", "members", "member"}
# Words before agent words that make the phrase no actor of its own ("their leaders").
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Words before agent words that make the agent elite ("former ministers").
FORMER = frozenset({"former", "ex", "retired"})
ORG_ROLES = {"president", "chairman", "chair", "speaker", "head", "leader", "member", "members", "chief"}
# Heads of "the government"-like phrases that mean the article's one country.
CONTEXT_HEADS = GOV_HEADS | {"ministry", "parliament", "military", "army", "police", "president",
                             "prime minister", "foreign ministry", "defence ministry", "defense ministry"}
# Of the sectors a bare group noun may have, the armed ones are actors (sector only) even
# with no country in sight. Not the criminal sector: with bandits and gangs it holds
# prisoners, convicts and undocumented migrants, who are no armed group.
BARE_ARMED_SECTORS = {"REB", "INS", "UAF", "MIL", "COP", "RAD"}


def agent_head(cols: Columns, start: int, root: int) -> str:
    """The agent words of a phrase, lower case ("Foreign Ministry" -> "foreign ministry")."""
    return " ".join(cols.lower[start:root + 1])


def agent_phrases(state: DocState) -> None:
    """Un-named agent phrases: "Russia's deputy foreign minister", "a slew of western governments"."""
    doc, last_words, cols = state.doc, state.kb.agent_last_words, state.cols
    lower, tags, dep, heads = cols.lower, cols.tag, cols.dep, cols.head
    # ends_before[i]: how many of tokens [0, i) could end an agent phrase (a possessive or
    # a KB agent phrase's last word); a chunk with none is no agent phrase.
    ends = map(or_, map("POS".__eq__, tags), map(last_words.__contains__, state.norms))
    ends_before = list(accumulate(ends, initial=0))
    # Names followed by a possessive "'s": the only candidates that make a phrase possessive
    # ("Kenya's police"). This step adds none of its own (priorities 4 and 5).
    possessors = [c for c in state.cands if c.priority == 2 and c.end < len(doc) and tags[c.end] == "POS"]
    for chunk in state.noun_chunks:
        if ends_before[chunk.end] == ends_before[chunk.start]:
            continue
        # A root inside a title or a name belongs to that person or name.
        root_i = span_root(state.cols, chunk.start, chunk.end)
        if root_i in state.title_tokens or root_i in state.name_at or state.cols.pos[root_i] not in ("NOUN", "PROPN"):
            continue
        found = agent_before(state, root_i + 1)
        if not found or found[0] < chunk.start:
            continue
        a_start, code = found
        sector = (code or "")[:3] or None
        # A vague agent code, or agent words with a sector inside a quote (a speaker's words,
        # not the article's description), code no actor.
        if not state.phrase and (sector in VAGUE or root_i in state.quoted and sector):
            continue
        # "their leaders" is nobody in particular; "his government" or "its troops" is the
        # state of the person or body the pronoun stands for, when only one can be meant.
        pronoun = next((i for i in range(chunk.start, a_start) if lower[i] in POSSESSIVE_PRONOUNS), None)
        # Only a state's own bodies (``STATE_SECTORS``) are handed on: "his supporters" stay no one.
        pronoun_of = pronoun_country(state, pronoun) if pronoun is not None and sector in STATE_SECTORS else None
        if pronoun is not None and pronoun_of is None:
            continue
        start = chunk.start
        # "a slew of western governments": take in the quantity phrase before it.
        head, left = heads[root_i], state.left_edge[root_i]
        if dep[root_i] == "pobj" and lower[head] == "of" and lower[heads[head]] in QUANTITY:
            start = state.left_edge[heads[head]]
        elif left < start and all(dep[i] in ("quantmod", "advmod", "nummod", "det", "predet", "amod")
                                  or doc[i].like_num for i in range(left, start)):
            start = left
        country, owner, _ = read_modifiers(state, chunk.start, a_start)
        country = country or pronoun_of
        # "ethnic Tajik militiamen fighting in Kyrgyzstan" are coded where they live.
        home = ethnic_home(state, chunk.start, a_start, root_i, country)
        country = home.country if home is not None else country
        possessive = [c for c in possessors if chunk.start <= c.start < a_start and state.still_cand(c)]
        if owner is None or country is None:
            owner, country = owner_after(state, root_i, owner, country)
        if country is None and owner is not None and owner.kind == "PERSON" and lower[root_i] in GOV_HEADS:
            country = leader_country(state, owner.name)  # "the Bush administration"
        if owner is not None and owner.resolution == "ner-only" and owner.kind == "PERSON" and tags[root_i] == "NNS" \
                and len(owner.name.split()) == 1:
            owner = None  # "Igbo separatists": NER takes an unknown people for a person
        if owner is not None and owner.kind == "ARMED_GROUP":
            continue  # "Boko Haram gunmen" are the group itself
        if owner is not None and owner.kind == "PERSON" and lower[root_i] not in GOV_HEADS:
            continue
        if possessive and owner is not None and owner.kind not in ("GPE", "PERSON", "IGO"):
            continue  # "the PA's employees": too vague to be an actor of its own
        if sector and not FORMER.isdisjoint(lower[chunk.start:a_start + 1]):
            sector = "ELI"
        bloc = next((w for w in cols.text[chunk.start:a_start] if state.kb.country_code(w) in BLOCS), None)
        org_owner = owner if owner is not None and owner.kind in ("IGO", "ORG", "NGO") else None
        if org_owner is not None and org_owner.country == "IGO":
            country = "IGO"
        if org_owner is not None and org_owner.sector and (lower[root_i] in ORG_ROLES or (sector or "") in VAGUE):
            sector = org_owner.sector  # "president of the Riigikogu", "members of SANDF"
        context = False
        if (not state.phrase and country is None and owner is None and bloc is None
                and lower[chunk.start] == "the" and agent_head(cols, a_start, root_i) in CONTEXT_HEADS):
            country = context_country(state, chunk.start)
            context = country is not None
        # "Insurgents bombarded Aleppo": an actor even without a nationality.
        nationless = not state.phrase and country is None and bloc is None and owner is None
        bare = nationless and bare_group(state, chunk.start, root_i, code)
        # "Shona rebels", "Islamic fundamentalists": a people or faith no country table places.
        named = (nationless and not bare and not any(stance_prefix(state, i) for i in range(chunk.start, root_i))
                 and bare_group(state, chunk.start, root_i, code, named=True))
        if bare or named:
            country = sentence_country(state, root_i)
            context = country is not None
            if country is None and (named or (sector or "") not in BARE_ARMED_SECTORS):
                continue  # "bring suspects to trial": unarmed and of no country, nobody in particular
        if not state.phrase and (country is None and bloc is None and not bare or (sector or "") in VAGUE
                                or (root_i in state.quoted and sector)):
            continue
        if not code and country is None and bloc is None:
            continue
        # "U.S. and Russian negotiators": one group per country, the last keeps the head.
        conjoined = [] if possessive else conjoined_countries(state, chunk.start, a_start)
        if len(conjoined) > 1:
            start, country = split_conjoined(state, conjoined, start, a_start, root_i, sector)
        # Possessive owners stay their own mentions; other modifiers are part of the phrase.
        if possessive:
            start = max(start, max(c.end for c in possessive) + 1)
        else:
            state.drop_cands((start, a_start))
        # NER takes a capitalised agent word for a name ("Riot police detained …" at a
        # sentence's start): an unknown name inside the agent words is part of the phrase.
        state.cands = [c for c in state.cands if not (a_start <= c.start and c.end <= root_i + 1
                                                      and c.ref.resolution == "ner-only")]
        agent_words = state.span_text(a_start, root_i + 1).lower()
        iso = country[:3] if country and country not in BLOCS else None
        if lower[root_i] in GOV_HEADS and iso and iso != "IGO" and (sector == "GOV" and not org_owner):
            gov = state.kb.government_entity(iso)
            if gov is not None:
                ref = Ref(key=gov["id"], name=gov["name"], country=iso, sector="GOV", kind="ORG",
                          kb_id=gov["id"], resolution="agent+context" if context else "agent+possessive")
                state.cands.append(Cand(a_start if possessive else start, root_i + 1, ref, priority=4))
                continue
        group = not code or tags[root_i] in ("NNS", "NNPS") and lower[root_i] not in ("police",)
        if org_owner is not None:
            prefix = org_owner.name
        else:
            prefix = state.kb.demonym(country) if country else None
        name = f"{prefix} {agent_words}" if prefix else agent_words
        if home is not None:
            name = f"{state.span_text(chunk.start, root_i + 1)} in {home.name}"
        elif named:
            first = next((i for i in range(chunk.start, root_i) if is_cap_text(cols.text[i]) or cols.ent_type[i]), chunk.start)
            name = state.span_text(first, root_i + 1)
        name = name[:1].upper() + name[1:]
        how = "agent" + ("+possessive" if possessive else "+organization" if org_owner else
                         "+context" if context else "+demonym" if country else "")
        if bare or named:
            # nationless: its country (if any) is the sentence's or article's
            how += "+bare" if bare else "+named"
        elif pronoun_of is not None:
            how += "+pronoun"  # "its troops": the state's own, like nationless troops
        if group:
            ref = Ref(key=f"group:{iso or country or ''}:{sector or ''}" + (f":{slug(name)}" if home else ""), name=name, country=iso, sector=sector,
                      kind="GROUP", resolution=how.replace("agent", "agent-group"),
                      organization=org_owner.key if org_owner else None)
        else:
            kind = "PERSON" if tags[root_i] == "NN" and sector in ("GOV", "LEG", "JUD", "OPP", "ELI", "REL") and not lower[root_i].startswith(
                ("minist", "depart", "office", "bank", "agency", "court", "council", "legislat", "body")) else "ORG"
            ref = Ref(key=slug(name), name=name, country=iso, sector=sector, kind=kind, resolution=how,
                      organization=org_owner.key if org_owner else None)
        if not possessive and lower[start] in DETERMINERS and not group:
            start += 1
        state.cands.append(Cand(start, root_i + 1, ref, priority=5))


def owner_after(state: DocState, root: int, owner: Ref | None, country: str | None) -> tuple[Ref | None, str | None]:
    """The owner and country a phrase takes from the place or body after its head.

    "Muslim leaders in France", "president of the Riigikogu", "the government of Punjab
    province": the first named non-person (or known city) after "of/in/from/across/at"
    fills whichever of ``owner`` and ``country`` is still None.
    RETURNS (tuple[Ref | None, str | None]): the owner and the country.
    """
    dep, lower, children = state.cols.dep, state.cols.lower, state.cols.children
    for prep in (c for c in children[root] if dep[c] == "prep" and lower[c] in ("of", "in", "from", "across", "at")):
        pobj = next((c for c in children[prep] if dep[c] == "pobj"), None)
        # "the government of Punjab province": the name may be the noun's compound.
        named = next((state.name_at[t] for t in ([pobj, *children[pobj]] if pobj is not None else [])
                      if t in state.name_at and (t == pobj or dep[t] == "compound")), None)
        if named is not None and named.ref.kind != "PERSON":
            owner = owner or named.ref
            country = country or (named.ref.country if named.ref.country != "IGO" else None)
            break
        if pobj is not None and (c := state.kb.cities.get(state.norms[pobj])):
            country = country or c
            break
    return owner, country


def split_conjoined(state: DocState, conjoined: list[tuple[int, int, str]], start: int, a_start: int, root: int,
                    sector: str | None) -> tuple[int, str]:
    """"U.S. and Russian negotiators": one group per country; the last country keeps the head.

    Adds a group mention for each country but the last, on its modifier's tokens, and
    drops the candidates of the modifiers [start, a_start).
    RETURNS (tuple[int, str]): where the last country's phrase starts, and that country.
    """
    state.drop_cands((start, a_start))
    words = state.span_text(a_start, root + 1).lower()
    for s_, e_, code_ in conjoined[:-1]:
        name_ = f"{state.kb.demonym(code_) or code_} {words}"
        state.cands.append(Cand(s_, e_, Ref(key=f"group:{code_}:{sector or ''}", name=name_[:1].upper() + name_[1:],
                                           country=code_, sector=sector, kind="GROUP", resolution="agent-group+conjoined"),
                                priority=5))
    return conjoined[-1][0], conjoined[-1][2]
