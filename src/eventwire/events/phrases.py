"""Which actors an argument phrase names.

``resolve`` reads an argument head (a subject, an object, a "by" phrase) as the actors it
names: the head itself, its conjuncts and list members ("X, Y and Z", "X, including Y"),
the counted noun of a quantity ("scores of X"), the names inside its phrase (appositions,
compounds, possessors, "of" phrases), a pronoun's antecedent, a definite noun's actor in
the sentences before ("the decision"), and a group noun placed in a country ("opposition
groups in Zimbabwe").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..nlp.columns import ent_at
from ..schema import ActorRef
from ..when_where.clause import sentence_of
from .lexicon import SPEECH_VERBS
from .references import PRONOUNS, ActorIndex, compatible, positions, stance_prefixed
from .syntax import subject_of, subtree_indices

_RELATIVE = {"which", "who", "that", "whom", "whose"}


def resolve(token: Token, index: ActorIndex, depth: int = 3) -> list[ActorRef]:
    """The actors an argument head names: itself, its conjuncts, or inside its phrase.

    Looks at the head, then its appositions, compounds, possessors and "of" phrases
    breadth-first ("a Hamas delegation" → Hamas; "the decision of X" → X), never into
    clauses ("the plan ... to halt funding to UNICEF" does not yield UNICEF).
    """
    key = (token.i, depth)
    found = index.resolved.get(key)
    if found is None:
        found = index.resolved[key] = _resolve(token, index, depth)
    return list(found)  # a copy: callers may extend their list


def _resolve(token: Token, index: ActorIndex, depth: int) -> list[ActorRef]:
    doc, cols = token.doc, index.cols
    dep, children = cols.dep, cols.children
    token = quantified(token, index)
    i = token.i
    heads = [i] + conjuncts(i, index)
    # Inside an entity.
    if cols.ent_type[i]:
        # A misparsed name ("Barack/nsubj Obama/pobj and Putin") carries the coordination
        # on another of its words.
        ent = ent_at(doc, i)
        heads += [c for t in (range(ent.start, ent.end) if ent is not None else ()) if t != i
                  for c in conjuncts(t, index)]
    for m in children[i]:
        # "US and British activists": coordinated modifiers name one group each.
        if dep[m] in ("nmod", "amod", "compound") and "conj" in map(dep.__getitem__, children[m]):
            heads += [m] + conjuncts(m, index)
    heads += listed_members(i, index)
    out: list[ActorRef] = []
    ids: set[str] = set()
    for head in heads:
        ref = _resolve_one(head, index, depth) or _definite_antecedent(head, index, depth)
        if ref and ref.id not in ids:
            ids.add(ref.id)
            out.append(ref)
            for other in _inner_conjuncts(head, ref, index):
                extra = _resolve_one(other, index, depth)
                if extra and extra.id not in ids:
                    ids.add(extra.id)
                    out.append(extra)
    return out


def _inner_conjuncts(head: int, ref: ActorRef, index: ActorIndex) -> list[int]:
    """Conjuncts of the "from" phrase that named ``head``'s actor: "leaders from X and Y"
    names Y as well as X (the head "leaders" names nobody of its own). Not "of": "the
    villages of A and B" is one target, as the silver annotations code it."""
    cols = index.cols
    if index.ref_at_index(head):
        return []
    for c in cols.children[head]:
        if cols.dep[c] == "prep" and cols.lower[c] == "from":
            for p in cols.children[c]:
                found = index.ref_at_index(p) if cols.dep[p] == "pobj" else None
                if found and found.id == ref.id:
                    return conjuncts(p, index)
    return []


# Nouns of number and quantity: "scores of X" names X, with X's coordinations.
QUANTITY_NOUNS = frozenset("""score scores dozen dozens hundred hundreds thousand thousands million
millions number handful""".split())


def quantified(token: Token, index: ActorIndex) -> Token:
    """The counted noun of a quantity phrase ("scores of Liberian and Sierra Leonean refugees")."""
    if index.lemmas[token.i] not in QUANTITY_NOUNS and index.cols.lower[token.i] not in QUANTITY_NOUNS:
        return token
    counted = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"), None)
    return quantified(counted, index) if counted is not None else token


