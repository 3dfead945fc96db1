"""Who did what to whom: argument extraction on spaCy's dependency parse.

Actors come from the actors stage (``doc._.eventwire_actors``): ``ActorIndex`` maps
tokens to the actor whose mention covers them. When no actor covers a phrase we fall
back to an un-coded ActorRef built from the spaCy entity (country None), so the event
is still explainable while the actor stage is missing or incomplete.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..nlp.columns import Columns, char_tokens, columns, doc_ents, doc_text, ent_at, text_between
from ..nlp.extensions import get_list
from ..schema import Actor, ActorRef
from ..when_where.clause import sentence_of
from .lexicon import SPEECH_VERBS, lower_lemmas

log = logging.getLogger(__name__)

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
# Prepositions whose object is the target of the action ("sanctions against Russia").
TARGET_PREPS = ("against", "to", "with", "toward", "towards", "on", "at", "into", "upon", "for",
                "of", "over", "between", "among")
_ENTITY_LABELS = ("GPE", "ORG", "NORP", "PERSON", "LOC", "FAC")
_PRONOUNS = {"it": "sing", "its": "sing", "he": "person", "his": "person", "him": "person",
             "she": "person", "her": "person", "they": "plural", "them": "plural", "their": "plural"}
_RELATIVE = {"which", "who", "that", "whom", "whose"}


class ActorIndex:
    """Token → actor lookup built from actor mention character offsets.

    doc (Doc): the parsed document.
    actors (list[Actor]): the actors the actors stage wrote.
    countries (Callable[[str], str | None] | None): name/demonym/capital → ISO3, for
        phrases the actors stage left uncoded ("Iraqi towns", "Senegalese peace plan");
        default: the actor knowledge base's ``country_code``.
    """

    def __init__(self, doc: Doc, actors: list[Actor], countries: Callable[[str], str | None] | None = None):
        self.doc = doc
        # Read here once: each ``columns(doc)`` lookup costs as much as building dozens
        # of Tokens, so the helpers that scan many tokens take the columns from the index.
        self.cols = columns(doc)
        self.text = doc_text(doc)
        self.lemmas = lower_lemmas(doc, self.cols)
        # Where a stance prefix ends ("anti-", "pro-"): most documents have none, and then
        # no name needs the token walk of ``_stance_prefixed``.
        self.stance_hyphens = _stance_hyphens(self.cols)
        self.countries = countries if countries is not None else default_countries()
        # The stage outputs the event coder links every trigger to, read once per Doc:
        # each ``doc._`` read builds an Underscore object (microseconds), per trigger.
        self.actors = actors
        self.places = doc._.eventwire_places  # None when the places stage has not run
        self.dates = get_list(doc, "eventwire_dates")
        # A country the actors stage already knows keeps its actor id and name.
        self.country_actors = {a.country: a for a in actors
                               if a.kind == "GPE" and a.country and not a.sector and a.mentions}
        # Token → country of the geolocated place mention covering it (places stage).
        self.place_country: dict[int, str] = {}
        self.city_tokens: set[int] = set()  # tokens of a place the gazetteer knows as a city
        for place in self.places or []:
            if place.country and place.start is not None and place.end is not None:
                # Token indices, not the span's tokens: each Token would be a new object.
                start, end = self.char_tokens(place.start, place.end)
                for i in range(start, end) if start is not None else ():
                    self.place_country.setdefault(i, place.country)
                    if place.feature == "city":
                        self.city_tokens.add(i)
        # Mentions as token ranges (start, end): a Span is built only where a pronoun's
        # antecedent is tested, not for each of the Doc's mentions.
        self.by_token: dict[int, tuple[Actor, int, int]] = {}
        self.mentions: list[tuple[int, int, Actor]] = []
        for actor in actors:
            for m in actor.mentions:
                start, end = self.char_tokens(m.start, m.end)
                if start is None:
                    continue
                self.mentions.append((start, end, actor))
                for i in range(start, end):
                    # The shortest covering mention is the most specific reading.
                    old = self.by_token.get(i)
                    if old is None or end - start < old[2] - old[1]:
                        self.by_token[i] = (actor, start, end)
        self.mentions.sort(key=lambda x: x[0])
        # Nationless group nouns ("soldiers", "police") whose country, if any, came from context.
        self.bare_groups = {a.id for a in actors if "+bare" in (a.resolution or "")}
        # ``resolve`` results by (token index, depth): the triggers of a sentence share
        # their subjects and objects, and nothing here changes once the index is built.
        self.resolved: dict[tuple[int, int], list[ActorRef]] = {}

    def char_tokens(self, start_char: int, end_char: int) -> tuple[int, int] | tuple[None, None]:
        """The token range of ``doc.char_span(start_char, end_char, alignment_mode="expand")``
        ((None, None) where that is None): this runs per actor mention and place."""
        return char_tokens(self.cols, len(self.text), start_char, end_char) or (None, None)

    def ref_at(self, token: Token) -> ActorRef | None:
        """The ActorRef for the actor mention covering ``token``, else a fallback entity."""
        return self.ref_at_index(token.i)

    def ref_at_index(self, i: int) -> ActorRef | None:
        """``ref_at`` for token ``i``, read from the columns (no Token is built for it)."""
        hit = self.by_token.get(i)
        if hit:
            # The mention's text sliced from the cached Doc text (Span.text builds a Token per word).
            return hit[0].ref(text_between(self.text, self.cols, hit[1], hit[2]))
        ref = fallback_ref(i, self) or self.country_word(i)
        return self.with_country(ref) if ref is not None else None

    def place_ref(self, token: Token) -> ActorRef | None:
        """The country a place name stands for, as an actor ("in Jericho" → PSE)."""
        return self.place_ref_at(token.i)

    def place_ref_at(self, i: int) -> ActorRef | None:
        """``place_ref`` for token ``i``, read from the columns (no Token is built for it)."""
        cols = self.cols
        iso = self.place_country.get(i)
        if iso is None and cols.ent_type[i] in ("GPE", "LOC"):
            ent = ent_at(self.doc, i)
            # "Montenegro province": the entity may add a word the country table lacks.
            iso = (self.countries(ent.text) or self.countries(cols.text[i])) if ent is not None else None
        if iso is None or len(iso) != 3:
            return None
        actor = self.by_token.get(i)
        if actor is not None and actor[0].country == iso:
            return actor[0].ref(text_between(self.text, cols, actor[1], actor[2]))
        return self.country_ref(iso, cols.text[i])

    def country_word(self, i: int) -> ActorRef | None:
        """A capitalised country name, demonym or capital the actors stage missed ("Iraqis")
        at token ``i`` (read from the columns)."""
        text, pos = self.cols.text[i], self.cols.pos[i]
        if not text[:1].isupper() or pos not in ("PROPN", "ADJ", "NOUN"):
            return None
        # The sentence span is costly to build: test the word itself first.
        if pos == "NOUN" and self.cols.ent_type[i] == "" and i > sentence_of(self.doc, i).start:
            return None
        iso = self.countries(text)
        return self.country_ref(iso, text) if iso else None

    def country_ref(self, iso: str, text: str) -> ActorRef:
        actor = self.country_actors.get(iso)
        if actor is not None:
            return actor.ref(text)
        return ActorRef(name=text, code=iso, country=iso, sector=None, text=text, id=f"country:{iso}")

    def with_country(self, ref: ActorRef | None) -> ActorRef | None:
        """An un-coded fallback ref with the country its words name ("Palestinian leaders" → PSE)."""
        if ref is None or ref.country:
            return ref
        words = ref.text.split()
        for i in range(len(words)):
            # The whole name first, then its leading words as a demonym ("Sierra Leonean refugees").
            iso = self.countries(" ".join(words[:len(words) - i]).removesuffix("'s").removesuffix("’s"))
            if iso:
                if i == 0:
                    return self.country_ref(iso, ref.text)
                return ActorRef(name=ref.name, code=iso, country=iso, sector=None, text=ref.text, id=ref.id)
        return ref
    def preceding(self, token: Token, kind: str) -> ActorRef | None:
        """The nearest actor mentioned before ``token`` that a pronoun of ``kind`` can refer to."""
        # The last compatible mention before the first one that ends after the pronoun:
        # scanned backwards, so only mentions after the answer are tested.
        before = self.mentions[:_first_ending_after(token.i, [end for _, end, _ in self.mentions])]
        for start, end, actor in reversed(before):
            span = self.doc[start:end]
            if _compatible(span, actor.kind, kind) and actor.mentions:
                return actor.ref(span.text)
        ents = doc_ents(self.doc)
        for ent in reversed(ents[:_first_ending_after(token.i, [ent.end for ent in ents])]):
            if ent.label_ in ("GPE", "ORG", "PERSON") and _compatible(ent, ent.label_, kind):
                return _ref_from_span(ent)
        return None


def _first_ending_after(i: int, ends: list[int]) -> int:
    """The position of the first span (of their ``ends``) that ends after token ``i`` (or the number of spans)."""
    return next((n for n, end in enumerate(ends) if end > i), len(ends))


@lru_cache(maxsize=1)
def _patterns():
    """The ``patterns`` module, imported on first use: it imports this one (a module-level
    import would be circular), and an import statement in each caller ran per trigger."""
    from . import patterns

    return patterns


@lru_cache(maxsize=1)
def _kb_countries() -> Callable[[str], str | None]:
    from ..actors.component import default_overrides
    from ..actors.kb import BLOCS, load_kb

    kb = load_kb(overrides=default_overrides())

    def country(text: str) -> str | None:
        iso = kb.country_code(text)
        # Blocs ("Western") and breakaway codes ("RUSPRE") are not one country.
        return iso if iso and len(iso) == 3 and iso.isalpha() and iso not in BLOCS else None

    return country


def default_countries() -> Callable[[str], str | None]:
    """The knowledge base's name → ISO3 lookup (loaded once per process)."""
    try:
        return _kb_countries()
    except Exception:  # a missing KB must not stop event coding
        log.warning("actor knowledge base unavailable: no country fallback for uncoded phrases")
        return lambda text: None


