"""Words that say what an unknown organisation or an office-holder's title is.

The KB's agent phrases code people and bodies by their head noun ("police" -> COP);
an organisation's proper name often says more than its head noun ("Afghan Independent
Human Rights Commission" is a rights body, not the government's commission), so these
words are read from the whole name first.
"""

from __future__ import annotations

from .normalize import norm

# Words naming a body's purpose: they decide over the agent phrase its name ends with
# ("Afghan Independent Human Rights Commission" is a rights body, not the government's).
PURPOSE_WORDS: tuple[tuple[str, str], ...] = (
    ("human rights", "NGO"), ("observatory", "NGO"), ("red crescent", "NGO"), ("red cross", "NGO"),
    ("charity", "NGO"), ("foundation", "NGO"), ("university", "EDU"),
)
# Words naming a body's form: used only when no KB agent phrase ends the name
# ("Self Defense Forces" is PRM in the KB, plain "forces" MIL; a "National News Agency"
# is the state's). Ordered, first match wins; a None sector stops the search.
FORM_WORDS: tuple[tuple[str, str | None], ...] = (
    ("news agency", "MED"), ("newspaper", "MED"), ("television", "MED"), ("tv", "MED"),
    ("broadcasting", "MED"), ("broadcaster", "MED"),
    ("police", "COP"),
    ("army", "MIL"), ("armed forces", "MIL"), ("forces", "MIL"),
    ("party", "PTY"),
    ("central bank", "GOV"), ("ministry", "GOV"), ("commission", "GOV"),
    # "Bank of <country>" is usually its central bank, which codebooks code differently.
    ("bank of", None), ("bank", "BUS"), ("company", "BUS"),
)

# Head nouns of a phrase that describes an organisation ("UNICEF, the UN children's agency").
ORG_NOUNS = frozenset({"agency", "organization", "organisation", "group", "body", "movement", "party", "faction",
                       "force", "militia", "service", "office", "ministry", "department", "council", "committee"})

# Last words of a title by which a person acts for an international body
# ("UN envoy", "EU foreign policy chief", "NATO Secretary-General").
IGO_TITLE_HEADS = frozenset({
    "envoy", "chief", "head", "coordinator", "general", "secretary", "commissioner", "representative",
    "director", "rapporteur", "spokesman", "spokeswoman", "spokesperson", "official", "ambassador",
    "president", "chairman", "chairwoman", "chair", "adviser", "advisor", "negotiator", "mediator",
    "inspector", "administrator", "prosecutor", "commander", "high representative",
})


def org_sector(name: str, words: tuple[tuple[str, str | None], ...] = PURPOSE_WORDS) -> str | None:
    """The sector an organisation's name states, or None.

    name (str): the organisation's name as written.
    words (tuple): (phrase, sector) pairs, first match wins: ``PURPOSE_WORDS`` or ``FORM_WORDS``.
    RETURNS (str | None): a CAMEO-style sector code.

    >>> org_sector("Afghan Independent Human Rights Commission")
    'NGO'
    >>> org_sector("Iraqi Interior Ministry", FORM_WORDS), org_sector("Kano State", FORM_WORDS)
    ('GOV', None)
    """
    key = f" {norm(name)} "
    return next((code for phrase, code in words if f" {phrase} " in key), None)