def _definite_antecedent(i: int, index: ActorIndex, depth: int) -> ActorRef | None:
    """"the decision" (token ``i``) with no actor in it: the actor of the same noun in the
    two sentences before.

    Lexical coreference of definite descriptions ("criticized the decision of X ...
    Y denounced the decision") is the commonest cross-sentence link in news.
    """
    doc, cols = index.doc, index.cols
    pos = cols.pos
    if pos[i] != "NOUN" or "the" not in map(cols.lower.__getitem__, cols.children[i]):
        return None
    start = sentence_of(doc, i).start
    for _ in range(2):
        if start == 0:
            break
        prev = sentence_of(doc, start - 1)
        # The nearest mention of the same noun first: read back from the sentence end.
        for j in reversed(positions(cols.lemma, cols.lemma[i], prev.start, prev.end)):
            if pos[j] == "NOUN":
                ref = _resolve_one(j, index, depth)
                if ref:
                    return ref
        start = prev.start
    return None


def listed_members(i: int, index: ActorIndex) -> list[int]:
    """The members the actors stage found listed for the group at token ``i`` ("14 factions,
    according to state media, including X and Y"), where the sentence names them: the parse
    often hangs "including" on the nearer noun of an interrupting phrase ("media")."""
    hit = index.by_token.get(i)
    if hit is None or not hit[0].members:
        return []
    sent = sentence_of(index.doc, i)
    members = set(hit[0].members)
    return [start for start, _, actor in index.mentions if actor.id in members and sent.start <= start < sent.end]


def conjuncts(i: int, index: ActorIndex) -> list[int]:
    """Coordinated heads of token ``i`` (as token indices): "X and Y", "X, including Y",
    and lists parsed as appositions.

    "Brazil, India, and Kenya" is often parsed with Russia as an apposition of
    the US that has Switzerland as its conjunct: an apposition that heads a
    coordination is a list member, not another name for the head.
    Walked on the index's columns: no Token is built.
    """
    dep, children = index.cols.dep, index.cols.children
    out = []
    for c in children[i]:
        if dep[c] == "conj" or (dep[c] == "appos" and any(dep[g] == "conj" for g in children[c])):
            out.append(c)
            out.extend(conjuncts(c, index))
        elif dep[c] == "prep" and index.cols.lower[c] == "including":
            objects = [p for p in children[c] if dep[p] == "pobj"]
            out.extend(objects)
            out.extend(t for p in objects for t in conjuncts(p, index))
    return out


def _resolve_one(i: int, index: ActorIndex, depth: int) -> ActorRef | None:
    doc, cols = index.doc, index.cols
    dep, lower, lemmas, children = cols.dep, cols.lower, index.lemmas, cols.children
    if lower[i] in PRONOUNS:
        return resolve_pronoun(doc[i], index)
    if lower[i] in _RELATIVE and dep[cols.head[i]] in ("relcl", "acl"):
        return _resolve_one(cols.head[cols.head[i]], index, depth)
    def phrase_order(c: int) -> int:
        return _PHRASE_ORDER.get(dep[c], 99)

    # "its troops", "his government" (named through a pronoun) act as subjects; elsewhere
    # they are the actor's own people ("recalled its ambassador from X" is aimed at X).
    own_ok = dep[i] in ("nsubj", "nsubjpass")
    frontier = [i]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            if lemmas[t] in LANGUAGE_NOUNS:
                continue  # "the Russian language" names a language, not Russians
            ref = index.ref_at_index(t)
            if ref and (own_ok or ref.id not in index.pronoun_groups):
                return ref if ref.country else _with_phrase_country(ref, t, index)
            kids = children[t] if len(children[t]) < 2 else sorted(children[t], key=phrase_order)
            if lemmas[t] in RELATION_NOUNS or lower[t] in RELATION_NOUNS:
                # "Iran's proxy force in eastern Syria": the possessor is the other end
                # of the relation, not the ally; where the ally is says whose it is.
                located = _located_group(t, index)
                if located is not None:
                    return located
                kids = [c for c in kids if dep[c] != "poss"]
            for c in kids:
                # "a delegation from Somalia" names Somalia; other prepositions add new roles.
                # "the US-led war": who leads it is whose it is.
                led_by = lower[t] == "led" and dep[c] == "npadvmod"
                if (dep[c] in _PHRASE_ORDER or led_by) and not (dep[c] == "prep" and lower[c] not in ("of", "from")) \
                        and not stance_prefixed(c, index):
                    nxt.extend([c] if dep[c] != "prep" else [p for p in children[c] if dep[p] == "pobj"])
        frontier = nxt
    return _located_group(i, index)