def _compatible(span: Span, kind: str | None, pronoun_kind: str) -> bool:
    if span.root.lower_ in _PRONOUNS:
        return False
    plural = span.root.tag_ in ("NNS", "NNPS") or (kind or "") == "GROUP"
    person = (kind or "") == "PERSON"
    if pronoun_kind == "person":
        return person
    if pronoun_kind == "sing":
        return not person and not plural
    return not person  # "they": groups, organisations, states


def _ref_from_span(span: Span) -> ActorRef:
    return _ref_from_text(span.text)


def _ref_from_text(text: str) -> ActorRef:
    name = text[4:] if text.lower().startswith("the ") else text
    name = name.removesuffix("’s").removesuffix("'s")
    return ActorRef(name=name, code=None, country=None, sector=None, text=text,
                    id=f"ent:{name.lower()}")


def fallback_ref(i: int, index: ActorIndex) -> ActorRef | None:
    """An un-coded ActorRef from the entity or entity-bearing noun chunk at token ``i``
    (read from the index's columns; texts sliced from the cached Doc text)."""
    cols = index.cols
    ent_type = cols.ent_type
    if ent_type[i] in _ENTITY_LABELS:
        ent = ent_at(index.doc, i)
        if ent is not None:
            return _ref_from_text(text_between(index.text, cols, ent.start, ent.end))
    if cols.pos[i] in ("NOUN", "PROPN"):
        # "the various Palestinian factions": a group noun named by a nationality.
        dep = cols.dep
        mods = [c for c in cols.children[i] if dep[c] in ("amod", "compound")
                and ent_type[c] in ("NORP", "GPE") and not _stance_prefixed(c, index)]
        if mods:
            return _ref_from_text(text_between(index.text, cols, min([i] + mods), i + 1))
    return None


