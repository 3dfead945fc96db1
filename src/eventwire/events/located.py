"""Sides a place names: an attack's unnamed perpetrator and a crowd's country.

Event data code an attack whose perpetrator the sentence leaves unnamed ("a mortar strike
near Tikrit killed ...") to the country where it happened, and a crowd named by a bare
group noun ("crowds blocked roads in Dhaka") to the country of its protest. Both, and the
place that stands for a missing target (``arguments.complement_recipients``), are read
from the locative phrases of the trigger's frame (``locative_objects``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from ..schema import ActorRef
from .complement import complement_indices
from .phrases import GROUP_NOUNS, quantified, resolve
from .references import ActorIndex
from .syntax import is_passive, prep_object_indices

# Nouns naming an attack whose perpetrator the sentence may leave unnamed.
ATTACK_NOUNS = frozenset("""attack bombing bomb explosion blast shelling airstrike strike raid
ambush mine minefield landmine grenade rocket missile mortar gunfire shooting""".split())


def attack_actor(trigger: Token, subj: Token | None, index: ActorIndex) -> list[ActorRef]:
    """The side of an attack named only by its weapon or place.

    "A mortar strike near Tikrit killed ...", "died when a parcel bomb went off in
    Beirut": with no perpetrator named, event data code the attack to the country where
    it happened, as an unidentified armed group.
    """
    # The attack is the subject, or a passive's "in"/"by" phrase ("killed in a bomb blast").
    cols, lemmas = index.cols, index.lemmas
    dep, children = cols.dep, cols.children
    nouns = [subj.i] if subj is not None else []
    if is_passive(trigger, cols):
        nouns += prep_object_indices(trigger.i, cols, ("in", "by"))
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

    "Crowds blocked roads in Dhaka", "students rioted on a campus in
    Quito": the crowd is of the country of the protest's place (as "rebels in X" is X's).
    """
    noun = quantified(subj, index)
    if noun.lemma_.lower() not in GROUP_NOUNS and noun.lower_ not in GROUP_NOUNS:
        return []
    # The frame region: no subject, no other clause.
    heads = [trigger.i] + complement_indices(trigger, depth=3, cols=index.cols)
    for place in locative_objects(heads, LOCATIVE_PREPS, index, appositions=True):
        ref = index.place_ref(place)
        if ref is not None and ref.country:
            return [ActorRef(name=f"{noun.text} in {ref.name}", code=ref.country, country=ref.country,
                             sector=None, text=noun.text, id=f"group:{noun.lemma_.lower()}:{ref.country}")]
    return []


LOCATIVE_PREPS = ("in", "at", "into", "inside")


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
