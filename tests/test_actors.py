"""Actor KB and resolver: the seed article, phrases, overrides (reads ../shared at test time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "moscow-parley.txt"



@pytest.fixture(scope="module")
def seed_doc(nlp):
    if not SEED.is_file():
        pytest.skip("../shared not available")
    import eventwire

    return eventwire.extract(SEED.read_text(encoding="utf-8"), published="2024-02-19", nlp=nlp)


def _norm(text: str) -> str:
    return text.replace("\u2019", "'")


def test_actors_seed_gold_actors_found(seed_doc):
    gold = json.loads((SHARED / "seed" / "moscow-parley.gold.json").read_text(encoding="utf-8"))["actors"]
    by_name = {a.name: a for a in seed_doc.actors}
    missing = [g["canonical"] for g in gold if g["canonical"] not in by_name]
    assert not missing
    for g in gold:
        actor = by_name[g["canonical"]]
        assert (actor.country, actor.sector) == (g["country"], g["sector"]), g["canonical"]
        texts = {m.text for m in actor.mentions}
        for surface in g["mentions"]:
            surface = _norm(surface).removesuffix("'s")
            assert any(surface in t or t in surface for t in texts), (g["canonical"], surface)


def test_actors_seed_mentions_do_not_overlap(seed_doc):
    spans = sorted((m.start, m.end) for a in seed_doc.actors for m in a.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    text = seed_doc.article.text
    assert all(text[m.start:m.end] == m.text for a in seed_doc.actors for m in a.mentions)


def test_actors_seed_misspellings_warned(seed_doc):
    warnings = [w for w in seed_doc.warnings if w.startswith("probable misspelling")]
    assert len(warnings) == 2 and all("Mohammad Shtayyeh" in w for w in warnings)


@pytest.mark.parametrize("text,date,country,sector", [
    ("Russia's deputy foreign minister", None, "RUS", "GOV"),
    ("Angela Merkel", "2017-04-01", "DEU", "GOV"),
    ("Angela Merkel", "2022-01-10", "DEU", "ELI"),
    ("Mexican authorities", None, "MEX", "GOV"),
    ("Musa Abu Marzook", None, "PSE", "REB"),
    ("the Kremlin", None, "RUS", "GOV"),
])
def test_actors_resolve_phrase(nlp, text, date, country, sector):
    from eventwire.actors.phrase import resolve_phrase

    actor = resolve_phrase(text, date=date, nlp=nlp)
    assert (actor.country, actor.sector) == (country, sector)


def test_actors_override_adds_actor(tmp_path, nlp):
    from eventwire.actors.phrase import resolve_phrase
    from eventwire.actors.kb import load_kb
    from eventwire.actors.overrides import add_override

    path = tmp_path / "eventwire-actors.yaml"
    add_override(path, "Zorblat Quintavius", country="NOR", sector="GOV", aliases=["Quintavius"])
    kb = load_kb(overrides=path)
    actor = resolve_phrase("Zorblat Quintavius", nlp=nlp, kb=kb)
    assert (actor.id, actor.country, actor.sector) == ("zorblat-quintavius", "NOR", "GOV")


def test_actors_eval_meets_floor(nlp):
    if not (SHARED / "gold" / "ngec-actors" / "actor_code_cases.jsonl").is_file():
        pytest.skip("../shared not available")
    from eventwire.eval.actors import evaluate

    report = evaluate(nlp=nlp)
    assert report.scores["country_acc"] >= 0.9 and report.scores["sector_acc"] >= 0.8