def _stance_hyphens(cols: Columns) -> set[int]:
    """Indices of the hyphens of "anti-"/"pro-" prefixes."""
    lower = cols.lower
    return {h for h in _positions(cols.text, "-") if h >= 1 and lower[h - 1] in ("anti", "pro")}


def _stance_prefixed(i: int, index: ActorIndex) -> bool:
    """"anti-Syria journalist", "pro-Russia rebels": the name at token ``i`` is whom they
    oppose or back."""
    if not index.stance_hyphens:
        return False  # no prefix anywhere in the Doc: the walk below cannot find one
    doc, ent_type = index.doc, index.cols.ent_type
    start, label = i, ent_type[i]
    if not label or i == 0 or ent_type[i - 1] != label:
        # Read on the columns: the walk below would stop at once (an "I" token is always
        # typed), so only the word before can be the hyphen.
        return i - 1 in index.stance_hyphens
    while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start - 1].ent_type_ == label:
        start -= 1
    return start - 1 in index.stance_hyphens


@dataclass
class Arguments:
    """The sides of one trigger: lists of actors plus how each side was found."""

    actors: list[ActorRef]
    recipients: list[ActorRef]
    reported_by: ActorRef | None = None
    how: str = ""


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
    # Inside an entity (its type read from the columns: ``Token.ent_iob_`` is a lookup per call).
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
    out: list[ActorRef] = []
    ids: set[str] = set()
    for head in heads:
        ref = _resolve_one(head, index, depth) or _definite_antecedent(head, index, depth)
        if ref and ref.id not in ids:
            ids.add(ref.id)
            out.append(ref)
    return out


# Nouns of number and quantity: "scores of X" names X, with X's coordinations.
QUANTITY_NOUNS = frozenset("""score scores dozen dozens hundred hundreds thousand thousands million
millions number handful""".split())


def quantified(token: Token, index: ActorIndex) -> Token:
    """The counted noun of a quantity phrase ("scores of Liberian and Sierra Leonean refugees")."""
    if index.lemmas[token.i] not in QUANTITY_NOUNS and index.cols.lower[token.i] not in QUANTITY_NOUNS:
        return token  # tested on the columns: most heads count nothing
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
    # Sentences from the per-Doc table: Token.sent builds a Span, walking to its start.
    start = sentence_of(doc, i).start
    for _ in range(2):
        if start == 0:
            break
        prev = sentence_of(doc, start - 1)
        # The same lemma found on the columns by ``list.index`` (a scan in C, where a
        # Python loop tested every word), then read back from the sentence end.
        for j in reversed(_positions(cols.lemma, cols.lemma[i], prev.start, prev.end)):
            if pos[j] == "NOUN":
                ref = _resolve_one(j, index, depth)
                if ref:
                    return ref
        start = prev.start
    return None


def _positions(values: list[str], value: str, start: int = 0, end: int | None = None) -> list[int]:
    """The indices in ``start:end`` at which ``values`` holds ``value``, in order (each
    found by ``list.index``, a scan in C)."""
    found = []
    k, end = start, len(values) if end is None else end
    while True:
        try:
            k = values.index(value, k, end)
        except ValueError:
            return found
        found.append(k)
        k += 1


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
    # Walked on the columns by token index: a Token is built only for what is returned
    # or handed to a rarer helper.
    doc, cols = index.doc, index.cols
    dep, lower, lemmas, children = cols.dep, cols.lower, index.lemmas, cols.children
    if lower[i] in _PRONOUNS:
        return resolve_pronoun(doc[i], index)
    if lower[i] in _RELATIVE and dep[cols.head[i]] in ("relcl", "acl"):
        return _resolve_one(cols.head[cols.head[i]], index, depth)
    def phrase_order(c: int) -> int:
        return _PHRASE_ORDER.get(dep[c], 99)

    frontier = [i]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            if lemmas[t] in LANGUAGE_NOUNS:
                continue  # "the Russian language" names a language, not Russians
            ref = index.ref_at_index(t)
            if ref:
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
                        and not _stance_prefixed(c, index):
                    nxt.extend([c] if dep[c] != "prep" else [p for p in children[c] if dep[p] == "pobj"])
        frontier = nxt
    return _located_group(i, index)


def _with_phrase_country(ref: ActorRef, i: int, index: ActorIndex) -> ActorRef:
    """An uncoded actor (named at token ``i``) takes the country another actor in its
    noun phrase names.

    "OAS Secretary-General Lucia Ferrer": the person is unknown to the actor
    knowledge base, but the organisation in the same phrase is coded (IGO).
    """
    # Walked by token index on the columns: the phrase head's subtree may be a whole
    # clause, and a Token per word of it was most of this function's cost.
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


def subtree_indices(i: int, children: list[Sequence[int]]) -> list[int]:
    """``Token.subtree`` of token ``i`` as token indices, in its order: the left
    dependents' subtrees, the token, then the right dependents' subtrees."""
    out: list[int] = []
    _collect_subtree(i, children, out)
    return out


def _collect_subtree(i: int, children: list[Sequence[int]], out: list[int]) -> None:
    # Appended to one list by plain recursion: nested generators (``yield from``) pass
    # each index up through every level, a cost that grows with the depth of a clause.
    kids = children[i]
    for c in kids:
        if c < i:
            _collect_subtree(c, children, out)
    out.append(i)
    for c in kids:
        if c > i:
            _collect_subtree(c, children, out)


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


# The nouns ``_located_group`` places (a set built once, not per call).
_LOCATABLE_NOUNS = GROUP_NOUNS | RELATION_NOUNS


