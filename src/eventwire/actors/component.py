"""SCAFFOLD - to be replaced by the actors stage."""
from spacy.tokens import Doc


class ActorResolver:
    def __init__(self, nlp, name, *, overrides=None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_actors = []
        return doc
