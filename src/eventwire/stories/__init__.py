"""Stories across sources: one event, many reports, and where the outlets disagree.

``dedup`` merges reports of one event into event clusters, ``disagreements`` flags what
the outlets contradict each other on, ``clustering`` groups articles into stories and
``store`` keeps both up to date after every ingest batch.
"""

from .dedup import cluster_events
from .reports import EventCluster
from .store import update_stories
from .views import list_stories, story_view

__all__ = ["EventCluster", "cluster_events", "list_stories", "story_view", "update_stories"]
