"""SCAFFOLD - to be replaced by the quotes stage."""
from spacy.tokens import Doc


class QuoteAttributor:
    def __init__(self, nlp, name):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_quotes = []
        return doc
