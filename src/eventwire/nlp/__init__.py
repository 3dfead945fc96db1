"""The spaCy stage: load the model once and add eventwire's components to it."""

from .pipeline import COMPONENTS, load_nlp, make_docs

__all__ = ["COMPONENTS", "load_nlp", "make_docs"]