def _located_group(i: int, index: ActorIndex) -> ActorRef | None:
    """"Opposition groups in Zimbabwe" → Zimbabwe: a group noun (token ``i``) located in a country.

    Only for group nouns and only when the location resolves to a country: "the
    meeting in Moscow" is not Moscow acting.
    """
    if index.lemmas[i] not in _LOCATABLE_NOUNS and index.cols.lower[i] not in _LOCATABLE_NOUNS:
        return None  # tested on the columns: most heads are no group noun
    # Walked on the columns: group nouns are common heads ("officials", "people").
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
    kind = _PRONOUNS[token.lower_]
    clause = token.head
    while clause.dep_ in ("xcomp", "conj", "aux") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "ccomp" and clause.head.lemma_ in SPEECH_VERBS:
        speaker = subject_of(clause.head)
        if speaker is not None and speaker.lower_ not in _PRONOUNS:
            ref = index.ref_at(speaker) or _resolve_one(speaker.i, index, 3)
            if ref:
                hit = index.by_token.get(speaker.i)
                if hit is None or _compatible(index.doc[hit[1]:hit[2]], hit[0].kind, kind):
                    return ref
    return index.preceding(token, kind)


def subject_of(verb: Token, cols: Columns | None = None) -> Token | None:
    """The grammatical subject of ``verb``, inherited through xcomp/conj/acl chains.

    "Ghana will try to reconcile X": *reconcile* has no subject of its own and takes *try*'s.
    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    doc = verb.doc
    found = _subject_index(verb.i, doc, cols or columns(doc))
    return doc[found] if found is not None else None


def _subject_index(i: int, doc: Doc, cols: Columns) -> int | None:
    # ``subject_of`` walked by token index on the columns (it runs for most triggers):
    # only the subject found is built as a Token.
    dep, head, children, lower = cols.dep, cols.head, cols.children, cols.lower
    t = i
    for step in range(4):
        # A raising passive governs the clause: "the envoy is due to visit" → the envoy.
        deps = SUBJECT_DEPS if step == 0 else SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS
        subj = next((c for c in children[t] if dep[c] in deps and not _is_dateline(c, doc, cols)), None)
        if subj is not None:
            return subj
        # "is prepared to impose": the adjective's clause takes the copula's subject.
        if dep[t] in ("xcomp", "conj", "advcl", "acomp") and head[t] != t:
            # Object control: "urged Hamas to attend" - attend's subject is Hamas; but an
            # errand's purpose is the sender's ("summoned the envoy to complain").
            if dep[t] == "xcomp" and cols.lemma[head[t]] not in ERRAND_VERBS:
                obj = next((c for c in children[head[t]] if dep[c] == "dobj"), None)
                if obj is not None:
                    return obj
            t = head[t]
        elif dep[t] in ("acl", "relcl") and head[t] != t:
            noun = head[t]
            owner = next((c for c in children[noun] if dep[c] == "poss"), None)
            of = next((p for c in children[noun] if dep[c] == "prep" and lower[c] == "of"
                       for p in children[c] if dep[p] == "pobj"), None)
            if owner is not None or of is not None:
                return owner if owner is not None else of
            if dep[t] == "relcl":
                return noun
            t = head[noun] if dep[noun] in ("dobj", "pobj", "attr") else noun
            if cols.pos[t] != "VERB" and cols.pos[t] != "AUX":
                t = head[t]
        else:
            return None
    return None


# Verbs of sending and summoning: their "to"-infinitive is their purpose, the sender's act.
ERRAND_VERBS = frozenset({"send", "dispatch", "despatch", "summon"})


def errand_of(verb: Token, cols: Columns | None = None) -> Token | None:
    """The sending verb whose purpose ``verb`` is: "sent experts to Bosnia to investigate".

    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    head = errand_head(verb.i, cols or columns(verb.doc))
    return verb.doc[head] if head is not None else None


def errand_head(i: int, cols: Columns) -> int | None:
    """``errand_of`` for token ``i``, by index (read from the columns)."""
    dep, lower = cols.dep, cols.lower
    if dep[i] in ("advcl", "xcomp") and cols.lemma[cols.head[i]] in ERRAND_VERBS and any(
            dep[a] == "aux" and lower[a] == "to" for a in cols.children[i]):
        return cols.head[i]
    return None


def _is_dateline(i: int, doc: Doc, cols: Columns) -> bool:
    """A wire dateline the parser took for an argument (token ``i``): "GAZA CITY, Territories: ...".

    The phrase opens the sentence and ends in a colon.
    """
    # The colon rarely hangs on the phrase: test it (on the columns) before building the sentence span.
    return any(cols.dep[c] == "punct" and cols.text[c] == ":" for c in cols.children[i]) \
        and doc[i].left_edge.i == doc[i].sent.start


def passive_agent(verb: Token, cols: Columns | None = None) -> Token | None:
    """The agent of a passive verb: "was arrested by police" → police.

    cols (Columns | None): the Doc's columns, when the caller has them at hand.
    """
    cols = cols or columns(verb.doc)
    for c in cols.children[verb.i]:
        if cols.dep[c] == "agent":
            return next((verb.doc[p] for p in cols.children[c] if cols.dep[p] == "pobj"), None)
    return None


# The dependencies that make a verb passive (a set: tested against every dependent at once).
_PASSIVE_MARKS = frozenset(PASSIVE_SUBJECT_DEPS + ("auxpass",))


def is_passive(verb: Token, cols: Columns) -> bool:
    return not _PASSIVE_MARKS.isdisjoint(map(cols.dep.__getitem__, cols.children[verb.i]))


