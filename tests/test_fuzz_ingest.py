"""Fuzzing: cleaning, decoding, HTML, date and quote finders never crash, and their
offsets always point inside the text they were given (hypothesis property tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import ItemError
from eventwire.ingest.clean import clean_article, content_id, normalize
from eventwire.ingest.page import extract_page
from eventwire.ingest.language import detect_language
from eventwire.ingest.readers import decode_bytes, read_jsonl_bytes
from eventwire.quotes.marks import find_quoted_spans
from eventwire.when_where.date_patterns import find_date_matches
from eventwire.when_where.date_resolution import resolve_match
from eventwire.when_where.published import date_from_dateline, date_from_url, find_published

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with what scraped news carries: quotes of every kind, newlines, controls, dates.
_ALPHABET = st.sampled_from(
    list("abcXYZ .,:;-'\"\n\t\r0123456789")
    + ["\u201c", "\u201d", "\u2018", "\u2019", "\u00a0", "\u200b", "\ufeff", "\x00", "\x07", "\x85", "\u00e9",
       "\u0416", "\u4e2d", "Monday", "Feb 19", "2024-02-19", "last week", "said", "\n\n", "Source \u00bb x.com"]
)
news_text = st.lists(_ALPHABET, max_size=80).map("".join) | st.text(max_size=200)


@FAST
@given(raw=news_text, title=st.none() | news_text)
def test_fuzz_clean_article_offsets_consistent(raw, title):
    cleaned = clean_article(raw, title=title)
    assert 0 <= cleaned.body_start <= len(cleaned.text)
    if cleaned.title is not None:
        assert cleaned.text.startswith(cleaned.title)
        assert cleaned.body_start in (len(cleaned.title), len(cleaned.title) + 2)
    else:
        assert cleaned.body_start == 0
    assert cleaned.text == normalize(cleaned.text)  # cleaning is a fixed point
    assert len(content_id(cleaned.text)) == 24


@FAST
@given(raw=news_text)
def test_fuzz_normalize_removes_controls(raw):
    out = normalize(raw)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)
    assert "\r" not in out


@FAST
@given(data=st.binary(max_size=600))
def test_fuzz_decode_bytes_text_or_coded_error(data):
    out = decode_bytes(data, "fuzz.bin")
    if isinstance(out, ItemError):
        assert out.code in {"E001", "E002", "E003"} and out.origin == "fuzz.bin"
    else:
        assert isinstance(out, str) and out.strip()


@FAST
@given(data=st.binary(max_size=400) | news_text.map(lambda t: t.encode("utf-8")))
def test_fuzz_jsonl_reader_never_raises(data):
    for item in read_jsonl_bytes(data, "feed.jsonl"):
        assert isinstance(item, ItemError) or item.text.strip()


@FAST
@given(html=st.lists(st.sampled_from(["<p>", "</p>", "<div>", "<script>", "</script>", "<!--", "-->", "<",
                                       ">", "&amp;", "&#xffffff;", "<title>", "<meta content='x' name='date'>",
                                       "<![CDATA[", "text ", "</", "<b", "\"", "'"]), max_size=60).map("".join))
def test_fuzz_extract_html_never_raises(html):
    page = extract_page(html)
    assert isinstance(page.text, str)


@FAST
@given(text=news_text)
def test_fuzz_date_matches_inside_text(text):
    matches = find_date_matches(text)
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        resolve_match(m, dt.date(2024, 2, 19), None)  # resolving never raises either
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))


@FAST
@given(text=news_text)
def test_fuzz_quoted_spans_inside_text(text):
    spans = find_quoted_spans(normalize(text))
    assert all(0 <= s < e <= len(normalize(text)) for s, e in spans)


@FAST
@given(text=news_text, url=st.none() | st.text(max_size=60))
def test_fuzz_published_finders_never_raise(text, url):
    for value in (date_from_dateline(text), date_from_url(url), find_published(text, url=url, metadata={"date": text})[0]):
        assert value is None or isinstance(value, dt.date)
    detect_language(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_fuzz_extract_random_bytes(nlp, data):
    """CI fuzz run: random bytes (decoded leniently) through the whole pipeline."""
    import eventwire

    doc = eventwire.extract(data.decode("utf-8", errors="replace"), published="2024-02-19", nlp=nlp)
    n = len(doc.article.text)
    assert all(0 <= e.span[0] <= e.evidence_span[0] < e.evidence_span[1] <= e.span[1] <= n for e in doc.events)
    assert all(0 <= d.start < d.end <= n for d in doc.dates)
    assert all(0 <= q.span[0] < q.span[1] <= n for q in doc.quotes)
