"""The place stage: geolocate place mentions and link an event trigger to where it happened.

Mentions come from spaCy's GPE/LOC/FAC entities, plus organisations and events named
after a place ("the Munich Security Conference" happened in Munich). Ambiguous names are
settled by the countries the article mentions, then by population (gazetteer.rank).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp.columns import columns, doc_ents, per_doc, span_ents, span_text
from ..schema import Place
from .clause import VERBAL_POS, clause_distance, sentence_of, span_root
from .gazetteer import Entry, best_entry

log = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Named gatherings and buildings whose first words name the place they are in.
VENUE_LABELS = frozenset({"ORG", "EVENT", "FAC"})
VENUE_HEADS = frozenset({
    "conference", "summit", "forum", "talks", "meeting", "airport", "university", "hospital",
    "prison", "stadium", "square", "palace", "embassy", "games", "festival", "parliament",
    "council", "court", "station", "base", "camp", "port", "harbour", "harbor",
})
# Prepositions that say where something happened ("to" and "from" are motion: weaker).
LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "inside", "outside", "across", "throughout", "around", "within",
    "along", "on", "off", "into", "onto", "over", "outside", "through", "towards", "toward",
    "to", "beside", "behind", "opposite", "among", "between", "nearby", "from", "of",
})
WEAK_PREPS = frozenset({"to", "from", "towards", "toward", "into", "of", "between"})
# Links inside a noun phrase: "the West Bank city of Nablus", "her Reshimbagh residence".
NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "conj", "npadvmod"})


def _entry_for(text: str, countries: frozenset[str]) -> Entry | None:
    return best_entry(text, countries)


def _venue_place(ent: Span, countries: frozenset[str]) -> tuple[Span, Entry] | None:
    """The place that opens a venue name: "Munich Security Conference" -> Munich."""
    if ent[-1].lower_ not in VENUE_HEADS:
        return None
    tokens = [t for t in ent if t.lower_ != "the"]
    for size in range(min(3, len(tokens) - 1), 0, -1):
        head = ent.doc[tokens[0].i:tokens[0].i + size]
        entry = _entry_for(head.text, countries)
        if entry is not None and entry.feature in ("city", "region"):
            return head, entry
    return None


def _place(entry: Entry | None, text: str, start: int, end: int) -> Place:
    if entry is None:
        return Place(name=text, text=text, start=start, end=end)
    return Place(
        name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon,
        geonameid=entry.geonameid, text=text, start=start, end=end, feature=entry.feature,
    )


def context_countries(doc: Doc) -> frozenset[str]:
    """ISO3 codes of the countries a document names, for settling ambiguous place names."""
    found = set()
    for ent in doc_ents(doc):
        if ent.label_ == "GPE":
            entry = best_entry(span_text(doc, ent.start, ent.end))
            if entry is not None and entry.feature == "country" and entry.country:
                found.add(entry.country)
    return frozenset(found)


def find_places(doc: Doc) -> list[Place]:
    """Every place mention in ``doc``, geolocated when the gazetteer knows it.

    doc (Doc): a Doc with entities.
    RETURNS (list[Place]): one Place per mention, in text order; unknown names keep
        their text with no coordinates.
    """
    countries = context_countries(doc)
    places = []
    for ent in doc_ents(doc):
        if ent.label_ in VENUE_LABELS:
            venue = _venue_place(ent, countries)
            if venue is not None:
                places.append(_place(venue[1], span_text(doc, ent.start, ent.end), ent.start_char, ent.end_char))
                continue
        if ent.label_ in PLACE_LABELS:
            name = span_text(doc, ent.start, ent.end)
            entry = _entry_for(name, countries)
            # Real countries and towns are in the gazetteer: an unknown "GPE" is usually a
            # person or a date NER mislabelled; unknown LOC/FAC ("Manger Square") stay.
            if entry is None and ent.label_ == "GPE":
                continue
            places.append(_place(entry, name, ent.start_char, ent.end_char))
    return places


# Nouns a place name can modify and still say where ("Khanasir town", "the Nicosia
# airport"); before other nouns the name is an attribute ("a U.S. airstrike", "IDF post").
PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "district", "region", "area", "governorate", "county",
    "state", "border", "airport", "hospital", "base", "camp", "plant", "residence", "home", "house",
    "school", "stadium", "junction", "crossing", "market", "bazaar", "square", "street", "road",
    "highway", "bridge", "port", "compound", "prison", "embassy", "headquarters", "office",
    "building", "mosque", "church", "hotel", "university", "neighborhood", "neighbourhood",
    "suburb", "suburbs", "countryside", "outskirts", "zone", "strip", "valley", "mountains",
    "river", "island", "coast", "hall", "palace", "capital", "region", "territory", "oblast",
    "settlement", "neighborhoods", "streets", "center", "centre", "downtown", "station", "farm",
})


@dataclass(frozen=True)
class Anchor:
    """Where a place mention attaches: the token to link from, how weakly, and the
    tokens of the noun phrase climbed through to get there."""

    token: Token
    weak: bool
    phrase: frozenset[int]


def _locative_anchor(root: Token) -> Anchor | None:
    """The preposition (or verb object slot) that makes a place mention a location.

    Climbs out of the noun phrase ("Reshimbagh" in "her Reshimbagh residence", "Nablus"
    in "the city of Nablus") and returns the locative preposition it hangs from, or the
    phrase itself when it is a verb's direct object ("captured Badme"). None when the
    mention is not in a locative slot (a subject, an attribute: "a U.S. airstrike").
    """
    if root.dep_ in ("compound", "amod") and root.head.lemma_.lower() not in PLACE_NOUNS:
        return None
    current = root
    phrase = {root.i}
    weak = root.dep_ == "poss"  # "Syria's Aleppo province": the possessor is the wider place
    for _ in range(12):
        dep = current.dep_
        if dep in NOUN_PHRASE_DEPS and current.head.i != current.i:
            current = current.head
            phrase.add(current.i)
            continue
        if dep == "pobj":
            prep = current.head
            if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PROPN"):
                current = prep.head  # "the city of Nablus", "the suburbs of Damascus"
                phrase.add(current.i)
                continue
            if prep.lower_ in LOCATIVE_PREPS:
                return Anchor(prep, weak or prep.lower_ in WEAK_PREPS, frozenset(phrase))
            return None
        if dep == "dobj" and current.head.pos_ in VERBAL_POS:
            return Anchor(current, weak, frozenset(phrase))  # "captured Badme"
        if dep == "npadvmod" and current.head.pos_ in VERBAL_POS:
            return Anchor(current, weak, frozenset(phrase))
        return None
    return None


def _contains(outer: Anchor, inner: Anchor) -> bool:
    """Whether ``outer`` hangs inside ``inner``'s phrase: "Manger Square in Bethlehem",
    "Syria's Aleppo province" (the outer place only says where the inner one is)."""
    token = outer.token
    for _ in range(12):
        if token.i in inner.phrase:
            return True
        if token.head.i == token.i or token.pos_ in VERBAL_POS:
            return False
        token = token.head
    return False


def _mention_span(doc: Doc, place: Place) -> Span | None:
    if place.start is None or place.end is None:
        return None
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


# Prepositions strong enough to make any proper name after them a location, even one
# NER mislabelled ("demonstrated in Sanaa" with Sanaa tagged PERSON).
STRONG_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP"})


# Actor kinds that are never places: a name the actor stage resolved to one of these is
# not a place even when a gazetteer alternate name matches it ("Hamas" is also an old
# name of the German city Hamm).
NON_PLACE_KINDS = frozenset({"PERSON", "ORG", "ARMED_GROUP", "IGO", "NGO", "GROUP", "EVENT"})


def _non_place_actor_chars(doc: Doc) -> set[int]:
    """Start offsets of every token inside a mention of a known (knowledge-base) actor
    that is not a place. Unknown names stay candidates: NER mislabels villages as people."""
    starts: set[int] = set()
    for actor in doc._.eventwire_actors or []:
        if actor.kind in NON_PLACE_KINDS and actor.kb_id:
            for m in actor.mentions:
                starts.update(t.idx for t in doc.char_span(m.start, m.end, alignment_mode="expand") or [])
    return starts


def _extra_candidates(doc: Doc, sent: Span, known: set[int]) -> list[Place]:
    """Proper names in the sentence that NER did not label as places but that sit where a
    location sits: after a strong locative preposition."""
    ents = span_ents(sent)
    spans = [e for e in ents if e.label_ not in NOT_PLACE_LABELS]
    covered = {i for e in ents for i in range(e.start, e.end)}
    pos = columns(doc).pos  # read from the columns: a Token per word of every sentence was most of the cost
    spans += [doc[i:i + 1] for i in range(sent.start, sent.end) if pos[i] == "PROPN" and i not in covered]
    not_places = per_doc(doc, "non_place_actor_chars", lambda: _non_place_actor_chars(doc),
                         depends=(doc._.eventwire_actors,))
    extra = []
    for span in spans:
        if span.start_char in known or span.start_char in not_places:
            continue
        anchor = _locative_anchor(span_root(span))
        if anchor is None:
            continue
        entry = best_entry(span.text)
        if entry is None and span.text.replace(".", "").isupper() and len(span.text) <= 6:
            continue  # unknown acronyms name organisations ("the IDF post", "0830 GMT")
        # A known place name in any locative slot ("captured Birao", "on the outskirts of
        # Karachi", both mislabelled by NER) or any name after "in"/"at".
        if anchor.token.lower_ in STRONG_PREPS or entry is not None:
            extra.append(_place(entry, span.text, span.start_char, span.end_char))
    return extra


def place_for_event(doc: Doc, trigger: Token, places: list[Place] | None = None,
                    actors: list | None = None) -> Place | None:
    """The place linked to the event trigger in the dependency parse.

    doc (Doc): a Doc the place stage has run on (places are found on the fly otherwise).
    trigger (Token): the event's verb or noun.
    places, actors (list | None): the Doc's places and actors when the caller has read
        them (default ``doc._.eventwire_places`` and ``eventwire_actors``; each ``doc._``
        read costs microseconds, per trigger).
    RETURNS (Place | None): the best-attached place in the trigger's clause ("in Moscow",
        "at a penal colony in Kharp", "the meeting in Moscow"), or None.
    """
    linked: list[tuple[tuple, Place, Anchor]] = []
    if places is None:
        places = doc._.eventwire_places
    if places is None:
        places = find_places(doc)
    if actors is None:
        actors = doc._.eventwire_actors
    for place, span_start, span_end, anchor in _anchored_places(doc, sentence_of(doc, trigger.i), places, actors):
        if span_start <= trigger.i < span_end:
            continue
        token = anchor.token
        distance = 0 if token.head.i == trigger.i else clause_distance(trigger, token)
        if distance is None:
            continue
        key = (distance, anchor.weak, place.feature == "country", abs(span_start - trigger.i))
        linked.append((key, place, anchor))
    # A place that only locates another linked place gives way to it (the more specific).
    specific = [c for c in linked if not any(o is not c and _contains(c[2], o[2]) for o in linked)]
    best = min(specific or linked, key=lambda c: c[0], default=None)
    return best[1] if best else None


def _anchored_places(doc: Doc, sent: Span, places: list[Place],
                     actors: list | None) -> list[tuple[Place, int, int, Anchor]]:
    """(place, first token, end token, anchor) of the sentence's places in a locative slot.

    None of this depends on the trigger: found once per sentence, not once per trigger
    (each mention lookup builds a Span and Tokens).
    """
    return per_doc(doc, ("anchored_places", sent.start), lambda: _anchor_places(doc, sent, places),
                   depends=(places, actors))


def _anchor_places(doc: Doc, sent: Span, places: list[Place]) -> list[tuple[Place, int, int, Anchor]]:
    extra = _extra_candidates(doc, sent, {p.start for p in places if p.start is not None})
    out = []
    for place in list(places) + extra:
        if place.start is None or place.start < sent.start_char or place.end > sent.end_char:
            continue
        span = _mention_span(doc, place)
        if span is None:
            continue
        anchor = _locative_anchor(span_root(span))
        if anchor is None:
            continue
        token = anchor.token
        if token.dep_ == "prep" and anchor.weak and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            continue  # "a driver from Abidjan": where someone comes from, not where it happened
        out.append((place, span.start, span.end, anchor))
    return out


class PlaceResolver:
    """spaCy component writing ``doc._.eventwire_places`` (list[Place])."""

    def __init__(self, nlp: Language, name: str = "eventwire_places") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_places = find_places(doc)
        return doc

