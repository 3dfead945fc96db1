"""The PLOVER event-type catalogue: each type a small documented dataclass.

Docs are generated from ``CATALOGUE`` (see ``catalogue_markdown``), so the text here
is the single source of truth for what a type and its modes mean. Descriptions are
paraphrased from the PLOVER manual (openeventdata/PLOVER, CC BY-SA 4.0).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type.

    name (str): the PLOVER name, e.g. "CONSULT".
    description (str): what the type covers, one or two sentences.
    modes (tuple[str, ...]): the PLOVER modes of the type (may be empty): the PLOVER
        manual's mode tables (chapter 3), plus older modes the converted patterns carry
        ("assassinate", "massacre", "return", "ban").
    quad_class (int): 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.
    intensity (float): a Goldstein-style default score, -10..+10.
    cameo_root (str): the CAMEO root code closest to the type (for the ``cameo`` field).
    """

    name: str
    description: str
    modes: tuple[str, ...]
    quad_class: int
    intensity: float
    cameo_root: str


CATALOGUE: dict[str, EventType] = {t.name: t for t in (
    EventType("AGREE", "Agree to, offer or promise cooperation; cooperative actions reported in the "
              "future tense count as intentions.", (), 1, 4.0, "03"),
    EventType("CONSULT", "Meetings and consultations: visits, hosting visits, talks at a third "
              "location, multilateral meetings, phone calls.",
              ("visit", "third-party", "multilateral", "phone"), 1, 1.0, "04"),
    EventType("SUPPORT", "Verbal, diplomatic support: praise, endorse, recognise, defend, sign "
              "formal agreements.", (), 1, 3.5, "05"),
    EventType("CONCEDE", "Verbal concessions without immediate material consequence: easing "
              "restrictions, accepting demands.", (), 2, 5.0, "08"),
    EventType("COOPERATE", "Mutual material cooperation: economic, military, judicial, "
              "intelligence.", (), 2, 6.0, "06"),
    EventType("AID", "Material aid benefiting mainly the recipient: economic, military, "
              "humanitarian aid, asylum.", (), 2, 7.0, "07"),
    EventType("RETREAT", "Yielding with immediate material consequences: releases, returns, "
              "withdrawals, ceasefires, allowing access.",
              ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"), 2, 5.0, "08"),
    EventType("REQUEST", "Demands, appeals and orders: for assistance, change, yielding, or to "
              "meet.", ("assist", "change", "yield", "meet"), 3, -2.0, "10"),
    EventType("ACCUSE", "Disapproval, allegations and investigations: criticise, condemn, "
              "accuse, sue, investigate.", ("disapprove", "investigate", "allege"), 3, -2.0, "11"),
    EventType("REJECT", "Rejections and refusals of cooperation, demands, meetings or change.",
              ("assist", "change", "yield", "meet"), 3, -4.0, "12"),
    EventType("THREATEN", "Threats and forceful warnings with serious potential repercussions.",
              ("restrict", "ban", "arrest", "expel", "relations", "violence", "territory",
               "political"), 3, -6.0, "13"),
    EventType("PROTEST", "Collective civilian dissent: demonstrations, hunger strikes, boycotts, "
              "obstruction, riots.", ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"), 4, -6.5, "14"),
    EventType("SANCTION", "Reductions of normal relations: cut aid, break ties, expel or "
              "withdraw, halt negotiations, convict.",
              ("convict", "expel", "withdraw", "discontinue"), 4, -4.0, "16"),
    EventType("MOBILIZE", "Military or police moves short of force: alerts, deployments, "
              "build-ups.", ("troops", "weapons", "police", "militia"), 4, -7.2, "15"),
    EventType("COERCE", "Repression of people or property: arrests, seizures, bans, curfews, "
              "deportations, blockades.",
              ("seize", "restrict", "censor", "ban", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"), 4, -7.0, "17"),
    EventType("ASSAULT", "Deliberate physical harm: attacks, fighting, bombings, killings, "
              "abductions, torture.",
              ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
               "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
               "unconventional", "assassinate", "massacre", "cleansing"), 4, -9.0, "18"),
)}

# Goldstein-style scores per CAMEO root (Goldstein 1992 scale, rounded per root); used
# when a pattern carries a CAMEO code, so intensity follows the specific action.
CAMEO_ROOT_INTENSITY: dict[str, float] = {
    "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0,
    "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0,
    "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}

# PLOVER v0.5 names used by older gold sets, mapped to the current types.
LEGACY_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}


def canonical_type(name: str) -> str:
    """The current PLOVER name for a (possibly legacy) event type name.

    >>> canonical_type("DEMAND"), canonical_type("assault")
    ('REQUEST', 'ASSAULT')
    """
    name = name.strip().upper()
    return LEGACY_NAMES.get(name, name)


def intensity_for(event: str, cameo: str | None = None) -> float:
    """Goldstein-style intensity: from the CAMEO root when known, else the type default.

    >>> intensity_for("ASSAULT", "190"), intensity_for("CONSULT")
    (-10.0, 1.0)
    """
    if cameo and cameo[:2] in CAMEO_ROOT_INTENSITY:
        return CAMEO_ROOT_INTENSITY[cameo[:2]]
    return CATALOGUE[event].intensity


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table, for generated docs.

    >>> catalogue_markdown().splitlines()[0]
    '| type | quad | modes | description |'
    """
    lines = ["| type | quad | modes | description |", "|---|---|---|---|"]
    for t in CATALOGUE.values():
        lines.append(f"| {t.name} | {t.quad_class} | {', '.join(t.modes) or '-'} | {t.description} |")
    return "\n".join(lines)
