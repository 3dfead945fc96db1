"""eventwire: news articles in, verifiable PLOVER event data out."""

import logging

from .extract import document_from_doc, extract, extract_documents, make_article
from .schema import Actor, ActorRef, Article, DateRef, Document, Event, Mention, Place, Quote

__all__ = [
    "Actor", "ActorRef", "Article", "DateRef", "Document", "Event", "Mention", "Place", "Quote",
    "document_from_doc", "extract", "extract_documents", "make_article",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
