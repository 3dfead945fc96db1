"""SCAFFOLD - to be replaced by the dates stage."""
from spacy.tokens import Doc


class DateResolver:
    def __init__(self, nlp, name):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_dates = []
        return doc


def date_for_event(doc: Doc, trigger):
    """SCAFFOLD: the DateRef attached to the trigger's clause, or None."""
    return None