def is_misparsed_main_verb(verb: Token) -> bool:
    """A participle parsed inside the subject of a sentence that has no verb of its own.

    "Doctors from two aid groups donated ...": the root is a noun and the verb hangs
    on a noun of the root's phrase, with no agent; a real reduced relative ("aid sent
    to Gaza") modifies the root itself or has its agent.
    """
    if verb.dep_ != "acl":
        return False  # the usual case, decided before building the sentence span
    root = verb.sent.root
    return (root.pos_ in ("NOUN", "PROPN") and verb.head.i != root.i
            and not any(c.dep_ == "agent" for c in verb.children)
            and verb.head.dep_ == "pobj" and verb.head.head.head.i == root.i)


def shared_objects(verb: Token, cols: Columns) -> list[Token]:
    """The objects of a coordinated verb that the first verb shares: "donated and
    delivered goods to X" (the first verb has no object of its own)."""
    dep, kids = cols.dep, cols.children[verb.i]
    if any(dep[c] in ("dobj", "dative") for c in kids):
        return []
    return [o for c in kids if dep[c] == "conj" and cols.pos[c] == "VERB" for o in object_of(verb.doc[c], cols)]


def is_reduced_passive(verb: Token) -> bool:
    """A past participle modifying a noun: "civilians killed by soldiers", "aid sent to X"."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON")


def object_of(verb: Token, cols: Columns) -> list[Token]:
    """Candidate recipient heads: direct object, then clause subjects, then prepositions.

    cols (Columns): the Doc's columns (``ActorIndex.cols``): the walk reads dependents
        from them and builds a Token only for each head it returns.
    """
    doc, dep, children, i = verb.doc, cols.dep, cols.children, verb.i
    direct = [c for c in children[i] if dep[c] in ("dobj", "dative", "attr", "oprd")]
    # "held talks with X on Tuesday, the first delegation to ...": an object after a comma
    # that follows the verb's object describes a side, it is no second object.
    direct = [d for n, d in enumerate(direct) if n == 0 or cols.text[doc[d].left_edge.i - 1] != ","]
    # The object's own phrase first: "held talks with X at a lunch hosted by Y" is with X.
    out = direct + [p for o in direct for p in _prep_object_indices(o, cols)]
    others = []
    for c in children[i]:
        # "urged Hamas to attend" is often parsed with Hamas as the clause's subject.
        if dep[c] in ("xcomp", "ccomp"):
            others.extend(s for s in children[c] if dep[s] in SUBJECT_DEPS)
    others.extend(_prep_object_indices(i, cols))
    if cols.lemma[i].lower() in FROM_TARGET_VERBS:
        # "confiscated arms from the militias", "withdraw troops from Lebanon"
        others.extend(_objects_of_prep(i, "from", cols))
    out += others + [p for o in others for p in _prep_object_indices(o, cols)]
    # Failing the noun itself, its agent is who the act is about: "rejected calls by X",
    # "investigating crimes committed by X" (but "a Hamas delegation led by Y" is Hamas).
    out = [a for o in out for a in [o] + noun_agents(o, cols)]
    # "investigating crimes by X": the parser hangs the noun's agent on the active verb.
    return [doc[j] for j in out + _objects_of_prep(i, "by", cols)]


def _objects_of_prep(i: int, prep: str, cols: Columns) -> list[int]:
    """The objects of token ``i``'s ``prep`` phrases ("from X")."""
    dep, children = cols.dep, cols.children
    return [p for c in children[i] if dep[c] == "prep" and cols.lower[c] == prep
            for p in children[c] if dep[p] == "pobj"]


# Nouns whose clause names who must act: "its demand that X withdraw".
DEMAND_NOUNS = frozenset("""demand call request appeal ultimatum insistence plea
condition""".split())


