"""SCAFFOLD - to be replaced by the places stage."""
from spacy.tokens import Doc


class PlaceResolver:
    def __init__(self, nlp, name):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_places = []
        return doc


def place_for_event(doc: Doc, trigger):
    """SCAFFOLD: the Place linked to the trigger in the parse, or None."""
    return None
