"""SCAFFOLD - to be replaced by the dates stage."""
from spacy.tokens import Doc


class DateResolver:
    def __init__(self, nlp, name):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_dates = []
        return doc
