"""Pattern loading (the compiled cache) and the indexed matcher."""

from __future__ import annotations

import pytest

from eventwire.events.matcher import PatternIndex
from eventwire.events.pattern_files import DEFAULT_FILES, PATTERN_DIR, load_pattern_file
from eventwire.events.patterns import _source_key, packaged_patterns


def _from_yaml():
    patterns, disabled = [], set()
    for name in DEFAULT_FILES:
        found, off = load_pattern_file(PATTERN_DIR / name)
        patterns += found
        disabled |= off
    return patterns, disabled


def test_events_patterns_cache_matches_the_yaml(tmp_path):
    expected = _from_yaml()
    assert packaged_patterns(cache_dir=tmp_path) == expected  # cold: compiles and writes
    assert len(list(tmp_path.glob("patterns-*.msgpack"))) == 1
    assert packaged_patterns(cache_dir=tmp_path) == expected  # warm: read back


def test_events_patterns_cache_shares_frame_groups(tmp_path):
    patterns, _ = packaged_patterns(cache_dir=tmp_path)
    groups = [g for p in patterns for g in p.words]
    assert len({id(g) for g in groups}) == len(set(groups))


def test_events_patterns_corrupt_cache_is_rebuilt(tmp_path):
    packaged_patterns(cache_dir=tmp_path)
    cache = next(tmp_path.glob("patterns-*.msgpack"))
    cache.write_bytes(b"\x00 not msgpack")
    assert packaged_patterns(cache_dir=tmp_path) == _from_yaml()


def test_events_patterns_cache_key_follows_file_content(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("patterns: []\n")
    before = _source_key([path])
    path.write_text("patterns: [] \n")
    assert _source_key([path]) != before


YAML = """synsets:
  meeting: [talks, summit]
patterns:
  - {id: t:meet, lemmas: [meet], frame: '* &meeting', event: CONSULT}
  - {id: t:meet-with, lemmas: [meet], frame: '* &meeting with', event: CONSULT}
  - {id: t:hold, lemmas: [hold], frame: '* &meeting', event: CONSULT}
  - {id: t:hold-on, lemmas: [hold], frame: '* &meeting on', event: CONSULT}
  - {id: t:call-on, lemmas: [call], frame: '* on', event: REQUEST}
  - {id: t:call-noun, lemmas: [call], pos: noun, frame: '*', event: REQUEST}
"""


@pytest.mark.parametrize("sentence,trigger,expected,hits", [
    ("Iran met with Iraq in talks.", "met", "t:meet-with", ["talks", "with"]),
    ("Iran met Iraq for talks.", "met", "t:meet", ["talks"]),
    # A frame preposition must hang on the trigger: "on" under "talks" does not count.
    ("Iran held talks on the border.", "held", "t:hold", ["talks"]),
    ("Iran held a parade.", "held", None, []),
    ("Iran called on Iraq to leave.", "called", "t:call-on", ["on"]),
])
def test_events_patterns_index_picks_most_specific(tmp_path, nlp, sentence, trigger, expected, hits):
    path = tmp_path / "p.yaml"
    path.write_text(YAML)
    index = PatternIndex(load_pattern_file(path)[0])
    doc = nlp(sentence)
    match = index.match(next(t for t in doc if t.text == trigger))
    assert (match[0].id if match else None) == expected
    assert ([t.text for t in match[1]] if match else []) == hits


def test_events_patterns_candidates_follow_part_of_speech(tmp_path, nlp):
    path = tmp_path / "p.yaml"
    path.write_text(YAML)
    index = PatternIndex(load_pattern_file(path)[0])
    doc = nlp("Iran called on Iraq after a call from Iraq.")
    verb, noun = doc[1], doc[6]
    assert [p.id for p in index.candidates(verb)] == ["t:call-on"]
    assert [p.id for p in index.candidates(noun)] == ["t:call-noun"]


def test_events_patterns_cache_dir_follows_xdg(monkeypatch, tmp_path):
    from eventwire.events.patterns import default_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "eventwire"


def test_events_patterns_superseded_caches_are_removed(tmp_path):
    stale = tmp_path / "patterns-0123.msgpack"
    stale.write_bytes(b"old")
    packaged_patterns(cache_dir=tmp_path)
    assert not stale.exists() and len(list(tmp_path.glob("patterns-*.msgpack"))) == 1


def _convert(tmp_path, verb_patterns: str):
    """Run the CAMEO converter on a tiny dictionary written for the test."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("convert_patterns", PATTERN_DIR.parents[3] / "scripts" / "convert_patterns.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "gold/plover-gsr").mkdir(parents=True)
    (tmp_path / "gold/plover-gsr/CAMEO2PLOVER-2021.txt").write_text(
        "031: AGREE,  , diplomatic # x\n057: SUPPORT,  , diplomatic # x\n080: CONCEDE,  , # x\n")
    (tmp_path / "dictionaries/phoenix").mkdir(parents=True)
    (tmp_path / "dictionaries/phoenix/CAMEO.2.0.txt").write_text(verb_patterns)
    (tmp_path / "dictionaries/phoenix/CAMEO.verbpatterns.150430.txt").write_text("")
    return {(p["frame"], tuple(p["lemmas"])): p["cameo"] for p in module.convert(tmp_path)["patterns"]}


def test_events_patterns_converted_verb_keeps_its_own_code_for_a_frame(tmp_path):
    converted = _convert(tmp_path, """VERB PATTERNS
---  PERMIT   [080]  ---
PERMIT
ENDORSE
SANCTIFY {SANCTIFIES SANCTIFIED}
- * PACT       [031]   # PERMIT
- * PACT       [057]   # SANCTIFIED
- * BORDER     [080]   # ENDORSE
""")
    # The verb the pattern was written for keeps its code; its block mates share the first.
    assert converted[("* pact", ("sanctify",))] == "057"
    assert converted[("* pact", ("endorse", "permit"))] == "031"
    # A frame written for one verb still serves the whole block.
    assert converted[("* border", ("endorse", "permit", "sanctify"))] == "080"
