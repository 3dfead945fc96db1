"""SCAFFOLD - to be replaced by the events stage."""
from spacy.tokens import Doc


class EventCoder:
    def __init__(self, nlp, name, *, patterns="", max_events_per_sentence=6):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_events = []
        return doc
