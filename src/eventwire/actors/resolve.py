"""Find and resolve the actors of one parsed article.

``resolve_doc`` works in three steps over a parsed spaCy Doc:

1. candidates: KB aliases (gazetteer scan) and NER names; agent noun phrases
   ("Russia's deputy foreign minister", "rebels"); kinship phrases ("her husband");
2. resolution: exact alias -> role valid at the publication date -> transliteration
   skeleton (Mousa/Musa) -> sector from agent words -> country from demonym/possessive,
   plus what the article itself says (titles, appositions, surnames, misspellings);
3. grouping: mentions of one actor are merged into one ``schema.Actor`` with
   non-overlapping character offsets.

Every step is a dict lookup per token or mention, never a scan of the KB.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from operator import or_

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from ..memo import Memo
from ..nlp.columns import Columns, columns, doc_ents, doc_text, sentence_spans, text_between
from ..schema import Actor, Mention
from .chunks import Chunk, left_edges, noun_chunk_bounds, span_root
from .kb import BLOCS, KnowledgeBase
from .normalize import norm, slug, token_norms
from .orgwords import FORM_WORDS, IGO_TITLE_HEADS, org_sector

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
# Prepositions after which a place name is where something happens, not who acts.
LOC_PREPS = {"in", "at", "to", "from", "near", "into", "across", "throughout", "within", "inside",
             "outside", "around", "toward", "towards", "through", "via", "on"}
GOV_HEADS = {"regime", "government", "administration", "authorities", "leadership", "cabinet", "junta"}
KIN = {"widow": ("spouse", "F"), "wife": ("spouse", "F"), "husband": ("spouse", "M"),
       "widower": ("spouse", "M"), "spouse": ("spouse", None)}
PRONOUN_GENDER = {"her": "F", "his": "M", "its": None, "their": None}
# Nouns that make "a slew of X" / "a number of X" one phrase about X.
QUANTITY = {"slew", "number", "host", "handful", "dozens", "group", "series", "couple", "lot",
            "coalition", "bunch", "pair", "team", "several", "some", "members", "member"}
# Agent codes too vague to code an actor from a common noun in an article.
VAGUE = {"NON", "UNK", "JNK"}
# Words before agent words that make the phrase no actor of its own ("their leaders").
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Words before agent words that make the agent elite ("former ministers").
FORMER = frozenset({"former", "ex", "retired"})
# Heads of a descriptive apposition to an organisation ("UNICEF, the UN children's agency").
ORG_NOUNS = {"agency", "organization", "organisation", "group", "body", "movement", "party", "faction",
             "force", "militia", "service", "office", "ministry", "department", "council", "committee"}
ORG_ROLES = {"president", "chairman", "chair", "speaker", "head", "leader", "member", "members", "chief"}
MAX_AGENT_WORDS = 6
# Nouns that end an organisation's name after a bracketed gloss ("the Umma (Nation) party").
GLOSSED_ORG_HEADS = ORG_NOUNS | {"coalition", "front", "alliance", "bloc", "union", "league", "association",
                                 "federation", "congress", "organisation", "organization"}
# Heads of "the government"-like phrases that mean the article's one country.
CONTEXT_HEADS = GOV_HEADS | {"ministry", "parliament", "military", "army", "police", "president",
                             "prime minister", "foreign ministry", "defence ministry", "defense ministry"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# Sectors of nouns that name an actor even with no nationality ("insurgents", "police"):
# codebooks code them with the country of context, or with a sector alone.
BARE_GROUP_SECTORS = {"REB", "INS", "UAF", "CVL", "REF", "MIL", "COP", "RAD", "OPP"}
# Of these, the armed ones are actors (sector only) even with no country in sight.
BARE_ARMED_SECTORS = {"REB", "INS", "UAF", "MIL", "COP", "RAD"}
# Plural nouns too vague to be an actor without a nationality ("people were hurt").
BARE_GROUP_STOP = {"people", "persons", "individuals", "men", "women", "children", "others", "those",
                   "members", "forces"}
# Words after a region's name ("Sindh province", "Borno State").
REGION_WORDS = re.compile(r"\s+(province|state|region|governorate|department|prefecture|oblast)$")
NON_REFERRING = {"any", "no", "all", "every", "more", "fewer"}
# A gazetteer match never spans these (a substring test, so "" and "()" count too).
ALIAS_BREAKS = ",;:()\""


@dataclass
class Ref:
    """What a mention refers to before grouping: a KB entity or a described actor."""

    key: str  # the actor id
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    role: str | None = None
    kb_id: str | None = None
    resolution: str = "ner-only"
    organization: str | None = None
    members: list[str] = field(default_factory=list)
    gender: str | None = None
    spouse: str | None = None


@dataclass
class Cand:
    """One mention: token span [start, end) and what it refers to."""

    start: int
    end: int
    ref: Ref
    priority: int  # lower claims its tokens first


def _is_cap(tok: Token) -> bool:
    return _is_cap_text(tok.text)


def _begins_like_a_name(text: str) -> bool:
    """Does ``text`` begin with a capital letter or a digit (as a name may)?"""
    return text[:1].isupper() or text[:1].isdigit()


# The resolver asks it of some 500 tokens per article, and token texts repeat from one
# article to the next: a text seen before is one C-level dict access, a third of the
# cost of a Python call testing it again. Shared by all articles, like norm's cache.
_is_cap_text = Memo(_begins_like_a_name, limit=1 << 16).__getitem__


def _strip(cols: Columns, start: int, end: int) -> tuple[int, int]:
    """Token bounds [start, end) without leading determiners and a trailing possessive."""
    while start < end and cols.lower[start] in DETERMINERS:
        start += 1
    while end > start and cols.tag[end - 1] == "POS" or (end > start and cols.text[end - 1] in ("'s", "'", "’s")):
        end -= 1
    return start, end


def _match_at(matches: list[tuple[int, int, int]]) -> dict[int, tuple[int, int, int]]:
    """Token index -> the gazetteer match covering it (the matches never overlap)."""
    return {k: m for m in matches for k in range(m[0], m[1])}


def agent_head(cols: Columns, start: int, root: int) -> str:
    """The agent words of a phrase, lower case ("Foreign Ministry" -> "foreign ministry")."""
    return " ".join(cols.lower[start:root + 1])


class DocResolver:
    """Resolution state for one Doc (the component builds one per call)."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, published: dt.date | None, *, phrase: bool = False):
        self.doc, self.kb, self.date, self.phrase = doc, kb, published, phrase
        self.cands: list[Cand] = []
        self.title_tokens: set[int] = set()
        self.name_at: dict[int, Cand] = {}  # token index -> name candidate covering it
        self.persons: dict[str, Ref] = {}  # actor id -> person ref (multi-word names)
        self.refs: dict[str, Ref] = {}
        self.warnings: list[str] = []
        self.spouses: dict[str, str] = {}

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` from the text and columns ``run`` read once.

        The resolver asks for thousands of span texts per article; ``columns.span_text``'s
        two per-Doc cache lookups per call were a large part of their cost.
        """
        return text_between(self.text, self.cols, start, end)

    @cached_property
    def sent_starts(self) -> list[int]:
        """The first token of each sentence, read once per Doc."""
        return [s.start for s in sentence_spans(self.doc)]

    def sentence(self, i: int) -> tuple[int, int]:
        """``doc[i].sent``'s token bounds [start, end), bisected from ``sent_starts``.

        ``Token.sent`` builds a Token and a Span and walks to both ends of the sentence on
        every call; both split at the same sentence starts.
        """
        starts = self.sent_starts
        k = bisect_right(starts, i) - 1
        return starts[k], (starts[k + 1] if k + 1 < len(starts) else len(self.doc))

    def previous_sentence_start(self, i: int) -> int:
        """The first token of the sentence before token ``i``'s (of its own in the first)."""
        start = self.sentence(i)[0]
        return self.sentence(start - 1)[0] if start > 0 else start

    # --- refs ------------------------------------------------------------------------
    def entity_ref(self, idx: int, how: str = "kb-alias") -> Ref:
        e = self.kb.entities[idx]
        role = self.kb.role_of(idx, self.date)
        resolution = role.how if role.how != "kb-alias" else how
        if how.startswith("fuzzy") or how.startswith("kb-surname"):
            resolution = f"{how}+{role.how}" if role.how != "kb-alias" else how
        sector = role.sector if role.sector is not None or e["kind"] == "PERSON" else e.get("sector")
        org = e.get("organization")
        return Ref(key=e["id"], name=e["name"], country=role.country, sector=sector, kind=e["kind"],
                   role=role.office, kb_id=e["id"], resolution=resolution, organization=org,
                   gender=e.get("gender"), spouse=e.get("spouse"))

    def pick(self, hits: list[int]) -> int | None:
        """Among entities sharing an alias, prefer one holding a role at the date."""
        if not hits:
            return None
        if len(hits) > 1 and self.date is not None and self.kb.entities[hits[0]]["kind"] == "PERSON":
            iso = self.date.isoformat()
            for i in hits[:20]:
                roles = self.kb.entities[i].get("roles") or []
                if any((r[2] or "") <= iso and (r[3] is None or iso <= r[3]) for r in roles if r[2] or r[3]):
                    return i
        return hits[0]

    def resolve_name(self, text: str) -> tuple[int | None, str]:
        idx = self.pick(self.kb.lookup(text))
        if idx is not None:
            return idx, "kb-alias"
        idx = self.pick(self.kb.fuzzy(text))
        if idx is not None:
            score = Levenshtein.normalized_similarity(norm(text), norm(self.kb.entities[idx]["name"]))
            return idx, f"fuzzy:{round(score * 100)}"
        return None, ""

    # --- step 1: names ---------------------------------------------------------------
    def gazetteer(self) -> list[tuple[int, int, int]]:
        """Longest KB alias matches over capitalised token runs: (start, end, entity)."""
        doc, kb, out = self.doc, self.kb, []
        texts, spaces, first_words, norms = self.cols.text, self.cols.is_space, kb.first_words, self.norms
        # Only a capitalised token that begins some alias can begin a match; most tokens
        # begin none, so the set test comes first and the rest is done per start.
        starts = [i for i, w in enumerate(norms) if w in first_words and _is_cap_text(texts[i])]
        covered = 0  # tokens before this are inside the last match
        for i in starts:
            if i < covered:
                continue
            longest = min(first_words[norms[i]], len(doc) - i)
            # A match never spans a break: the longest try ends before the first one.
            longest = next((k - i for k in range(i, i + longest) if spaces[k] or texts[k] in ALIAS_BREAKS), longest)
            for n in range(longest, 0, -1):
                if not _is_cap_text(texts[i + n - 1]):
                    continue
                hits = kb.lookup(self.span_text(i, i + n))
                if hits:
                    # A lone capitalised common word ("Security") is only a name in its KB casing.
                    if n == 1 and ((tok := doc[i]).is_stop or (tok.is_sent_start and tok.is_lower is False and tok.text.istitle() and len(tok) < 3)):
                        continue
                    out.append((i, i + n, self.pick(hits)))
                    covered = i + n
                    break
        return out

    def collect_names(self) -> None:
        doc = self.doc
        gaz = self.gazetteer()
        used: set[int] = set()
        spans: list[tuple[int, int, str | None, int | None, str]] = []
        unresolved = []
        ents = list(doc_ents(doc))
        if self.phrase and not ents and len(doc) == 1 and _is_cap(doc[0]) and self.kb.misspelt_country(doc.text):
            ents = [Span(doc, 0, 1, label="NORP")]  # a lone word NER skipped ("Ukranians")
        texts = self.cols.text
        gaz_at = _match_at(gaz)
        for ent in ents:
            label = ent.label_
            if label not in NAME_LABELS:
                continue
            start, end = _strip(self.cols, ent.start, ent.end)
            if start >= end or not _is_cap_text(texts[end - 1]):
                continue  # "antiwar protesters": a common noun phrase, left to the agent pass
            match = gaz_at.get(start)
            if match is not None and end <= match[1] and match[1] - match[0] > end - start:
                continue  # a longer KB name contains it ("Jam Kamal" in "Jam Kamal Khan Alyani")
            text = self.span_text(start, end)
            idx, how = self.resolve_name(text)
            if idx is None and label == "ORG" and end - start > 1:
                # "Massachusetts Institute of Technology": a place name inside an organisation's name.
                # "Iraqi Red Crescent": named after a country, it is that country's body, not
                # the international one whose name it contains.
                national = self._name_country(start, end) is not None and bool(org_sector(text) or org_sector(text, FORM_WORDS))
                gaz = [g for g in gaz if not (start <= g[0] and g[1] <= end and (
                    national or self.kb.entities[g[2]]["kind"] == "GPE"))]
                gaz_at = _match_at(gaz)
            if idx is None:
                if (code := self.kb.country_code(text)) and label in ("NORP", "GPE"):
                    unresolved.append((start, end, "DEMONYM:" + code, None, "demonym"))
                elif self.phrase and label != "PERSON" and (code := self.kb.cities.get(norm(text))):
                    unresolved.append((start, end, "CITY:" + code, None, "city"))
                elif label in ("GPE", "LOC") and (code := self._region_country(text)):
                    unresolved.append((start, end, "CITY:" + code, None, "region"))
                elif (label in ("NORP", "GPE") or self.phrase) and (found := self.kb.misspelt_country(text)):
                    # A lone phrase one typo from a demonym is the demonym, whatever NER says.
                    code, spelled = found
                    self.warnings.append(f"probable misspelling: '{text}' for '{spelled}'")
                    unresolved.append((start, end, "DEMONYM:" + code, None, "demonym"))
                elif label in ("PERSON", "ORG") or self._looks_like_person(start, end):
                    unresolved.append((start, end, label, None, ""))
                continue
            spans.append((start, end, label, idx, how))
            used.update(range(start, end))
        # KB names NER missed or cut short ("Jam Kamal Khan Alyani" tagged "Khan Alyani").
        for s_, e_, idx in gaz:
            if not used.intersection(range(s_, e_)):
                spans.append((s_, e_, None, idx, "kb-alias"))
                used.update(range(s_, e_))
        for s_, e_, label, idx, how in unresolved:
            if not used.intersection(range(s_, e_)):
                spans.append((s_, e_, label, idx, how))
                used.update(range(s_, e_))
        for start, end, label, idx, how in sorted(spans):
            self.add_name(start, end, label, idx, how)

    def glossed_orgs(self) -> None:
        """"the Umma (Nation) party", "the Birlik (Unity) opposition bloc": one organisation.

        A name the KB lacks, glossed in brackets and followed by an organisation noun, is
        the organisation's whole name; NER cuts it at the bracket or misses it.
        """
        texts = self.cols.text
        for i, text in enumerate(texts):
            if text != "(" or i == 0 or not texts[i - 1].isalpha() or not texts[i - 1][:1].isupper():
                continue
            close = next((j for j in range(i + 1, min(i + 6, len(texts))) if texts[j] == ")"), None)
            end = self._org_noun_end(close + 1) if close is not None else None
            if end is None:
                continue
            start = i
            while start > 0 and self.doc[start - 1].pos_ == "PROPN" and _is_cap(self.doc[start - 1]):
                start -= 1
            if start == i or any(c.ref.kb_id for k in range(start, i) if (c := self.name_at.get(k)) is not None):
                continue
            name = self.span_text(start, end)
            ref = self._org_from_parts(start, end) or Ref(key=slug(name), name=name, kind="ORG", resolution="ner-only")
            ref.name, ref.key, ref.kind = name, slug(name), "ORG"
            self._drop_cands((start, end))
            cand = Cand(start, end, ref, priority=2)
            self.cands.append(cand)
            for k in range(start, end):
                self.name_at[k] = cand

    def _org_noun_end(self, at: int) -> int | None:
        """The end of "party" / "opposition coalition" at token ``at``: lower-case words up to an organisation noun."""
        for k in range(at, min(at + 3, len(self.doc))):
            tok = self.doc[k]
            if not tok.is_alpha or not tok.is_lower:
                return None
            if tok.lower_ in GLOSSED_ORG_HEADS:
                return k + 1
        return None

    def _region_country(self, text: str) -> str | None:
        """ISO3 of a province, state or region name ("Sindh", "Borno State"), else None."""
        key = norm(text)
        key = REGION_WORDS.sub("", key) if key not in self.kb.regions else key
        return self.kb.regions.get(key)

    def _looks_like_person(self, start: int, end: int) -> bool:
        # spaCy labels unknown surnames GPE/ORG ("Shytayyeh"); a single capitalised token
        # not in the KB is kept so surname coreference can claim it.
        return end - start == 1 and self.cols.pos[start] == "PROPN"

    def add_name(self, start: int, end: int, label: str | None, idx: int | None, how: str) -> None:
        text = self.span_text(start, end)
        if label and label.startswith(("DEMONYM:", "CITY:")):
            code = label.split(":", 1)[1]
            if not self.phrase and not self._acts(start, end):
                self._add_place(start, end, code)
                return
            if not self.phrase and self._is_demonym(start, end, "NORP"):
                self._add_demonym(start, end, code)
                return
            cand = self._country_cand(start, end, code, "demonym")
            if cand is not None and label.startswith("CITY:"):
                cand.ref = self._city_ref(text, code)
            if cand is not None:
                cand.priority = 2
                self.cands.append(cand)
                for i in range(start, end):
                    self.name_at[i] = cand
            return
        if idx is not None and self._foreign_generic(start, idx):
            idx = None
            if self.agent_before(end) is not None:
                return
        if idx is not None:
            ref = self.entity_ref(idx, how)
            if (ref.kind == "GPE" or label in ("GPE", "LOC", "FAC")) and not self._acts(start, end):
                if ref.kind == "GPE" and ref.country:
                    self._add_place(start, end, ref.country)
                return
            if ref.kind == "GPE" and not self.phrase and self._is_demonym(start, end, label):
                self._add_demonym(start, end, ref.country or "")
                return
            if ref.kind == "GPE" and norm(text) in self.kb.capitals:
                # A capital that is a verb's subject or object ("Beijing warned Taipei") is the
                # state's government; "Moscow's diplomats" stays the country.
                gov = None if self.phrase or not self._argument(start, end) else self.kb.government_entity(ref.country or "")
                if gov is not None:
                    ref = Ref(key=gov["id"], name=gov["name"], country=ref.country, sector="GOV", kind="ORG",
                              kb_id=gov["id"], resolution="capital-metonym")
                elif self.phrase:
                    ref.sector, ref.resolution = "GOV", "capital-metonym"
            elif self.phrase and ref.kind == "GPE" and (code := self.kb.cities.get(norm(text))) == ref.country:
                ref = self._city_ref(text, code)
        elif label in ("PERSON",) or (end - start == 1 and label in ("ORG", "GPE", "NORP", "LOC", "FAC")):
            ref = Ref(key=slug(text), name=text, kind="PERSON" if label == "PERSON" else None, resolution="ner-only")
        elif label == "ORG":
            found = self.agent_before(end)
            if found is not None and found[1] == "":
                return  # "Palestinian Factions" in a headline: a group, left to the agent pass
            ref = self._org_from_parts(start, end) or Ref(key=slug(text), name=text, kind="ORG", resolution="ner-only")
        else:
            return
        cand = Cand(start, end, ref, priority=2)
        self.cands.append(cand)
        for i in range(start, end):
            self.name_at[i] = cand

    def _add_place(self, start: int, end: int, code: str) -> None:
        """"talks in Ecuador": a mention of the country where something happens.

        The event coder decides whether a place is a participant; it claims its tokens
        last, so a longer agent phrase ("Kosovo police") or name keeps them.
        """
        cand = self._country_cand(start, end, code, "place")
        if cand is None:
            return
        cand.priority = 6
        self.cands.append(cand)
        for i in range(start, end):
            self.name_at.setdefault(i, cand)

    def _add_demonym(self, start: int, end: int, code: str) -> None:
        """"the U.S. request", "Indian", "Iraqi towns": a demonym is a mention of its country.

        An agent phrase around it ("Serb forces") replaces it with country+sector in the
        agent pass, which drops the candidates inside its modifiers.
        """
        cand = self._country_cand(start, end, code, "demonym")
        if cand is None:
            return
        self.cands.append(cand)
        for i in range(start, end):
            self.name_at.setdefault(i, cand)

    def _argument(self, start: int, end: int) -> bool:
        """True when the span is a verb's subject or object (also one of a conjunction)."""
        heads, deps = self.cols.head, self.cols.dep
        head = span_root(self.cols, start, end)
        while deps[head] == "conj" and heads[head] != head:
            head = heads[head]
        return deps[head] in ("nsubj", "nsubjpass", "dobj", "iobj") or (
            deps[head] == "pobj" and self.cols.lower[heads[head]] == "by" and deps[heads[head]] == "agent")

    def _city_ref(self, text: str, code: str) -> Ref:
        """A city named as an actor ("Mariupol", "Sydney"): its people, coded civilian.

        Capitals are the state instead (capital metonymy, see ``add_name``).
        """
        return Ref(key=slug(text), name=text, country=code[:3], sector="CVL", kind="GPE", resolution="city")

    def _foreign_generic(self, start: int, idx: int) -> bool:
        """"Chile's Defense Department": a generic alias of another country's body."""
        e = self.kb.entities[idx]
        if e["kind"] in ("GPE", "PERSON") or not e.get("country") or e["country"] == "IGO":
            return False
        cols, prev = self.cols, None
        if start >= 2 and cols.tag[start - 1] == "POS":
            prev = cols.text[start - 2]
        elif start >= 1 and cols.pos[start - 1] in ("ADJ", "PROPN"):
            prev = cols.text[start - 1]
        code = self.kb.country_code(prev) if prev else None
        return bool(code) and code[:3] != e["country"]

    def _is_demonym(self, start: int, end: int, label: str | None) -> bool:
        """"Palestinian" in "Palestinian unity": a description, not the state acting.

        Demonyms become country mentions only in titles ("Russian Foreign Minister X") or
        as plural subjects ("Palestinians protested").
        """
        cols, last = self.cols, end - 1
        if label != "NORP" and (norm(cols.text[last]) not in self.kb.demonyms or cols.pos[last] not in ("ADJ", "NOUN")):
            return False
        return not (cols.tag[last] in ("NNPS", "NNS") and cols.dep[last] in ("nsubj", "nsubjpass"))

    def _org_from_parts(self, start: int, end: int) -> Ref | None:
        """An unknown organisation named with a country and an agent word ("Kano State government")."""
        texts, country = self.cols.text, None
        if start >= 1:
            prev = texts[start - 2] if start >= 2 and self.cols.tag[start - 1] == "POS" else texts[start - 1]
            country = self.kb.country_code(prev) if _is_cap_text(prev) else None
        country = country or self._name_country(start, end)
        for n in (2, 1):
            if country is None and end - start > n:
                country = self.kb.cities.get(norm(self.span_text(start, start + n)))
        code = org_sector(self.span_text(start, end))
        for n in range(min(self.kb.max_agent_len, end - start), 0, -1):
            if code is not None:
                break
            code = self.kb.agent(self.span_text(end - n, end))
        code = code or org_sector(self.span_text(start, end), FORM_WORDS)
        if country is None and not code:
            return None
        text = self.span_text(start, end)
        return Ref(key=slug(text), name=text, country=country[:3] if country else None,
                   sector=(code or "")[:3] or None, kind="ORG", resolution="agent+country")

    def _name_country(self, start: int, end: int) -> str | None:
        """The country a name is named after ("Syrian Observatory ..."), else None.

        "London-based" says where a body sits, not whose it is.
        """
        texts, lower = self.cols.text, self.cols.lower
        for i in range(start, end):
            if i + 2 < len(texts) and texts[i + 1] in ("-", "–") and lower[i + 2] == "based":
                continue
            if _is_cap_text(texts[i]) and (code := self.kb.country_code(texts[i])) and code not in BLOCS:
                return code
        return None

    def _acts(self, start: int, end: int) -> bool:
        """False for a place name used as a location ("a meeting in Moscow", "West Bank-based")."""
        if self.phrase:
            return True
        cols, doc = self.cols, self.doc
        heads, deps, n = cols.head, cols.dep, len(cols.text)
        if end < n and cols.text[end] in ("-", "–") or (end < n and cols.tag[end] == "POS"):
            return end < n and cols.tag[end] == "POS"
        head = span_root(cols, start, end)
        while deps[head] == "conj" and heads[head] != head:
            head = heads[head]
        if deps[head] == "pobj" and cols.lower[heads[head]] in LOC_PREPS:
            return False
        if deps[head] in ("compound", "amod") and heads[head] >= end:
            return self.kb.agent(cols.text[heads[head]]) is not None
        if doc[end - 1].ent_iob_ == "I" and doc[end].ent_iob_ == "I" if end < n else False:
            return False  # inside a longer unresolved name ("Forthcoming Moscow Parley")
        return True

    # --- step 2: titles, appositions, agents ----------------------------------------
    def agent_before(self, end: int, limit: int | None = None) -> tuple[int, str] | None:
        """The longest agent phrase ending at token ``end`` (exclusive): (start, code)."""
        norms, tags, is_punct = self.norms, self.cols.tag, self.cols.is_punct
        if end < 1 or (tags[end - 1] != "POS" and norms[end - 1] not in self.kb.agent_last_words):
            return None  # every key tried below ends in that word
        # The keys grow leftwards from the last word; once one ends no agent phrase (is in no
        # key's word suffixes), no longer one can be a key either.
        suffixes, agents, found = self.kb.agent_suffixes, self.kb.agents, None
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

    def modifiers(self, start: int, stop: int) -> tuple[str | None, Ref | None, list[Cand]]:
        """Country code and possessor from tokens [start, stop): possessives and demonyms.

        Returns (country, owner ref, country-mention candidates).
        """
        cols, country, owner, cands = self.cols, None, None, []
        i = start
        while i < stop:
            if self._stance_prefix(i):
                i += 1  # "pro-Russia rebels" are not Russia's
                continue
            cand = self.name_at.get(i)
            if cand is not None:
                ref = cand.ref
                country = country or (ref.country if ref.country != "IGO" else None)
                # "Kyiv police": a capital before agent words says where, not whose; an unknown
                # word nothing claimed ("Shona rebels") names a kind, not an owner.
                owner = ref if ref.resolution != "capital-metonym" and ref.kind is not None else owner
                i = cand.end
                continue
            text = cols.text[i]
            code = self.kb.country_code(text) if (cols.pos[i] in ("ADJ", "PROPN", "NOUN") and _is_cap_text(text)) or cols.lower[i] == "western" else None
            if code:
                country = country or code
                cands.append(self._country_cand(i, i + 1, code, "demonym"))
            i += 1
        return country, owner, [c for c in cands if c is not None]

    def _conjoined_countries(self, start: int, stop: int) -> list[tuple[int, int, str]]:
        """Country modifiers joined by "and"/"or" in [start, stop): [(start, end, ISO3)], else []."""
        texts, out, joined = self.cols.text, [], False
        i = start
        while i < stop:
            cand = self.name_at.get(i)
            code = cand.ref.country if cand is not None else (
                self.kb.country_code(texts[i]) if _is_cap_text(texts[i]) else None)
            end = cand.end if cand is not None else i + 1
            if code and code != "IGO" and code not in BLOCS and not self._stance_prefix(i):
                out.append((i, end, code[:3]))
            elif self.cols.lower[i] in ("and", "or", ","):
                joined = True
            i = max(end, i + 1)
        return out if joined and len({c for _, _, c in out}) > 1 else []

    def _stance_prefix(self, i: int) -> bool:
        """True for the country in "pro-Russia"/"anti-Syria": a stance, not a nationality."""
        return i >= 2 and self.cols.text[i - 1] in ("-", "–") and self.cols.lower[i - 2] in ("pro", "anti")

    def _country_cand(self, start: int, end: int, code: str, how: str) -> Cand | None:
        if code in BLOCS:
            return None
        e = self.kb.country_entity(code[:3])
        if e is None:
            return None
        ref = Ref(key=e["id"], name=e["name"], country=code[:3], sector=None, kind="GPE", kb_id=e["id"], resolution=how)
        return Cand(start, end, ref, priority=3)

    def titles(self) -> None:
        """Titles and appositions give a named person's role, country and organisation."""
        doc = self.doc
        for cand in [c for c in self.cands if c.ref.kind == "PERSON" and c.priority == 2]:
            info = (self._title_before(cand) or self._apposition_after(cand) or self._apposition_before(cand)
                    or self._igo_title_before(cand))
            if not info:
                continue
            code, words, country, owner, tstart, tend = info
            if code[:3] in VAGUE:
                continue
            self._misspelt_titled_person(cand, country)
            ref = cand.ref
            if ref.kind is None:
                ref.kind = "PERSON"
            org_ref = owner if owner is not None and owner.kind not in ("GPE", "PERSON") else None
            if country is None and owner is not None and owner.kind == "PERSON" and words.lower() in KIN:
                continue
            office = " ".join(w.capitalize() if w not in ("of", "the") else w for w in words.split())
            where = (f"the {org_ref.name}" if org_ref and org_ref.kind not in ("ARMED_GROUP",) else
                     (org_ref.name if org_ref else (self.kb.countries.get(country, {}).get("name") if country else None)))
            role_text = f"{office} of {where}" if where and "member" not in words.lower() else (
                f"{office} of the {org_ref.name} {words.split()[-1]}" if org_ref and "member" in words.lower() and words.split()[-1] != "member"
                else office)
            if "member" in words.lower() and org_ref is not None:
                role_text = f"Member of the {org_ref.name} {words.split()[-1]}" if words.split()[-1].lower() != "member" else f"Member of {org_ref.name}"
            sector = (code or "")[:3] or None
            # "UN envoy X": in this article the person acts for the international body,
            # whatever nationality or national office the KB gives them.
            for_igo = org_ref is not None and org_ref.country == "IGO"
            if for_igo:
                country, sector = "IGO", "IGO"
            if org_ref is not None:
                ref.organization = org_ref.key
                country = country or org_ref.country
                sector = sector or org_ref.sector
            if country is None and cand.end + 1 < len(doc) and doc[cand.end].lower_ == "of":
                # "Prime Minister Anna Kowalska of Poland"
                place = self.name_at.get(cand.end + 1)
                if place is not None and place.ref.kind == "GPE" and place.start == cand.end + 1:
                    country = place.ref.country
            if for_igo or ref.kb_id is None or not ref.resolution.startswith("kb-role"):
                ref.country = country or ref.country
                ref.sector = sector or ref.sector
            ref.role = ref.role or role_text
            ref.resolution = f"{ref.resolution}+apposition" if ref.kb_id else "apposition"
            self.title_tokens.update(range(tstart, tend))

    def _misspelt_titled_person(self, cand: Cand, country: str | None) -> None:
        """"President Laurent Gbago": a titled name the KB lacks, one typo from a KB person, is that person.

        A title says the name is a public figure's, which makes a one-letter slip far likelier
        than a namesake; a title naming another country than the person's rules it out.
        """
        if cand.ref.kb_id is not None:
            return
        text = self.span_text(cand.start, cand.end)
        idx = self.kb.misspelt_person(text)
        if idx is None:
            return
        ref = self.entity_ref(idx, "fuzzy-typo")
        if country is not None and ref.country not in (None, country[:3]):
            return
        cand.ref = ref
        self.warnings.append(f"probable misspelling: '{text}' for '{ref.name}'")

    def _title_before(self, cand: Cand):
        """"Peruvian Interior Minister Jorge Salas", "opposition leader Ana Quispe"."""
        found = self.agent_before(cand.start)
        if not found or not found[1]:
            return None
        a_start, code = found
        words = self.span_text(a_start, cand.start)
        m_start = a_start
        while m_start > 0 and (self.doc[m_start - 1].pos_ in ("PROPN", "ADJ", "PART", "DET") or self.doc[m_start - 1].tag_ == "POS") \
                and not self.doc[m_start - 1].is_punct and self.doc[m_start - 1].lower_ not in ("and", "or"):
            m_start -= 1
            if self.doc[m_start].lower_ in DETERMINERS:
                m_start += 1
                break
        country, owner, cands = self.modifiers(m_start, a_start)
        self.cands.extend(cands)
        return code, words, country, owner, a_start, cand.start

    def _chunk_at(self, start: int) -> Chunk | None:
        for chunk in self.noun_chunks:
            if chunk.start <= start < chunk.end:
                return chunk
        return None

    def _chunk_root(self, chunk: Chunk) -> Token:
        """The chunk's ``Span.root``."""
        return self.doc[span_root(self.cols, chunk.start, chunk.end)]

    def _apposition_after(self, cand: Cand):
        """"Omar Haddad, a member of its central committee"; "Harry Tseng, Taiwan's deputy foreign minister"."""
        doc = self.doc
        if cand.end + 1 >= len(doc) or doc[cand.end].text != ",":
            return None
        chunk = self._chunk_at(cand.end + 1)
        if chunk is None or chunk.start != cand.end + 1:
            return None
        root = self._chunk_root(chunk)
        words, code = None, None
        found = self.agent_before(root.i + 1)
        if found and found[0] >= chunk.start:
            words, code = doc[found[0]:root.i + 1].text, found[1]
            a_start = found[0]
        elif root.lower_ in ("member", "leader", "head", "chief", "founder", "official", "spokesman", "spokeswoman"):
            a_start, code, words = root.i, "", root.text
        elif root.lower_ in IGO_TITLE_HEADS and (igo := self._igo_in(chunk.start, root.i)) is not None:
            # "X, the World Bank's Chief Economist": the title after the body's name.
            a_start, code, words = igo.end, "", self.span_text(igo.end, root.i + 1)
        else:
            return None
        end = chunk.end
        owner_country, owner = None, None
        # "a member of its politburo": the organisation is the nearest preceding group.
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    end = max(end, pobj.i + 1)
                    words = f"{words} {pobj.text}" if root.lower_ == "member" else words
                    poss = next((c for c in pobj.children if c.dep_ == "poss"), None)
                    if poss is not None and poss.lower_ in PRONOUN_GENDER:
                        owner = self._antecedent_org(cand.start)
                    elif (c := self.name_at.get(pobj.i)) is not None:
                        owner = c.ref
        country, own2, cands = self.modifiers(chunk.start, a_start)
        self.cands.extend(cands)
        owner = owner or own2
        return code, words, country or owner_country, owner, chunk.start, end

    def _apposition_before(self, cand: Cand):
        """"Chile's deputy trade minister, Rosa Ibarra"; "the ANC's chairman, Sipho Dlamini"."""
        doc = self.doc
        if cand.start < 2 or doc[cand.start - 1].text != ",":
            return None
        found = self.agent_before(cand.start - 1)
        if not found or not found[1]:
            return None
        a_start, code = found
        words = self.span_text(a_start, cand.start - 1)
        chunk = self._chunk_at(cand.start - 2)
        m_start = chunk.start if chunk is not None else a_start
        country, owner, cands = self.modifiers(m_start, a_start)
        self.cands.extend(cands)
        return code, words, country, owner, a_start, cand.start - 1

    def _igo_in(self, start: int, stop: int) -> Cand | None:
        """The international body named in tokens [start, stop), else None."""
        for i in range(start, stop):
            c = self.name_at.get(i)
            if c is not None and c.ref.country == "IGO" and c.ref.kind != "PERSON" and c.end <= stop:
                return c
        return None

    def _igo_title_before(self, cand: Cand):
        """"EU foreign policy chief X", "NATO Secretary-General X": a body's name, then a title.

        Only titles that are no KB agent phrase reach here; the words between the body's
        name and the person must be lower case or capitalised title words, no punctuation
        but hyphens.
        """
        doc = self.doc
        if cand.start < 2 or doc[cand.start - 1].lower_ not in IGO_TITLE_HEADS:
            return None
        i = cand.start - 1
        while i >= max(0, cand.start - 6):
            c = self.name_at.get(i)
            if c is not None:
                if c.ref.country != "IGO" or c.ref.kind == "PERSON":
                    return None
                if c.end == cand.start:
                    # "U.N. Secretary-General X": the KB knows the whole title as the body's alias.
                    return "", self.span_text(c.start, cand.start), None, c.ref, c.start, cand.start
                return "", self.span_text(c.end, cand.start), None, c.ref, c.end, cand.start
            if doc[i].is_punct and doc[i].text not in ("-", "–"):
                return None
            i -= 1
        return None

    def _antecedent_org(self, before: int) -> Ref | None:
        sent_start = self.sentence(before)[0]
        for c in sorted(self.cands, key=lambda c: -c.start):
            if sent_start <= c.start < before and c.ref.kind in ("ORG", "ARMED_GROUP", "IGO", "NGO"):
                return c.ref
        return None

    def kinship(self) -> None:
        """"Navalny's widow, Yulia Navalnaya" (a mention of her) and "her husband"."""
        doc = self.doc
        for i, lower in enumerate(self.cols.lower):
            if lower not in KIN:
                continue
            tok = doc[i]
            relation, gender = KIN[tok.lower_]
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is None:
                continue
            start = poss.i if poss.lower_ in PRONOUN_GENDER else (self.name_at[poss.i].start if poss.i in self.name_at else poss.i)
            span = (start, tok.i + 1)
            # Named in apposition: "Navalny's widow, Yulia Navalnaya".
            nxt = self.name_at.get(tok.i + 2) if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," else None
            partner_cand = self.name_at.get(poss.i)
            if nxt is not None and nxt.start == tok.i + 2:
                nxt.ref.gender = nxt.ref.gender or gender
                if partner_cand is not None:
                    self.spouses[nxt.ref.key] = partner_cand.ref.key
                    self.spouses[partner_cand.ref.key] = nxt.ref.key
                    partner_cand.ref = partner_cand.ref  # keep
                    self._drop_cands(span)
                self.cands.append(Cand(span[0], span[1], nxt.ref, priority=1))
                continue
            if poss.lower_ in PRONOUN_GENDER:
                target = self._spouse_of_antecedent(poss.i, PRONOUN_GENDER[poss.lower_])
                if target is not None:
                    self.cands.append(Cand(span[0], span[1], target, priority=1))

    def _still_cand(self, cand: Cand) -> bool:
        """True unless ``_drop_cands`` has dropped ``cand`` since it was listed."""
        return any(c is cand for c in self.cands)

    def _drop_cands(self, span: tuple[int, int]) -> None:
        self.cands = [c for c in self.cands if c.end <= span[0] or c.start >= span[1]]

    def _spouse_of_antecedent(self, at: int, gender: str | None) -> Ref | None:
        """The spouse of the one person "her"/"his" can refer to in this or the previous sentence."""
        prev_start = self.previous_sentence_start(at)
        seen: list[Ref] = []
        for c in sorted(self.cands, key=lambda c: c.start):
            if prev_start <= c.start < at and c.ref.kind == "PERSON" and c.ref not in seen:
                if gender is None or c.ref.gender in (gender, None):
                    seen.append(c.ref)
        with_spouse = [r for r in seen if (self.spouses.get(r.key) or r.spouse) and (gender is None or r.gender == gender)]
        if len({r.key for r in with_spouse}) != 1:
            return None
        key = self.spouses.get(with_spouse[0].key) or with_spouse[0].spouse
        for c in self.cands:
            if c.ref.key == key:
                return c.ref
        idx = self.kb.by_id.get(key)
        return self.entity_ref(idx) if idx is not None else None

    def agents(self) -> None:
        """Un-named agent phrases: "Russia's deputy foreign minister", "a slew of western governments"."""
        doc, last_words, cols = self.doc, self.kb.agent_last_words, self.cols
        # The phrase's tokens are read from the columns: a Token per chunk (and per child
        # of its root) cost more than the tests made with them.
        lower, tags, dep, heads, children = cols.lower, cols.tag, cols.dep, cols.head, cols.children
        # ends_before[i]: how many of tokens [0, i) could end an agent phrase, so a chunk's
        # count is one subtraction instead of a scan of its tokens.
        ends = map(or_, map("POS".__eq__, tags), map(last_words.__contains__, self.norms))  # no Python-level loop
        ends_before = list(accumulate(ends, initial=0))
        # Names followed by a possessive "'s", the only candidates that can make a phrase
        # possessive: this pass adds none (its own candidates have priority 4 and 5), so
        # listing them once spares a scan of every candidate per chunk.
        possessors = [c for c in self.cands if c.priority == 2 and c.end < len(doc) and tags[c.end] == "POS"]
        for chunk in self.noun_chunks:
            # agent_before(root) needs the root to end an agent phrase: most chunks have no
            # such word at all, and finding their root is the costly part.
            if ends_before[chunk.end] == ends_before[chunk.start]:
                continue
            # The root's index and columns first: most chunks stop at these tests.
            root_i = span_root(self.cols, chunk.start, chunk.end)
            if root_i in self.title_tokens or root_i in self.name_at or self.cols.pos[root_i] not in ("NOUN", "PROPN"):
                continue
            found = self.agent_before(root_i + 1)
            if not found or found[0] < chunk.start:
                continue
            a_start, code = found
            sector = (code or "")[:3] or None
            # Nothing below changes any state until the phrase is kept, so the tests of the
            # agent words alone come first: a vague one, or one quoted with a sector (which
            # later steps only ever replace with another sector), is never kept.
            if not self.phrase and (sector in VAGUE or root_i in self.quoted and sector):
                continue
            if not POSSESSIVE_PRONOUNS.isdisjoint(lower[chunk.start:a_start]):
                continue
            start = chunk.start
            # "a slew of western governments": take in the quantity phrase before it.
            head, left = heads[root_i], self.left_edge[root_i]
            if dep[root_i] == "pobj" and lower[head] == "of" and lower[heads[head]] in QUANTITY:
                start = self.left_edge[heads[head]]
            elif left < start and all(dep[i] in ("quantmod", "advmod", "nummod", "det", "predet", "amod")
                                      or doc[i].like_num for i in range(left, start)):
                start = left
            country, owner, _ = self.modifiers(chunk.start, a_start)
            # "ethnic Tajik militiamen fighting in Kyrgyzstan" are coded where they live.
            home = self._ethnic_home(chunk.start, a_start, root_i, country)
            country = home.country if home is not None else country
            possessive = [c for c in possessors if chunk.start <= c.start < a_start and self._still_cand(c)]
            if owner is None or country is None:
                # "Muslim leaders in France", "president of the Riigikogu": the place or body after it.
                for prep in (c for c in children[root_i] if dep[c] == "prep" and lower[c] in ("of", "in", "from", "across", "at")):
                    pobj = next((c for c in children[prep] if dep[c] == "pobj"), None)
                    # "the government of Punjab province": the name may be the noun's compound.
                    named = next((self.name_at[t] for t in ([pobj, *children[pobj]] if pobj is not None else [])
                                  if t in self.name_at and (t == pobj or dep[t] == "compound")), None)
                    if named is not None and named.ref.kind != "PERSON":
                        owner = owner or named.ref
                        country = country or (named.ref.country if named.ref.country != "IGO" else None)
                        break
                    if pobj is not None and (c := self.kb.cities.get(self.norms[pobj])):
                        country = country or c
                        break
            if country is None and owner is not None and owner.kind == "PERSON" and lower[root_i] in GOV_HEADS:
                country = self._leader_country(owner.name)  # "the Bush administration"
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
            bloc = next((w for w in cols.text[chunk.start:a_start] if self.kb.country_code(w) in BLOCS), None)
            org_owner = owner if owner is not None and owner.kind in ("IGO", "ORG", "NGO") else None
            if org_owner is not None and org_owner.country == "IGO":
                country = "IGO"
            if org_owner is not None and org_owner.sector and (lower[root_i] in ORG_ROLES or (sector or "") in VAGUE):
                sector = org_owner.sector  # "president of the Riigikogu", "members of SANDF"
            context = False
            if (not self.phrase and country is None and owner is None and bloc is None
                    and lower[chunk.start] == "the" and agent_head(cols, a_start, root_i) in CONTEXT_HEADS):
                country = self.context_country(chunk.start)
                context = country is not None
            # "Insurgents bombarded Aleppo": an actor even without a nationality.
            nationless = not self.phrase and country is None and bloc is None and owner is None
            bare = nationless and self._bare_group(chunk.start, root_i, code)
            # "Shona rebels", "Islamic fundamentalists": a people or faith no country table places.
            named = (nationless and not bare and not any(self._stance_prefix(i) for i in range(chunk.start, root_i))
                     and self._bare_group(chunk.start, root_i, code, named=True))
            if bare or named:
                country = self.sentence_country(root_i)
                context = country is not None
                if country is None and (named or (sector or "") not in BARE_ARMED_SECTORS):
                    continue  # "bring suspects to trial": unarmed and of no country, nobody in particular
            if not self.phrase and (country is None and bloc is None and not bare or (sector or "") in VAGUE
                                    or (root_i in self.quoted and sector)):
                continue
            if not code and country is None and bloc is None:
                continue
            # "U.S. and Russian negotiators": one group per country, the last keeps the head.
            conjoined = [] if possessive else self._conjoined_countries(chunk.start, a_start)
            if len(conjoined) > 1:
                self._drop_cands((start, a_start))
                words = self.span_text(a_start, root_i + 1).lower()
                for s_, e_, code_ in conjoined[:-1]:
                    name_ = f"{self.kb.demonym(code_) or code_} {words}"
                    self.cands.append(Cand(s_, e_, Ref(key=f"group:{code_}:{sector or ''}", name=name_[:1].upper() + name_[1:],
                                                       country=code_, sector=sector, kind="GROUP", resolution="agent-group+conjoined"),
                                           priority=5))
                start, country = conjoined[-1][0], conjoined[-1][2]
            # Possessive owners stay their own mentions; other modifiers are part of the phrase.
            if possessive:
                start = max(start, max(c.end for c in possessive) + 1)
            else:
                self._drop_cands((start, a_start))
            agent_words = self.span_text(a_start, root_i + 1).lower()
            iso = country[:3] if country and country not in BLOCS else None
            if lower[root_i] in GOV_HEADS and iso and iso != "IGO" and (sector == "GOV" and not org_owner):
                gov = self.kb.government_entity(iso)
                if gov is not None:
                    ref = Ref(key=gov["id"], name=gov["name"], country=iso, sector="GOV", kind="ORG",
                              kb_id=gov["id"], resolution="agent+context" if context else "agent+possessive")
                    self.cands.append(Cand(a_start if possessive else start, root_i + 1, ref, priority=4))
                    continue
            group = not code or tags[root_i] in ("NNS", "NNPS") and lower[root_i] not in ("police",)
            if org_owner is not None:
                prefix = org_owner.name
            else:
                prefix = self.kb.demonym(country) if country else None
            name = f"{prefix} {agent_words}" if prefix else agent_words
            if home is not None:
                name = f"{self.span_text(chunk.start, root_i + 1)} in {home.name}"
            elif named:
                first = next((i for i in range(chunk.start, root_i) if _is_cap_text(cols.text[i]) or cols.ent_type[i]), chunk.start)
                name = self.span_text(first, root_i + 1)
            name = name[:1].upper() + name[1:]
            how = "agent" + ("+possessive" if possessive else "+organization" if org_owner else
                             "+context" if context else "+demonym" if country else "")
            if bare or named:
                # nationless: its country (if any) is the sentence's or article's
                how += "+bare" if bare else "+named"
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
            self.cands.append(Cand(start, root_i + 1, ref, priority=5))

    def _leader_country(self, name: str) -> str | None:
        """The country most KB persons of this surname hold (or held) office in, else None.

        "The Bush administration": two of three Bushes in the KB are American presidents;
        without a strict majority no country is guessed.
        """
        hits = self.kb.surnames.get(norm(name).split()[-1], []) if name.strip() else []
        counts: dict[str, int] = {}
        for i in hits[:20]:
            role = self.kb.role_of(i, self.date)
            if role.country and role.sector in ("GOV", "ELI"):
                counts[role.country] = counts.get(role.country, 0) + 1
        best = max(counts, key=counts.get, default=None)
        return best if best is not None and 2 * counts[best] > sum(counts.values()) else None

    def _bare_group(self, start: int, root: int, code: str, *, named: bool = False) -> bool:
        """True for a nationless group noun that is an actor by itself ("gunmen", "refugees").

        Plural (or mass) nouns of armed, civilian and police sectors; vague plurals ("people")
        and non-referring ones ("any more refugees") are not. With ``named``, the same for
        a kind named by a people or faith the country table lacks ("Hutu rebels"), else
        only unnamed ones. "The government" stays with ``context_country``.
        """
        sector = (code or "")[:3]
        lower = self.cols.lower
        plural = self.cols.tag[root] in ("NNS", "NNPS") or lower[root] in ("police", "militia")
        # A named kind says who they are ("Catholic bishops"); an unnamed one only if it is a group.
        known = bool(sector) and sector not in VAGUE if named else sector in BARE_GROUP_SECTORS
        if not (plural and known and lower[root] not in BARE_GROUP_STOP):
            return False  # tested first: the root's own words rule most chunks out
        if lower[start] in NON_REFERRING:
            return False  # "will not admit any more migrants": no group in particular
        return self._names_a_kind(start, root) == named

    def _names_a_kind(self, start: int, root: int) -> bool:
        """True when a name modifies the group noun ("Hutu rebels", "Muslim hackers")."""
        cols, doc = self.cols, self.doc
        # A capital at a sentence's start says nothing. That is asked of a Token: the test is
        # reached only a few hundred times in 400 articles, while reading every article's
        # sentence-start column cost a seventh of ``agents``.
        return any(cols.pos[i] == "PROPN" or cols.ent_type[i] or _is_cap_text(cols.text[i]) and doc[i].is_sent_start is not True
                   for i in range(start, root))

    def sentence_country(self, at: int) -> str | None:
        """The one country of a nationless group at token ``at``, else None.

        "Gunmen attacked a bus in Kenya": the countries named before it in its sentence and
        the places anywhere in it; one country is theirs, two or more none. A country named
        only after it as a participant ("Militants attacked Israel") says nothing, and then
        the article context decides (``context_country``).
        """
        sent_start, sent_end = self.sentence(at)
        codes = {c.ref.country[:3] for c in self.cands if sent_start <= c.start < sent_end
                 and (c.start < at or c.ref.resolution == "place")
                 and c.ref.country and c.ref.country != "IGO" and c.ref.country not in BLOCS}
        if len(codes) == 1:
            return codes.pop()
        return None if codes else self.context_country(at)

    def context_country(self, before: int) -> str | None:
        """The country "the government" at token ``before`` means, when the article is unambiguous.

        The one country mentioned in this and the previous sentence, else the article's
        dominant country (named at least twice, and twice as often as any other).
        """
        window = self.previous_sentence_start(before)
        counts: dict[str, int] = {}
        near: set[str] = set()
        for c in self.cands:
            code = c.ref.country
            if not code or code == "IGO" or code in BLOCS or c.priority > 4:
                continue
            counts[code] = counts.get(code, 0) + 1
            if window <= c.start < before:
                near.add(code)
        if len(near) == 1:
            return near.pop()
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not near and ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return ranked[0][0]
        return None

    def titled_person_countries(self) -> None:
        """"President Agathon Rwasa ... the Burundian president": the title phrase's country.

        An unknown person titled with an office but no country takes the country of the one
        described office-holder with the same head word ("the Burundian president"), which
        then becomes a mention of that person. Only when both sides are unambiguous.
        """
        doc = self.doc
        people: dict[str, list[tuple[Ref, str]]] = {}
        for c in self.cands:
            ref = c.ref
            if c.priority == 2 and ref.kind == "PERSON" and ref.kb_id is None and ref.country is None and ref.role:
                head = ref.role.split(" of ")[0].split()[-1].lower()
                if ref not in [r for r, _ in people.get(head, [])]:
                    people.setdefault(head, []).append((ref, head))
        for head, refs in people.items():
            if len(refs) != 1:
                continue
            person = refs[0][0]
            described = [c for c in self.cands if c.priority == 5 and c.ref.kind == "PERSON" and c.ref.country
                         and doc[c.end - 1].lower_ == head]
            if len({c.ref.country for c in described}) != 1:
                continue
            person.country = described[0].ref.country
            person.resolution += "+title-coref"
            for c in described:
                c.ref = person
        self._titled_persons_in_context()

    def _titled_persons_in_context(self) -> None:
        """"Sudan ... President Omar X": a title without a country takes the article's country.

        The same rule as "the government" (``context_country``): the one country of this
        and the previous sentence, else the article's clearly dominant one; none when two
        countries compete.
        """
        seen: set[str] = set()
        for c in sorted(self.cands, key=lambda c: c.start):
            ref = c.ref
            if (c.priority != 2 or ref.kind != "PERSON" or ref.kb_id is not None or ref.country is not None
                    or not ref.role or ref.key in seen):
                continue
            seen.add(ref.key)
            country = self.context_country(c.start)
            if country is not None:
                ref.country = country[:3]
                ref.resolution += "+context"

    def shared_place_names(self) -> None:
        """"Militias in Tripoli ... the north Lebanese port": a city name several countries share.

        A name big cities of several countries bear resolves to the other country when its
        sentence names that one, and the article names the usual one nowhere else.
        """
        for c in self.cands:
            options = self.kb.shared_places.get(norm(self.span_text(c.start, c.end))) if c.ref.country else None
            if not options or c.ref.country[:3] not in options:
                continue
            sent_start, sent_end = self.sentence(c.start)
            elsewhere = {o.ref.country[:3] for o in self.cands if o.ref.country and norm(self.span_text(o.start, o.end)) not in self.kb.shared_places}
            named = {o.ref.country[:3] for o in self.cands if o.ref.country and sent_start <= o.start < sent_end} & elsewhere
            other = named.intersection(options) - {c.ref.country[:3]}
            if len(other) != 1 or c.ref.country[:3] in elsewhere:
                continue
            code = other.pop()
            text = self.span_text(c.start, c.end)
            c.ref = self._country_cand(c.start, c.end, code, "place").ref if c.priority == 6 else self._city_ref(text, code)
            c.ref.resolution += "+shared-name"

    def nationless_orgs(self) -> None:
        """"President X lifted the ban on the Y Front": a national body of no known country.

        An organisation the KB does not know, or knows as a rebel or party body without a
        state, takes the country its name states, else the sentence's or article's one
        country (``sentence_country``). International bodies, companies and media keep none.
        """
        if self.phrase:
            return
        for c in self.cands:
            ref = c.ref
            # A one-word name NER calls an organisation ("UNIFIL") waits with no kind for surnames.
            acronym = (ref.kind is None and ref.kb_id is None and self.cols.ent_type[c.start] == "ORG"
                       and c.start not in self.title_tokens)  # not "Defense" of "Defense Secretary X"
            if c.priority != 2 or ref.kind not in ("ORG", "ARMED_GROUP") and not acronym or ref.country is not None:
                continue
            if ref.kb_id is not None and (ref.kind != "ORG" or ref.sector not in ("REB", "PTY", "OPP")):
                continue  # "Reuters", transnational armed groups: no state is theirs
            if ref.kb_id is None and ref.sector in ("BUS", "MED"):
                continue
            country = self._name_country(c.start, c.end) or self.sentence_country(c.start)
            if country is not None and country != "IGO":
                ref.country = country[:3]
                ref.kind = ref.kind or "ORG"
                ref.resolution += "+context"

    def groups_in_places(self) -> None:
        """"Kurds in Turkey", "ethnic Albanians in Macedonia": a people takes the country it lives in.

        Event codebooks code an ethnic group by where it lives, not by the state its name
        recalls; only a plural demonym (or one after "ethnic") is moved, to the country of
        "in/of <country>" after it, or, after "ethnic", the one other country of its sentence.
        """
        doc = self.doc
        for c in self.cands:
            people = c.ref.kind is None and self.cols.ent_type[c.start] == "NORP"  # "Kurds": no state of their own
            if not (c.ref.resolution == "demonym" and c.priority in (2, 3) or people):
                continue
            tok = doc[c.end - 1]
            ethnic = self._ethnic(c.start)
            if tok.tag_ not in ("NNPS", "NNS") and not ethnic or tok.dep_ in ("amod", "compound"):
                continue  # "ethnic Albanian guerrillas": the agent pass codes the group
            home = self._residence(tok, c.ref.country, ethnic)
            if home is None:
                continue
            text = self.span_text(c.start, c.end)
            c.ref = Ref(key=f"group:{home.country}:{norm(text)}", name=f"{text} in {home.name}", country=home.country,
                        kind="GROUP", resolution="demonym+residence")

    def _ethnic(self, start: int) -> bool:
        """True when "ethnic" comes just before token ``start`` ("ethnic Albanians")."""
        return start > 0 and self.cols.lower[start - 1] == "ethnic"

    def _ethnic_home(self, start: int, stop: int, root: int, country: str | None) -> Ref | None:
        """Where a group named "ethnic <demonym> <noun>" in tokens [start, stop) lives, else None."""
        ethnic = any(self._ethnic(i) for i in range(start + 1, stop))
        if not ethnic or not country or self._conjoined_countries(start, stop):
            return None  # "Macedonian and ethnic Albanian parties": two peoples, left as named
        return self._residence(self.doc[root], country[:3], True)

    def _residence(self, tok: Token, own: str | None, ethnic: bool) -> Ref | None:
        """The country a people named at ``tok`` lives in, when the sentence says so, else None.

        "Albanians in/of southern Serbia": the country after the noun. "Ethnic Albanians
        demonstrated in Serbia": the one country other than their own that the sentence names.
        """
        prep = next((t for t in tok.children if t.dep_ == "prep" and t.lower_ in ("in", "inside", "within", "of")), None)
        pobj = next((t for t in prep.children if t.dep_ == "pobj"), None) if prep is not None else None
        place = self.name_at.get(pobj.i) if pobj is not None else None
        if place is not None and place.ref.kind == "GPE" and place.ref.country not in (None, own, "IGO"):
            return place.ref
        if not ethnic:
            return None
        sent_start, sent_end = self.sentence(tok.i)
        others = {c.ref.country[:3]: c.ref for c in self.cands
                  if sent_start <= c.start < sent_end and c.ref.kind == "GPE" and c.ref.country
                  and c.ref.country[:3] not in (own, "IGO") and c.ref.country not in BLOCS}
        return next(iter(others.values())) if len(others) == 1 else None

    def bloc_adjectives(self) -> None:
        """A bare "western" is a mention of the western group named elsewhere in the article."""
        groups = {c.ref.key: c.ref for c in self.cands if c.ref.kind == "GROUP" and c.ref.name.lower().startswith("western")}
        if len(groups) != 1:
            return
        ref = next(iter(groups.values()))
        for tok in self.doc:
            if tok.lower_ == "western" and tok.dep_ == "amod" and self.kb.agent(tok.head.text) is None:
                self.cands.append(Cand(tok.i, tok.i + 1, ref, priority=6))

    def appositive_orgs(self) -> None:
        """"UNICEF, the UN children's agency ..." - the descriptive phrase is another mention of it."""
        doc = self.doc
        for cand in [c for c in self.cands if c.priority == 2 and c.ref.kind in ("ORG", "IGO", "NGO", "ARMED_GROUP")]:
            if cand.end + 1 < len(doc) and self.cols.text[cand.end] == "," and self.cols.lower[cand.end + 1] == "the":
                chunk = self._chunk_at(cand.end + 1)
                root = self._chunk_root(chunk) if chunk is not None else None
                if root is not None and (root.lower_ in ORG_NOUNS or root.dep_ == "appos"):
                    self._drop_cands((chunk.start, chunk.end))
                    self.cands.append(Cand(chunk.start, chunk.end, cand.ref, priority=1))
                    self.title_tokens.update(range(chunk.start, chunk.end))

    # --- coreference -----------------------------------------------------------------
    def corefer_persons(self) -> None:
        """Surnames and misspellings resolve to a full name seen in the article."""
        full = {}
        for c in self.cands:
            if c.priority == 2 and c.ref.kind == "PERSON" and len(norm(c.ref.name).split()) > 1:
                full.setdefault(c.ref.key, c.ref)
                surface = norm(self.span_text(c.start, c.end)).split()
                if len(surface) > 1:
                    full.setdefault("surface:" + surface[-1], c.ref)
        surnames: dict[str, Ref] = {}
        for key, ref in full.items():
            if key.startswith("surface:"):
                surnames.setdefault(key[8:], ref)
            else:
                surnames.setdefault(norm(ref.name).split()[-1], ref)
        for c in self.cands:
            if c.priority != 2 or c.end - c.start != 1:
                continue
            word = norm(self.cols.text[c.start])
            if not word or c.ref.kind in ("GPE", "IGO") and c.ref.kb_id:
                continue
            if word in surnames:
                c.ref = surnames[word]
                continue
            if c.ref.kb_id is not None and c.ref.kind != "PERSON":
                continue
            best = None
            for surname, ref in surnames.items():
                if abs(len(surname) - len(word)) <= 2 and len(word) >= 5 and surname[0] == word[0]:
                    dist = Levenshtein.distance(word, surname)
                    if dist <= max(1, len(surname) // 4) and (best is None or dist < best[0]):
                        best = (dist, ref)
            if best is not None:
                c.ref = best[1]
                self.warnings.append(f"probable misspelling: '{self.doc[c.start].text}' for '{best[1].name}'")
                continue
            if c.ref.kb_id is None:
                hits = self.kb.surnames.get(word, [])
                idx = self.pick(hits) if len(hits) == 1 or self.date else None
                if idx is not None and len(hits) <= 3:
                    c.ref = self.entity_ref(idx, "kb-surname")

    # --- driver ----------------------------------------------------------------------
    def run(self) -> list[Actor]:
        self.cols = cols = columns(self.doc)
        self.text = doc_text(self.doc)
        self.norms = token_norms(cols.text)
        self.left_edge = left_edges(cols.head)
        self.noun_chunks = noun_chunk_bounds(self.doc, cols, self.left_edge) if self.doc.has_annotation("DEP") else []
        self.quoted = self._quoted_tokens()
        self.collect_names()
        self.glossed_orgs()
        self.shared_place_names()
        self.titles()
        self.corefer_persons()
        self.appositive_orgs()
        self.kinship()
        self.groups_in_places()
        self.agents()
        self.titled_person_countries()
        self.nationless_orgs()
        self.bloc_adjectives()
        self.possessive_countries()
        return self.group()

    def possessive_countries(self) -> None:
        """Country names inside titles/possessives not yet claimed ("Israel's")."""

    def _quoted_tokens(self) -> set[int]:
        """Tokens between straight double quotes (cleaning made all quotes straight)."""
        inside, out = False, set()
        texts = self.cols.text
        if '"' not in texts:
            return out  # no quote opens (a quarter of articles): nothing to scan for
        for i, text in enumerate(texts):
            if text == '"':
                inside = not inside
            elif inside:
                out.add(i)
            # A paragraph break ends a quote left open. spaCy keeps at most one space as a
            # token's trailing whitespace, so the break is a whitespace token of its own.
            if "\n\n" in text:
                inside = False
        return out

    def group(self) -> list[Actor]:
        doc = self.doc
        taken = [False] * len(doc)
        actors: dict[str, Actor] = {}
        order: list[str] = []
        refs: dict[str, Ref] = {}
        sent_starts = self.sent_starts if doc.has_annotation("SENT_START") else []
        for c in sorted(self.cands, key=lambda c: (c.priority, c.start)):
            if c.start >= c.end or any(taken[c.start:c.end]):
                continue
            if c.priority >= 2 and c.ref.kind in ("PERSON",) and c.start in self.title_tokens:
                continue
            if c.ref.kind is None:
                continue  # an unknown capitalised word no person or KB entry claimed
            for i in range(c.start, c.end):
                taken[i] = True
            ref = c.ref
            key = ref.key
            if key not in refs:
                refs[key] = ref
                order.append(key)
            elif ref.resolution and refs[key].resolution == "ner-only" and ref.resolution != "ner-only":
                refs[key] = ref
            text = self.span_text(c.start, c.end)
            start_char = self.cols.idx[c.start]
            # A mention's sentence is its first token's (as ``Span.sent`` has it).
            sentence = bisect_right(sent_starts, c.start) - 1 if sent_starts else None
            actors.setdefault(key, []).append(Mention(text=text, start=start_char, end=start_char + len(text),
                                                      sentence=sentence))
        out = []
        for key in order:
            ref = refs[key]
            mentions = sorted(actors[key], key=lambda m: m.start)
            out.append(Actor(id=slug(ref.name) if key.startswith("group:") else key, name=ref.name,
                             country=ref.country, sector=ref.sector, kind=ref.kind, role=ref.role,
                             kb_id=ref.kb_id, resolution=ref.resolution, mentions=mentions,
                             members=list(ref.members), organization=ref.organization))
        self._members(out)
        return sorted(out, key=lambda a: a.mentions[0].start)

    def _members(self, actors: list[Actor]) -> None:
        """A group followed by "including X and Y" lists X and Y as its members."""
        cols = self.cols
        cues = [i for i, lower in enumerate(cols.lower) if lower in ("including", "among them", "like")]
        if not cues:
            return  # most articles: no need to index every mention
        at: dict[int, Actor] = {m.start: a for a in actors for m in a.mentions}
        for i in cues:
            sent_start, sent_end = self.sentence(i)
            members: list[Actor] = []
            for t in range(i + 1, sent_end):
                if cols.is_punct[t] and cols.text[t] != ",":
                    break
                other = at.get(cols.idx[t])
                if other is not None and other.kind not in ("GROUP", "GPE") and other not in members:
                    members.append(other)
            groups = [(m.start, a) for a in actors if a.kind == "GROUP" for m in a.mentions
                      if cols.idx[sent_start] <= m.start < cols.idx[i]]
            if not members or not groups:
                continue
            countries = {m.country for m in members}
            same = [g for g in groups if g[1].country in countries]
            _, group = max(same or groups, key=lambda g: g[0])
            group.members.extend(m.id for m in members if m.id not in group.members)


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