def noun_agents(noun: int, cols: Columns) -> list[int]:
    """Who did what a noun names: its "by" phrase, its participle's agent, its demand's addressee.

    "an admission by Moscow" → Moscow; "crimes committed by rebels" → rebels;
    "demands that the government resign" → government.
    noun (int): the noun's token index; RETURNS the agents' indices.
    """
    if cols.pos[noun] not in ("NOUN", "PROPN"):
        return []
    dep, children = cols.dep, cols.children
    out = [p for c in children[noun] if dep[c] in ("prep", "agent") and cols.lower[c] == "by"
           for p in children[c] if dep[p] == "pobj"]
    for c in children[noun]:
        if dep[c] == "acl" and cols.tag[c] == "VBN":
            out.extend(p for a in children[c] if dep[a] == "agent" for p in children[a] if dep[p] == "pobj")
        elif dep[c] == "acl" and cols.lemma[noun].lower() in DEMAND_NOUNS:
            out.extend(s for s in children[c] if dep[s] in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
    return out


# Verbs of taking away, whose "from" phrase names who loses: the target.
FROM_TARGET_VERBS = frozenset("""withdraw pull confiscate seize take remove expel evict oust
exclude bar ban evacuate steal capture wrest""".split())


def prep_objects(token: Token, cols: Columns) -> list[Token]:
    """The objects of the token's target prepositions ("sanctions against X")."""
    return [token.doc[p] for p in _prep_object_indices(token.i, cols)]


def _prep_object_indices(i: int, cols: Columns) -> list[int]:
    dep, children = cols.dep, cols.children
    # "provide support to Israel": the parser labels a recipient "to" dative.
    return [p for c in children[i] if dep[c] in ("prep", "dative") and cols.lower[c] in TARGET_PREPS
            for p in children[c] if dep[p] == "pobj"]


def reporter_of(verb: Token, cols: Columns) -> Token | None:
    """The speaker when ``verb`` is reported speech ("X said Y did Z" → X).

    cols (Columns): the Doc's columns (``ActorIndex.cols``); the walk builds a Token
        only for the speech verb it finds.
    """
    doc, dep, head, lemma = verb.doc, cols.dep, cols.head, cols.lemma
    t = verb.i
    for _ in range(3):
        if dep[t] == "ccomp" and lemma[head[t]] in SPEECH_VERBS:
            return subject_of(doc[head[t]], cols)
        if dep[t] in ("xcomp", "conj") and head[t] != t:
            t = head[t]
            continue
        break
    # "..., officials said": the speech verb is the root and the event clause its ccomp,
    # or the event verb is the root with a parataxis speech verb.
    for c in cols.children[verb.i]:
        if dep[c] == "parataxis" and lemma[c] in SPEECH_VERBS:
            return subject_of(doc[c], cols)
    return None


def verb_arguments(trigger: Token, index: ActorIndex, subject_role: str = "actor",
                   located: bool = False, purposive: bool = False, content_located: bool = False) -> Arguments:
    """Actor and recipient sides for a verbal trigger.

    trigger (Token): the verb the pattern matched.
    index (ActorIndex): token → actor lookup.
    subject_role (str): "recipient" when the subject receives the action ("received invitations").
    located (bool): the event type is a physical action whose place may stand for its
        target when nothing else does ("shelled targets in Jericho").
    purposive (bool): the event's purpose clause names its target (protests).
    content_located (bool): only the place of the infinitive's action may stand for the
        target ("agreed to open a centre in Tokyo"), never the trigger's own place.
    RETURNS (Arguments): the two sides (possibly empty) and the reporter.
    """
    how = "active"
    cols = index.cols
    # Both participle readings need an "acl" trigger: tested once on the columns, most
    # triggers skip the two helpers' Token reads.
    participle = cols.dep[trigger.i] == "acl"
    if participle and is_misparsed_main_verb(trigger):
        # "Doctors from two aid groups donated ...": the small model sometimes parses a
        # sentence's only verb as a participle of a noun in its subject phrase.
        subj, recips = trigger.sent.root, object_of(trigger, cols) + shared_objects(trigger, cols)
    elif is_passive(trigger, cols):
        subj = passive_agent(trigger, cols)
        recips = [trigger.doc[c] for c in cols.children[trigger.i] if cols.dep[c] in PASSIVE_SUBJECT_DEPS]
        how = "passive"
    elif participle and is_reduced_passive(trigger):
        # "victims killed by the crash": the noun is the patient, never the doer; the
        # main clause's subject ("Interpol will identify victims killed by ...") is neither.
        subj = passive_agent(trigger, cols)
        recips = [trigger.head] + prep_objects(trigger, cols)
        how = "passive"
    else:
        subj = subject_of(trigger, cols)
        recips = object_of(trigger, cols) + shared_objects(trigger, cols)
    if subject_role == "recipient":
        # "received aid from X", "faces pressure from X": the giver is the "from" phrase
        # of the verb or of its object.
        holders = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
        recips, subj = [subj] if subj is not None else [], next(
            (p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
             for p in c.children if p.dep_ == "pobj"), None)
        how = "subject-receives"
    # "killed by the crash", "the flood destroyed homes": a mishap has no perpetrator,
    # whatever its phrase names ("the Malaysia Airlines crash").
    actors = resolve(subj, index) if subj is not None and index.lemmas[subj.i] not in MISHAP_NOUNS else []
    if not actors and located:
        actors = attack_actor(trigger, subj, index)
        how = "attack-place" if actors else how
    if not actors and purposive and subj is not None:
        actors = located_protesters(trigger, subj, index)
        how = "protest-place" if actors else how
    recipients: list[ActorRef] = []
    taken = {a.id for a in actors}
    for r in recips:
        # "withdraw its troops from X": the actor's own forces are not the target.
        recipients = [x for x in resolve(r, index) if x.id not in taken and not _own_forces(x, actors, index)]
        if recipients:
            break
    errand = errand_of(trigger, cols)
    if not recipients and errand is not None:
        # "summoned the envoy to complain": the purpose is aimed at whom the errand reaches.
        recipients = next((found for r in object_of(errand, cols)
                           if (found := [x for x in resolve(r, index) if x.id not in taken])), [])
        how = "errand" if recipients else how
    if not recipients and subject_role == "actor" and how == "active":
        recipients, found = complement_recipients(trigger, index, actors, located, purposive, content_located)
        how = found or how
    elif how == "attack-place" and not recipients and recips and recips[0].lemma_.lower() not in ANAPHORIC_NOUNS:
        # "a journalist was killed in a bomb explosion in Beirut": victims of no named
        # country are placed where the attack was, as its unnamed perpetrators are.
        place = actors[0]
        recipients = [ActorRef(name=f"victims in {place.name}", code=place.country, country=place.country,
                               sector=None, text=recips[0].text, id=f"victims:{place.country}")]
    elif how == "protest-place":
        # The place named the crowd; only a stated target ("in defiance of X") makes the event.
        recipients, found = complement_recipients(trigger, index, actors, False, purposive)
        actors = actors if recipients else []
    reporter = reporter_of(trigger, cols)
    reported = resolve(reporter, index)[:1] if reporter is not None else []
    return Arguments(actors, recipients, reported[0] if reported else None, how)


# Nouns that refer back to a group already named ("shot a guard and injured three more").
ANAPHORIC_NOUNS = frozenset({"other", "others", "another"})


# Accidents and natural disasters: what they do has no actor.
MISHAP_NOUNS = frozenset("""crash accident collision derailment earthquake quake tremor flood
flooding storm hurricane typhoon cyclone tornado landslide mudslide avalanche drought fire blaze
wildfire eruption tsunami disease epidemic outbreak heatwave famine""".split())


# Sectors of a state's own armed and police forces.
OWN_FORCE_SECTORS = frozenset({"MIL", "COP"})


def _own_forces(ref: ActorRef, actors: list[ActorRef], index: ActorIndex) -> bool:
    """True when ``ref`` is a nationless force the state actor sends, not its target.

    "Britain mobilized reservists", "the government ordered patrols by police": troops or
    police named without a nationality, of the actor's country or of none, are the actor's
    own forces ("Serbian police" or "Iraqi troops" are named and stay targets).
    """
    if ref.id not in index.bare_groups or (ref.sector or "") not in OWN_FORCE_SECTORS:
        return False
    return any(a.sector in (None, "GOV") and (ref.country is None or ref.country == a.country) for a in actors)


# Nouns naming an attack whose perpetrator the sentence may leave unnamed.
ATTACK_NOUNS = frozenset("""attack bombing bomb explosion blast shelling airstrike strike raid
ambush mine minefield landmine grenade rocket missile mortar gunfire shooting""".split())


def attack_actor(trigger: Token, subj: Token | None, index: ActorIndex) -> list[ActorRef]:
    """The side of an attack named only by its weapon or place.

    "A mortar strike near Tikrit killed ...", "died when a parcel bomb went off in
    Beirut": with no perpetrator named, event data code the attack to the country where
    it happened, as an unidentified armed group.
    """
    # Walked on the columns by token index: this runs for every located trigger with no actor.
    cols, lemmas = index.cols, index.lemmas
    dep, lower, children = cols.dep, cols.lower, cols.children
    nouns = [subj.i] if subj is not None else []
    if is_passive(trigger, cols):
        nouns += [p for c in children[trigger.i] if dep[c] == "prep" and lower[c] in ("in", "by")
                  for p in children[c] if dep[p] == "pobj"]
    for noun in nouns:
        if lemmas[noun] not in ATTACK_NOUNS and not any(
                dep[c] == "compound" and lemmas[c] in ATTACK_NOUNS for c in children[noun]):
            continue
        for place in locative_objects(children[noun], ("in", "near", "at", "outside", "inside"), index):
            ref = index.place_ref(place) or next(iter(resolve(place, index, depth=1)), None)
            if ref is not None and ref.country:
                return [index.country_ref(ref.country, place.text)]
    return []


def located_protesters(trigger: Token, subj: Token, index: ActorIndex) -> list[ActorRef]:
    """Protesters named by a bare group noun, placed where they protest.

    "Crowds blocked roads in Dhaka", "inmates rioted at a jail in
    Dili": the crowd is of the country of the protest's place (as "rebels in X" is X's).
    """
    noun = quantified(subj, index)
    if noun.lemma_.lower() not in GROUP_NOUNS and noun.lower_ not in GROUP_NOUNS:
        return []
    # The frame region: no subject, no other clause.
    heads = [trigger.i] + _patterns().complement_indices(trigger, depth=3, cols=index.cols)
    for place in locative_objects(heads, LOCATIVE_PREPS, index, appositions=True):
        ref = index.place_ref(place)
        if ref is not None and ref.country:
            return [ActorRef(name=f"{noun.text} in {ref.name}", code=ref.country, country=ref.country,
                             sector=None, text=noun.text, id=f"group:{noun.lemma_.lower()}:{ref.country}")]
    return []


def locative_objects(
    heads: Iterable[int], preps: tuple[str, ...], index: ActorIndex, *, appositions: bool = False
) -> Iterator[Token]:
    """Nouns that say where: objects of the locative prepositions among ``heads`` (token
    indices), each followed by its "of" phrase ("the town of Jericho") and, with
    ``appositions``, first by its apposition or compound ("the capital Kabul").

    Walked on the index's columns: a Token is built only for each noun yielded.
    """
    doc, dep, lower, children = index.doc, index.cols.dep, index.cols.lower, index.cols.children
    for c in heads:
        if dep[c] != "prep" or lower[c] not in preps:
            continue
        for p in children[c]:
            if dep[p] != "pobj":
                continue
            yield doc[p]
            if appositions:
                yield from (doc[g] for g in children[p] if dep[g] in ("appos", "compound"))
            yield from (doc[q] for g in children[p] if dep[g] == "prep" and lower[g] == "of"
                        for q in children[g] if dep[q] == "pobj")


def complement_recipients(trigger: Token, index: ActorIndex, actors: list[ActorRef],
                          located: bool = False, purposive: bool = False,
                          content_located: bool = False) -> tuple[list[ActorRef], str | None]:
    """Recipients the verb's own objects did not give: its complement clause, then a place.

    "threatened to ban Ugandan candidates": after a verb of commitment, refusal or
    threat, the object of the infinitive is the target. "arrived in Amman", "shelled
    targets in Jericho": failing any other target, a physical action's place (PLOVER
    codes it as the target), but never the actor's own country when the actor is it.
    With ``content_located`` only the infinitive's place counts: "agreed to set up a
    centre in Tokyo" targets Japan, "agreed in Paris" names no target.
    RETURNS (tuple[list[ActorRef], str | None]): the recipients and how they were found.
    """
    verbs = [trigger]
    if trigger.lemma_.lower() in COMPLEMENT_TARGET_VERBS:
        # "said that troops would not permit marches by X": a "that" clause whose
        # subject is no target (the actor itself, its own forces) aims at its object.
        verbs += [c for c in trigger.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
                  and _subject_is_actor_side(c, index, actors)]
        for _ in range(2):
            verbs += [c for v in verbs for c in v.children if c.dep_ == "xcomp" and c.i not in {x.i for x in verbs}]
    if purposive:
        # A protest's purpose names its target: "rioted, calling for the removal of X",
        # "staged a strike to demand ...", "in protest against X".
        verbs += [c for c in trigger.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"]
        cols = index.cols  # the subtree walked on the columns: a Token only for each phrase found
        verbs += [trigger.doc[c] for c in subtree_indices(trigger.i, cols.children)
                  if cols.lower[c] in ("protest", "defiance")
                  and cols.dep[c] == "pobj" and cols.lower[cols.head[c]] == "in"]
    for v in verbs[1:]:
        for r in object_of(v, index.cols):
            found = [x for x in resolve(r, index) if x.id not in {a.id for a in actors}]
            if found:
                return found, "complement"
    # "threatened to strike unless Baghdad complies": whoever must meet the condition
    # is who the threat or offer is aimed at.
    dep, lower, children = index.cols.dep, index.cols.lower, index.cols.children
    for v in verbs:
        for c in children[v.i]:
            if dep[c] == "advcl" and any(dep[m] == "mark" and lower[m] in CONDITION_MARKS for m in children[c]):
                subj = next((v.doc[s] for s in children[c] if dep[s] in SUBJECT_DEPS), None)
                found = [x for x in resolve(subj, index) if x.id not in {a.id for a in actors}] if subj is not None else []
                if found:
                    return found, "condition"
    if not located and not content_located:
        return [], None
    # A state acting on its own territory is no dyad; a group acting there is one, and
    # protesters are always a group ("Nigerians rallied in Lagos" targets Nigeria).
    states = {a.id for a in index.country_actors.values()}
    own = set() if purposive else {a.country for a in actors if a.id.startswith("country:") or a.id in states}
    taken = {a.id for a in actors}
    for v in (verbs if located else verbs[1:]):
        # "fired at targets in Jericho", "retook a village in western Cambodia"
        # "in the capital Kabul", "in the town of Jericho": the place may be the object's
        # apposition, compound or "of" phrase.
        heads = [v.i] + _patterns().complement_indices(v, depth=3, cols=index.cols)  # the frame region
        for place in locative_objects(heads, LOCATIVE_PREPS, index, appositions=True):
            ref = index.place_ref(place)
            if ref is not None and purposive and ref.id in taken:
                # "Kenyans rallied in Nairobi": a people protests its government.
                ref = ActorRef(name=f"{ref.name} government", code=f"{ref.country}GOV",
                               country=ref.country, sector="GOV", text=place.text,
                               id=f"government:{ref.country}")
            if ref is not None and ref.id not in taken and ref.country not in own:
                return [ref], "location"
    return [], None


def _subject_is_actor_side(clause: Token, index: ActorIndex, actors: list[ActorRef]) -> bool:
    """Whether a clause's subject is the actor itself or its own forces ("warned that it/police will ...").

    A subject naming anyone else is the clause's addressee, and one naming nobody known
    ("demanding that authorities open an inquiry") says nothing about the target.
    """
    subj = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS), None)
    found = resolve(subj, index) if subj is not None else []
    ids = {a.id for a in actors}
    return bool(found) and all(x.id in ids or _own_forces(x, actors, index) for x in found)


