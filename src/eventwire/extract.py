"""From articles to Documents: the library entry point the CLI, web app and engines call."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .ingest import make_article
from .nlp import load_nlp, make_docs
from .nlp.extensions import get_list
from .schema import Article, Document, Event
from .settings import Options, load_options


def _dyad(e: Event) -> tuple:
    return (e.event, frozenset(a.id for a in e.actor), frozenset(r.id for r in e.recipient))


def drop_headline_repeats(events: list[Event], body_start: int) -> list[Event]:
    """The events coded in the headline, less those the body reports too (same type and actors).

    A headline announces the lede's event: coded from both, one event was counted twice (#18).
    The body's sentence is kept, being the fuller evidence; a headline event the body does
    not report stays.
    """
    if body_start <= 0:
        return list(events)
    in_body = {_dyad(e) for e in events if e.span[0] >= body_start}
    return [e for e in events if e.span[0] >= body_start or _dyad(e) not in in_body]


def document_from_doc(doc: Doc, article: Article) -> Document:
    """Collect what the components wrote on ``doc`` into a Document."""
    events = drop_headline_repeats(get_list(doc, "eventwire_events"), article.body_start)
    events = sorted(events, key=lambda e: (e.evidence_span, e.event))
    for i, event in enumerate(events):
        event.id = f"{article.id[:12]}-{i:03d}"
    return Document(
        article=article,
        actors=get_list(doc, "eventwire_actors"),
        events=events,
        quotes=get_list(doc, "eventwire_quotes"),
        dates=get_list(doc, "eventwire_dates"),
        places=get_list(doc, "eventwire_places"),
        warnings=get_list(doc, "eventwire_warnings"),
    )


def extract_documents(
    articles: Iterable[Article], nlp: Language | None = None, options: Options | None = None
) -> Iterator[Document]:
    """Run the pipeline over articles, streaming.

    articles (Iterable[Article]): cleaned articles (see ``make_article``).
    nlp (Language | None): a loaded pipeline; loaded from the settings when None.
    RETURNS (Iterator[Document]): one Document per article, in input order.
    """
    options = options or load_options()
    nlp = nlp or load_nlp(options.model)
    pending: deque[Article] = deque()

    def items() -> Iterator[tuple[str, dt.date | None]]:
        for article in articles:
            pending.append(article)
            yield article.text, article.published

    # nlp.pipe consumes the generator lazily, so `pending` holds only the current batch.
    for doc in nlp.pipe(make_docs(nlp, items()), batch_size=options.batch_size):
        document = document_from_doc(doc, pending.popleft())
        # The components' values and caches (Spans, per-Doc tables) refer back to the Doc,
        # which made every Doc a reference cycle that only a full garbage collection
        # freed, with its tensors: ~1000 objects per article for each collection to
        # traverse. Dropping them here frees the Doc as soon as spaCy lets go of it.
        doc.user_data.clear()
        yield document


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    nlp: Language | None = None,
) -> Document:
    """Extract everything from one article's text.

    text (str): the raw article text (title lines and trailers are cleaned).
    published (date | str | None): publication date; relative dates stay unresolved without it.
    RETURNS (Document): actors, events, quotes, dates, places and warnings.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    article = make_article(text, title=title, url=url, published=published,
                           published_source="argument")
    return next(extract_documents([article], nlp=nlp))
