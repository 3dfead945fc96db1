"""Ingest: cleaning scraped text, reading files/JSONL/HTML, and bad input."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import ItemError
from eventwire.ingest import make_article, read_articles
from eventwire.ingest.clean import clean_article, content_id, normalize
from eventwire.ingest.language import detect_language
from eventwire.ingest.readers import read_inputs
from eventwire.settings import load_options

from conftest import needs_shared


@needs_shared
def test_ingest_seed_title_printed_twice_is_kept_once(seed_text):
    cleaned = clean_article(seed_text)
    # The seed is read from ../shared; its title is whatever its first line says.
    first_line = seed_text.strip().splitlines()[0].strip()
    assert cleaned.title == first_line
    assert cleaned.text.count(cleaned.title) == 1
    assert not cleaned.text[cleaned.body_start:].startswith(first_line)


@needs_shared
def test_ingest_seed_source_trailer_becomes_domain(seed_text):
    cleaned = clean_article(seed_text)
    assert cleaned.source_domain == "algemeiner.com"
    assert "Source" not in cleaned.text[-200:]


@pytest.mark.parametrize("trailer,domain", [
    ("Source » algemeiner.com", "algemeiner.com"),
    ("Source: https://www.reuters.com/", "reuters.com"),
    ("Via >> example.org", "example.org"),
])
def test_ingest_trailer_variants(trailer, domain):
    assert clean_article(f"Headline here\n\nBody sentence one.\n\n{trailer}").source_domain == domain


def test_ingest_curly_quotes_are_straightened_one_for_one():
    raw = "\u201cWe are ready,\u201d he said. It\u2019s late."
    assert normalize(raw) == '"We are ready," he said. It\'s late.'
    assert len(normalize(raw)) == len(raw)


def test_ingest_paragraphs_are_not_merged(nlp):
    article = make_article("Leaders Meet in Geneva\n\nThe leaders met in Geneva on Monday.")
    doc = nlp(article.text)
    starts = [s.start_char for s in doc.sents]
    assert article.body_start in starts


def test_paragraph_breaks_start_sentences_only_after_newlines(nlp):
    from eventwire.factories import make_paragraphs

    doc = make_paragraphs(nlp.make_doc("Title\n\nOne two.  Three\nfour \n five\t six"))
    starts = [t.text for t in doc[1:] if t.is_sent_start]
    assert starts == ["One", "four", "five"]


def test_ingest_same_text_twice_is_one_article():
    a = make_article("Title\n\nThe minister resigned on Friday.")
    b = make_article("Title\n\n\nThe  minister resigned on Friday.\n")
    assert a.id == b.id == content_id(a.text)


@pytest.mark.parametrize("data,code", [
    (b"", "E001"),
    (b"   \n\n  ", "E001"),
    (b"%PDF-1.7\n%binary", "E002"),
    (b"\x89PNG\r\n\x1a\nxxxx", "E002"),
    (bytes(range(256)) * 4, "E002"),
    ("Caf\u00e9 au lait \u00e0 Paris".encode("latin-1"), "E003"),
    ("\ufeffText in UTF-16".encode("utf-16"), "E003"),
])
def test_ingest_bad_files_give_one_error_each(tmp_path, data, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    (tmp_path / "good.txt").write_text("Talks Resume\n\nThe two governments resumed talks in Oslo on Monday.")
    items = list(read_articles([str(tmp_path)], load_options()))
    errors = [i for i in items if isinstance(i, ItemError)]
    assert [e.code for e in errors] == [code]
    assert errors[0].origin.endswith("bad.txt")
    assert sum(not isinstance(i, ItemError) for i in items) == 1


def test_ingest_jsonl_lines_are_items_and_bad_lines_errors(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "Talks", "text": "Norway hosted talks on Monday.", "url": "https://x.example/a", "published": "2024-03-01"}),
        "{not json",
        json.dumps({"id": "a2", "title": "No text"}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines))
    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["RawItem", "ItemError", "ItemError", "ItemError"]
    assert items[0].published.isoformat() == "2024-03-01" and items[0].external_id == "a1"
    assert [i.code for i in items[1:]] == ["E006", "E007", "E006"]
    assert items[1].origin.endswith("feed.jsonl:2")


def test_ingest_html_file_is_extracted(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Site | Talks</title><meta property='og:title' content='Talks Resume in Oslo'>"
        "<meta property='article:published_time' content='2024-03-01T08:00:00Z'></head><body><nav>Home</nav>"
        "<article><p>The two governments resumed talks in Oslo.</p><script>alert(1)</script><div><p>Broken <b>markup"
        "</article>"
    )
    [item] = list(read_inputs([path]))
    assert item.title == "Talks Resume in Oslo"
    assert "alert" not in item.text and "Home" not in item.text
    assert item.text.startswith("The two governments resumed talks in Oslo.")


@pytest.mark.parametrize("text,lang", [
    ("The minister said on Monday that the government would resume talks with the rebels.", "en"),
    ("Le ministre a déclaré lundi que le gouvernement reprendrait les négociations avec les rebelles.", "fr"),
    ("Der Minister sagte am Montag, dass die Regierung die Gespräche mit den Rebellen wieder aufnehmen werde.", "de"),
    ("Министр заявил в понедельник, что правительство возобновит переговоры.", "ru/uk (Cyrillic)"),
])
def test_ingest_language_detection(text, lang):
    assert detect_language(text) == lang


def test_ingest_non_english_is_skipped_with_reason(tmp_path):
    (tmp_path / "fr.txt").write_text("Le ministre a déclaré lundi que le gouvernement reprendrait les négociations avec les rebelles.")
    [err] = list(read_articles([str(tmp_path)], load_options()))
    assert isinstance(err, ItemError) and err.code == "E005" and "fr" in err.message


def test_ingest_too_large_is_rejected(tmp_path):
    (tmp_path / "big.txt").write_text("The talks went on. " * 100)
    [err] = list(read_articles([str(tmp_path)], load_options(max_article_chars=500)))
    assert err.code == "E004"


def test_ingest_missing_path_is_reported(tmp_path):
    [err] = list(read_inputs([tmp_path / "nope.txt"]))
    assert err.code == "E009"


def test_ingest_collects_young_objects_less_often_and_restores_the_setting(tmp_path, monkeypatch):
    import gc

    from eventwire import jobs
    from eventwire.settings import load_options
    from eventwire.store import Store

    seen = []
    monkeypatch.setattr(jobs, "read_articles", lambda *a, **k: seen.append(gc.get_threshold()) or iter(()))
    before = gc.get_threshold()
    jobs.ingest([str(tmp_path)], Store("sqlite://"), load_options())
    assert seen[0][0] == max(before[0], jobs.YOUNG_COLLECTION_EVERY) and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before


def _read_jsonl(tmp_path, lines):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(read_inputs([f]))


def test_ingest_unusable_metadata_is_one_warning_each(tmp_path):
    # Regression (#19): these were dropped or stored mangled without a word.
    from eventwire.errors import ItemWarning
    from eventwire.ingest import RawItem

    items = _read_jsonl(tmp_path, [
        json.dumps({"id": "a", "text": "Peru criticized Chile.", "published": "notadate", "title": ["list"], "url": 12}),
        json.dumps({"id": "b", "text": "Chile denounced Peru.", "published": 20240301, "url": "javascript:alert(1)"}),
        json.dumps({"id": "c", "text": "Bolivia met Peru.", "published": "2024-03-01", "title": "Talks", "url": "https://x.org/a"}),
    ])
    warnings = [(w.origin.rsplit(":", 1)[1], w.code, w.message) for w in items if isinstance(w, ItemWarning)]
    assert [(n, code) for n, code, _ in warnings] == [("1", "W002"), ("1", "W002"), ("1", "W001"), ("2", "W003"), ("2", "W001")]
    assert "'title'" in warnings[0][2] and "a list" in warnings[0][2] and "'notadate'" in warnings[2][2]
    raws = [i for i in items if isinstance(i, RawItem)]
    assert [(r.title, r.url, r.published) for r in raws[:2]] == [(None, None, None), (None, None, None)]
    assert (raws[2].title, raws[2].url, str(raws[2].published)) == ("Talks", "https://x.org/a", "2024-03-01")


def test_ingest_text_of_wrong_kind_and_bad_json_say_why(tmp_path):
    items = _read_jsonl(tmp_path, [json.dumps({"id": "n", "text": 12345}), '{"text": "tab\there"}'])
    assert items[0].code == "E007" and "'text' is a number, not a string" in items[0].message
    # The decoder's own message stops mid-sentence ("Invalid control character at").
    assert items[1].code == "E006" and items[1].message.endswith("Invalid control character at column 14")


def test_ingest_symlink_loops_and_broken_links_are_errors(tmp_path):
    root = tmp_path / "in"
    (root / "d").mkdir(parents=True)
    (root / "d" / "a.txt").write_text("Peru criticized Chile on Monday.", encoding="utf-8")
    (root / "d" / "loop").symlink_to(root / "d")
    (root / "d" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (root / "d" / "self").symlink_to(root / "d" / "self")
    items = list(read_inputs([root]))
    errors = {i.origin.rsplit("/", 1)[1]: i.code for i in items if isinstance(i, ItemError)}
    assert errors == {"loop": "E014", "gone.txt": "E015", "self": "E014"}
    assert sum(1 for i in items if not isinstance(i, ItemError)) == 1