def _with_phrase_country(ref: ActorRef, i: int, index: ActorIndex) -> ActorRef:
    """An uncoded actor (named at token ``i``) takes the country another actor in its
    noun phrase names.

    "OAS Secretary-General Lucia Ferrer": the person is unknown to the actor
    knowledge base, but the organisation in the same phrase is coded (IGO).
    """
    # The noun phrase's words up to its head: a clause or prepositional phrase names other parties.
    dep, heads = index.cols.dep, index.cols.head
    head = i
    while dep[head] in ("compound", "amod", "appos", "flat") and heads[head] != head:
        head = heads[head]
    phrase = subtree_indices(head, index.cols.children)
    left = min(phrase)  # ``left_edge``: the first index of the subtree
    for t in phrase:
        if t == i or dep[t] in ("relcl", "acl", "prep", "pobj") or not left <= t <= head:
            continue
        other = index.ref_at_index(t)
        if other is not None and other.country and other.id != ref.id:
            sector = ref.sector or other.sector
            return ActorRef(name=ref.name, code=other.country + (sector if sector and sector != other.country else ""),
                            country=other.country, sector=sector, text=ref.text, id=ref.id)
    return ref


# Nouns of a relation to another side: their possessor is that other side ("Israel's ally").
RELATION_NOUNS = frozenset("""ally allies partner partners proxy proxies rival rivals enemy enemies
foe foes opponent opponents adversary adversaries neighbour neighbours neighbor neighbors
critic critics""".split())

# Nouns whose nationality modifier names a language ("the Russian language").
LANGUAGE_NOUNS = frozenset({"language", "languages", "dialect", "tongue"})


# Group nouns that a location names the country of: "militants in the Sahel".
GROUP_NOUNS = frozenset("""rebel rebels group groups force forces police soldier soldiers troops
militia militias militiaman militiamen guerrilla guerrillas insurgent insurgents fighter fighters
official officials authority authorities leader leaders opposition protester protesters
demonstrator demonstrators student students worker workers refugee refugees civilian civilians
villager villagers resident residents inhabitant inhabitants prisoner prisoners elder elders
activist activists party parties army navy government court parliament teacher teachers farmer
farmers doctor doctors nurse nurses lawyer lawyers journalist journalists miner miners trucker
truckers trader traders cleric clerics monk monks youth youths woman women people population
settler settlers separatist separatists militant militants hacker hackers union unions""".split())


# The nouns ``_located_group`` places.
_LOCATABLE_NOUNS = GROUP_NOUNS | RELATION_NOUNS


def _located_group(i: int, index: ActorIndex) -> ActorRef | None:
    """"Opposition groups in Zimbabwe" → Zimbabwe: a group noun (token ``i``) located in a country.

    Only for group nouns and only when the location resolves to a country: "the
    meeting in Moscow" is not Moscow acting.
    """
    if index.lemmas[i] not in _LOCATABLE_NOUNS and index.cols.lower[i] not in _LOCATABLE_NOUNS:
        return None
    cols = index.cols
    dep, children = cols.dep, cols.children
    for c in children[i]:
        if dep[c] == "prep" and cols.lower[c] in ("in", "inside"):
            for p in children[c]:
                if dep[p] == "pobj":
                    ref = index.place_ref_at(p) or next(
                        (index.place_ref_at(g) for g in children[p] if dep[g] in ("compound", "poss", "prep")), None)
                    if ref is not None:
                        text = cols.text[i]
                        return ActorRef(name=f"{text} in {ref.name}", code=ref.country,
                                        country=ref.country, sector=None, text=text,
                                        id=f"group:{index.lemmas[i]}:{ref.country}")
    return None


# Breadth-first order inside a noun phrase: the apposition names the head best.
_PHRASE_ORDER = {"appos": 0, "compound": 1, "poss": 2, "amod": 3, "nmod": 4, "prep": 5}


def resolve_pronoun(token: Token, index: ActorIndex) -> ActorRef | None:
    """Resolve a personal pronoun to the nearest compatible preceding actor.

    In reported speech ("the AU announced that it would ..."), the speaker is preferred.
    """
    kind = PRONOUNS[token.lower_]
    clause = token.head
    while clause.dep_ in ("xcomp", "conj", "aux") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "ccomp" and clause.head.lemma_ in SPEECH_VERBS:
        speaker = subject_of(clause.head)
        if speaker is not None and speaker.lower_ not in PRONOUNS:
            ref = index.ref_at(speaker) or _resolve_one(speaker.i, index, 3)
            if ref:
                hit = index.by_token.get(speaker.i)
                if hit is None or compatible(index.doc[hit[1]:hit[2]], hit[0].kind, kind):
                    return ref
    return index.preceding(token, kind)
