"""The token columns the components scan instead of building Token objects: they must say
exactly what spaCy's Tokens say, on real text, and the per-Doc cache must follow the Doc."""

from __future__ import annotations

import pytest

from eventwire.nlp.columns import columns, doc_text, per_doc, span_text


def test_columns_equal_token_attributes_on_the_seed(nlp, seed_text):
    doc = nlp(seed_text)
    cols = columns(doc)
    assert len(cols.text) == len(doc) > 500
    for t in doc:
        i = t.i
        assert (cols.text[i], cols.lower[i], cols.lemma[i], cols.pos[i], cols.tag[i], cols.dep[i]) == \
            (t.text, t.lower_, t.lemma_, t.pos_, t.tag_, t.dep_)
        assert (cols.ent_type[i], cols.is_punct[i], cols.is_space[i]) == (t.ent_type_, t.is_punct, t.is_space)
        assert cols.head[i] == t.head.i and cols.idx[i] == t.idx
        assert list(cols.children[i]) == [c.i for c in t.children]
    assert doc_text(doc) == doc.text


def test_span_text_is_the_span_s_text_whatever_the_whitespace(nlp):
    doc = nlp("Title  here\n\nThe  U.N. envoy,\tMr. Li, met\n Hamas. ")
    pairs = [(i, j) for i in range(len(doc) + 1) for j in range(i, len(doc) + 1)]
    assert [span_text(doc, i, j) for i, j in pairs] == [doc[i:j].text for i, j in pairs]


def test_columns_of_an_empty_and_an_unparsed_doc(nlp):
    assert columns(nlp.make_doc("")).text == []
    blank = nlp.make_doc("Moscow hosts talks.")
    cols = columns(blank)
    assert cols.text == ["Moscow", "hosts", "talks", "."]
    assert cols.head == [0, 1, 2, 3] and [list(c) for c in cols.children] == [[], [], [], []]  # no parse: every token its own head


def test_per_doc_computes_once_per_doc_and_key(nlp):
    calls = []
    a, b = nlp.make_doc("Russia invited Hamas."), nlp.make_doc("Hamas accepted.")
    for doc in (a, a, b):
        per_doc(doc, "k", lambda: calls.append(1) or len(calls))
    assert calls == [1, 1]
    assert per_doc(a, "k", lambda: 99) == 1 and per_doc(a, "other", lambda: 99) == 99


def test_trigger_prefilter_never_drops_a_match(nlp, seed_text):
    """``may_trigger`` (plain strings) runs before ``match`` (Tokens): it may only say yes more often."""
    from eventwire.events.patterns import load_patterns

    index = load_patterns()
    doc = nlp(seed_text)
    cols = columns(doc)
    matched = [t.i for t in doc if index.match(t) is not None]
    assert len(matched) > 10
    assert all(index.may_trigger(cols.pos[i], cols.lemma[i], cols.lower[i]) for i in matched)


def test_per_doc_values_follow_the_objects_they_depend_on(nlp):
    doc = nlp.make_doc("Russia invited Hamas.")
    first, second = ["a"], ["a"]  # equal, but different objects
    assert per_doc(doc, "n", lambda: 1, depends=(first,)) == 1
    assert per_doc(doc, "n", lambda: 2, depends=(first,)) == 1
    assert per_doc(doc, "n", lambda: 3, depends=(second,)) == 3


def test_loaded_pipeline_is_exempt_from_garbage_collection(nlp):
    # load_nlp warms every component up and freezes what it loaded: full collections
    # must not traverse the model and the KB again and again.
    import gc

    assert gc.get_freeze_count() > 100_000


def test_string_memo_starts_over_past_its_limit_and_stays_right(nlp, seed_text, monkeypatch):
    from eventwire.nlp import columns as module

    doc = nlp(seed_text)
    from eventwire.memo import Memo

    memo = Memo(nlp.vocab.strings.__getitem__, limit=50)  # as _strings_of makes it, smaller
    monkeypatch.setattr(module, "_strings_of", lambda store: memo)
    cols = module._read_columns(doc)  # many more distinct strings than the limit
    assert 0 < len(memo) <= 50 and memo[0] == ""
    assert cols.lemma == [t.lemma_ for t in doc] and cols.ent_type == [t.ent_type_ for t in doc]


@pytest.mark.parametrize("text,first", [
    # A headline with no full stop, then a paragraph: its first sentence stays whole.
    ("Border deal signed\n\nNiger and Benin signed an agreement in Cotonou on Friday.",
     "Niger and Benin signed an agreement in Cotonou on Friday."),
    ("Talks resume\n\nChile, Peru and Bolivia met in Lima on Monday. They agreed to meet again.",
     "Chile, Peru and Bolivia met in Lima on Monday."),
])
def test_paragraph_first_sentence_is_not_split_after_a_headline(nlp, text, first):
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[1] == first, sents


@pytest.mark.parametrize("text,actor", [
    # The dateline's city is where the story was filed, never the subject of its report.
    ("Water deal\n\nALMATY, March 6, 2025 (Lake Post) - Tajikistan agreed with Kyrgyzstan on Wednesday to share the river.",
     "Tajikistan"),
    ("Talks\n\nCAIRO (Daily Ledger) - Jordan hosted envoys from Chile on Monday.", "Jordan"),
    # ... and so when the text opens with it, no headline above
    ("CAIRO (Daily Ledger) - Jordan hosted envoys from Chile on Monday.", "Jordan"),
    ("ALMATY, March 6, 2025 (Lake Post) - Tajikistan agreed with Kyrgyzstan on Wednesday to share the river.",
     "Tajikistan"),
])
def test_paragraph_dateline_is_its_own_sentence(nlp, text, actor):
    doc = nlp(text)
    actors = {a.name for e in doc._.eventwire_events for a in e.actor}
    assert actors == {actor}, [(e.event, [a.name for a in e.actor]) for e in doc._.eventwire_events]
