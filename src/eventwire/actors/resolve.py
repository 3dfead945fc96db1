"""Find and resolve the actors of one parsed article.

``resolve_doc`` runs ``DocResolver``: the steps below, in order, over one ``DocState``
(token columns plus candidate mentions; see ``state``). Each step lives in the module
named after its concern and says in its docstring what it decides:

=============  ==============================================================================
module         decides
=============  ==============================================================================
``mentions``   which names are mentions: KB aliases and NER entities, resolved to KB entities,
               countries, cities, organisations built from their parts, or persons
``places``     whether a place name acts or only says where; demonyms; shared city names;
               where a people lives
``roles``      titles and appositions: a person's role, country and organisation
``coref``      surnames, misspellings and kinship ("her husband") of persons named earlier
``agents``     described actors ("Kenyan police", "rebels"): whether one is an actor, whose
``context``    the country of "the government", nationless groups and titled persons
``collectives`` lists and collectives: "U.S. and Russian negotiators", "western", members
``grouping``   candidates -> ``schema.Actor`` records with non-overlapping mentions
=============  ==============================================================================

Resolution is a dict lookup per token or mention, never a scan of the KB.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ..schema import Actor
from .agents import agent_phrases
from .collectives import bloc_adjectives
from .context import nationless_orgs
from .coref import corefer_persons, kinship
from .grouping import group
from .kb import KnowledgeBase
from .mentions import collect_names, glossed_orgs
from .places import groups_in_places, shared_place_names
from .roles import appositive_orgs, titled_person_countries, titles
from .state import Cand, DocState, Ref

__all__ = ["Cand", "DocResolver", "Ref", "resolve_doc"]


class DocResolver(DocState):
    """Resolution of one Doc (the component builds one per call): ``run`` calls the steps in order."""

    def run(self) -> list[Actor]:
        """Resolve every actor of the Doc. RETURNS (list[Actor]): in order of first mention."""
        self.read_columns()
        # Names first: every later step reads them through ``name_at``.
        collect_names(self)
        glossed_orgs(self)
        shared_place_names(self)
        # Titles before surnames: a title can correct a misspelt full name the KB knows
        # (``roles.misspelt_titled_person``), and a later surname refers to the corrected one.
        titles(self)
        corefer_persons(self)
        appositive_orgs(self)
        kinship(self)
        groups_in_places(self)
        # Agent phrases after names and titles, which keep their tokens; titled persons
        # after agent phrases: "the Burundian president" gives "President X" a country.
        agent_phrases(self)
        titled_person_countries(self)
        nationless_orgs(self)
        bloc_adjectives(self)
        return group(self)


def resolve_doc(doc: Doc, kb: KnowledgeBase, published: dt.date | None, *, phrase: bool = False) -> tuple[list[Actor], list[str]]:
    """Resolve every actor of a parsed Doc.

    doc (Doc): a Doc parsed by the tagger, parser and NER.
    kb (KnowledgeBase): the actor KB.
    published (date | None): publication date for time-bounded roles (latest role if None).
    phrase (bool): the Doc is one actor phrase, not an article (place names count as actors).
    RETURNS (tuple[list[Actor], list[str]]): the actors and warnings.
    """
    resolver = DocResolver(doc, kb, published, phrase=phrase)
    return resolver.run(), resolver.warnings
