"""Which actor a token stands for: the actors stage's mentions, else a fallback.

``ActorIndex`` maps tokens to the actor whose mention covers them (``doc._.eventwire_actors``).
Where no mention covers a phrase it decides what the phrase still says: the country of a
place the places stage geolocated ("in Jericho" -> PSE), a country name, demonym or capital
the actors stage missed ("Iraqis"), or an un-coded ActorRef built from the spaCy entity
(country None), so that an event stays explainable while the actor stage is missing or
incomplete. It also finds the antecedent a pronoun of some kind can refer to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..nlp.columns import Columns, char_tokens, columns, doc_ents, doc_text, ent_at, text_between
from ..nlp.extensions import get_list
from ..schema import Actor, ActorRef
from ..when_where.clause import sentence_of
from .lexicon import lower_lemmas

log = logging.getLogger(__name__)

_ENTITY_LABELS = ("GPE", "ORG", "NORP", "PERSON", "LOC", "FAC")
PRONOUNS = {"it": "sing", "its": "sing", "he": "person", "his": "person", "him": "person",
             "she": "person", "her": "person", "they": "plural", "them": "plural", "their": "plural"}


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
        # The parse, text and stage outputs every trigger's argument rules read, read once
        # per Doc (why: benchmarks/README.md, "Event coder").
        self.cols = columns(doc)
        self.text = doc_text(doc)
        self.lemmas = lower_lemmas(doc, self.cols)
        # Where a stance prefix ends ("anti-", "pro-"): most documents have none, and then
        # no name needs the token walk of ``stance_prefixed``.
        self.stance_hyphens = _stance_hyphens(self.cols)
        self.countries = countries if countries is not None else default_countries()
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
        # Groups named without a nationality of their own ("troops"): a state's own forces
        # when it is the actor; through a possessive pronoun ("its troops"), whoever's they are.
        self.bare_groups = {a.id for a in actors if "+bare" in (a.resolution or "")}
        self.pronoun_groups = {a.id for a in actors if "+pronoun" in (a.resolution or "")}
        # ``resolve`` results by (token index, depth): the triggers of a sentence share
        # their subjects and objects, and nothing here changes once the index is built.
        self.resolved: dict[tuple[int, int], list[ActorRef]] = {}

    def char_tokens(self, start_char: int, end_char: int) -> tuple[int, int] | tuple[None, None]:
        """The token range of ``doc.char_span(start_char, end_char, alignment_mode="expand")``
        ((None, None) where that is None), read from the columns."""
        return char_tokens(self.cols, len(self.text), start_char, end_char) or (None, None)

    def ref_at(self, token: Token) -> ActorRef | None:
        """The ActorRef for the actor mention covering ``token``, else a fallback entity."""
        return self.ref_at_index(token.i)

    def ref_at_index(self, i: int) -> ActorRef | None:
        """``ref_at`` for token ``i``, read from the columns (no Token is built for it)."""
        hit = self.by_token.get(i)
        if hit:
            # The mention's own words name the actor in this event ("the Kremlin" for Russia).
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
            if compatible(span, actor.kind, kind) and actor.mentions:
                return actor.ref(span.text)
        ents = doc_ents(self.doc)
        for ent in reversed(ents[:_first_ending_after(token.i, [ent.end for ent in ents])]):
            if ent.label_ in ("GPE", "ORG", "PERSON") and compatible(ent, ent.label_, kind):
                return _ref_from_span(ent)
        return None


def _first_ending_after(i: int, ends: list[int]) -> int:
    """The position of the first span (of their ``ends``) that ends after token ``i`` (or the number of spans)."""
    return next((n for n, end in enumerate(ends) if end > i), len(ends))


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


def compatible(span: Span, kind: str | None, pronoun_kind: str) -> bool:
    if span.root.lower_ in PRONOUNS:
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
                and ent_type[c] in ("NORP", "GPE") and not stance_prefixed(c, index)]
        if mods:
            return _ref_from_text(text_between(index.text, cols, min([i] + mods), i + 1))
    return None


def _stance_hyphens(cols: Columns) -> set[int]:
    """Indices of the hyphens of "anti-"/"pro-" prefixes."""
    lower = cols.lower
    return {h for h in positions(cols.text, "-") if h >= 1 and lower[h - 1] in ("anti", "pro")}


def stance_prefixed(i: int, index: ActorIndex) -> bool:
    """"anti-Syria journalist", "pro-Russia rebels": the name at token ``i`` is whom they
    oppose or back."""
    if not index.stance_hyphens:
        return False  # no prefix anywhere in the Doc: the walk below cannot find one
    doc, ent_type = index.doc, index.cols.ent_type
    start, label = i, ent_type[i]
    if not label or i == 0 or ent_type[i - 1] != label:
        # The name starts at ``i``: only the word before can be the hyphen.
        return i - 1 in index.stance_hyphens
    while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start - 1].ent_type_ == label:
        start -= 1
    return start - 1 in index.stance_hyphens


def positions(values: list[str], value: str, start: int = 0, end: int | None = None) -> list[int]:
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