LOCATIVE_PREPS = ("in", "at", "into", "inside")
CONDITION_MARKS = ("if", "unless")
# Control verbs whose infinitive's object is the target: commitment, refusal, threat, demand.
COMPLEMENT_TARGET_VERBS = frozenset("""threaten warn vow pledge promise offer agree decide refuse
decline reject fail demand order urge ask call move vote prepare plan intend try attempt resolve
undertake want wish""".split())


# Prepositions whose object is a nominal trigger's target ("riots against X", "a visit to
# Y"); "on" and "into" name the topic of a meeting ("talks on Iran") and count only for
# directed types.
NOUN_TARGET_PREPS = ("against", "to", "toward", "towards", "upon")
NOUN_DIRECTED_PREPS = ("on", "into")


def noun_arguments(trigger: Token, index: ActorIndex, directed: bool = True) -> Arguments:
    """Participants of a nominal trigger ("talks between X and Y", "the invitation ... to X").

    Takes the noun's own modifiers first ("Israel's visit to Egypt", "riots against the
    government"), then the governing verb's subject and object ("unify the factions at a
    meeting"), and a host named by "in <place>".

    directed (bool): the event type has a direction, so "on X" names its target.
    """
    own: list[ActorRef] = []
    targets: list[ActorRef] = []
    to_target = NOUN_TARGET_PREPS + (NOUN_DIRECTED_PREPS if directed else ())
    for c in trigger.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            own += resolve(c, index, depth=1)
        elif c.dep_ == "prep" and c.lower_ in ("between", "with", "of", "by", "from", "among"):
            own += [r for p in c.children if p.dep_ == "pobj" for r in resolve(p, index)]
        elif c.dep_ in ("prep", "dative") and c.lower_ in to_target:
            targets += [r for p in c.children if p.dep_ == "pobj" for r in resolve(p, index)]
    targets = [r for r in targets if r.id not in {a.id for a in own}]
    host = [r for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
            for p in c.children if p.dep_ == "pobj" for r in resolve(p, index, depth=1)]
    verb = trigger.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    recipients: list[ActorRef] = []
    actors: list[ActorRef] = []
    if verb.pos_ in ("VERB", "AUX") and verb.i != trigger.i:
        subj = subject_of(verb, index.cols) if trigger.dep_ not in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS else None
        if is_passive(verb, index.cols):
            agent = passive_agent(verb, index.cols)
            actors = resolve(agent, index) if agent is not None else []
            recipients = [r for p in prep_objects(verb, index.cols) for r in resolve(p, index)]
        elif subj is not None:
            actors = resolve(subj, index)
            recipients = [r for o in object_of(verb, index.cols) if o.i != trigger.i and o.head.i != trigger.i
                          for r in resolve(o, index)]
    reporter = reporter_of(verb, index.cols) if verb.pos_ in ("VERB", "AUX") else None
    reported = resolve(reporter, index)[:1] if reporter is not None else []
    if own and targets:
        # The noun names both sides: "condemned Israel's raid on Gaza" is Israel's raid.
        return Arguments(_unique(own), _unique(targets), reported[0] if reported else None, "noun")
    return Arguments(_unique(own + actors + host), _unique(targets + recipients),
                     reported[0] if reported else None, "noun")


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen, out = set(), []
    for r in refs:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out
