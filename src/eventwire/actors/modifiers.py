"""What the words before a noun say about whose it is: agent words, owners, countries, stances.

``agent_before`` finds the KB agent phrase ending at a token ("deputy foreign minister",
"police"); ``read_modifiers`` reads the words before it for a country and an owner
("Russia's", "Kenyan", "the ANC's"). ``stance_prefix`` keeps "pro-Russia rebels" from
being Russia's, and ``name_country`` finds the country a body is named after.

Every function takes the article's ``DocState`` (see ``state``) and token indices.
"""

from __future__ import annotations

from .kb import BLOCS
from .state import Cand, DocState, Ref, is_cap_text

# The longest agent phrase tried ("deputy prime minister for foreign affairs").
MAX_AGENT_WORDS = 6


def agent_before(state: DocState, end: int, limit: int | None = None) -> tuple[int, str] | None:
    """The longest agent phrase ending at token ``end`` (exclusive): (start, code)."""
    norms, tags, is_punct = state.norms, state.cols.tag, state.cols.is_punct
    if end < 1 or (tags[end - 1] != "POS" and norms[end - 1] not in state.kb.agent_last_words):
        return None  # every key tried below ends in that word
    # The keys grow leftwards from the last word; once one ends no agent phrase (is in no
    # key's word suffixes), no longer one can be a key either.
    suffixes, agents, found = state.kb.agent_suffixes, state.kb.agents, None
    tail, possessive = "", False  # the words [start, end) as they join into a key
    for start in range(end - 1, max(0, end - (limit or MAX_AGENT_WORDS)) - 1, -1):
        if tags[start] == "POS":
            # A possessive "'s" joins its word: "president's office" -> "presidents office".
            tail, possessive = norms[start] + tail, True
            continue
        if is_punct[start]:
            break  # phrases never span punctuation
        tail = " " + norms[start] + tail
        key = tail.strip() if possessive else tail[1:]
        if norms[start] and key not in suffixes:
            break  # (a word that normalises to nothing leaves the key's edges unknown)
        code = agents.get(key)
        if code is not None:
            found = start, code
    return found


def read_modifiers(state: DocState, start: int, stop: int) -> tuple[str | None, Ref | None, list[Cand]]:
    """Country code and possessor from tokens [start, stop): possessives and demonyms.

    Returns (country, owner ref, country-mention candidates).
    """
    cols, country, owner, cands = state.cols, None, None, []
    i = start
    while i < stop:
        if stance_prefix(state, i):
            i += 1  # "pro-Russia rebels" are not Russia's
            continue
        cand = state.name_at.get(i)
        if cand is not None:
            ref = cand.ref
            country = country or (ref.country if ref.country != "IGO" else None)
            # "Kyiv police": a capital before agent words says where, not whose; an unknown
            # word nothing claimed ("Shona rebels") names a kind, not an owner.
            owner = ref if ref.resolution != "capital-metonym" and ref.kind is not None else owner
            i = cand.end
            continue
        text = cols.text[i]
        code = state.kb.country_code(text) if (cols.pos[i] in ("ADJ", "PROPN", "NOUN") and is_cap_text(text)) or cols.lower[i] == "western" else None
        if code:
            country = country or code
            cands.append(state.country_cand(i, i + 1, code, "demonym"))
        i += 1
    return country, owner, [c for c in cands if c is not None]


def stance_prefix(state: DocState, i: int) -> bool:
    """True for the country in "pro-Russia"/"anti-Syria": a stance, not a nationality."""
    return i >= 2 and state.cols.text[i - 1] in ("-", "–") and state.cols.lower[i - 2] in ("pro", "anti")


def name_country(state: DocState, start: int, end: int) -> str | None:
    """The country a name is named after ("Syrian Observatory ..."), else None.

    "London-based" says where a body sits, not whose it is.
    """
    texts, lower = state.cols.text, state.cols.lower
    for i in range(start, end):
        if i + 2 < len(texts) and texts[i + 1] in ("-", "–") and lower[i + 2] == "based":
            continue
        if is_cap_text(texts[i]) and (code := state.kb.country_code(texts[i])) and code not in BLOCS:
            return code
    return None
