"""A synthetic event record for the analyst-view tests: thousands of events written straight
into a store through ``Store.write_documents`` (no NLP), seeded so every run is the same.

Events are skewed like a real record: a few actors take part in most events, dyads repeat,
places cluster in a few regions, dates spread over about a year.
"""

from __future__ import annotations

import datetime as dt
import random

from eventwire.events.types import CATALOGUE
from eventwire.schema import Actor, Article, Document, Event, Mention, Place
from eventwire.store import Store

COUNTRIES = ("USA", "RUS", "CHN", "UKR", "ISR", "PSE", "IRN", "SYR", "TUR", "EGY", "SDN", "FRA", "DEU", "GBR",
             "IND", "PAK", "NGA", "ETH", "BRA", "MEX")
SECTORS = ("GOV", "MIL", "REB", "OPP", "CVL", "BUS", "MED", "JUD")
PLACES = (
    ("Washington", "USA", 38.9, -77.04), ("New York", "USA", 40.71, -74.0), ("Moscow", "RUS", 55.75, 37.62),
    ("Beijing", "CHN", 39.9, 116.4), ("Kyiv", "UKR", 50.45, 30.52), ("Kharkiv", "UKR", 49.99, 36.23),
    ("Jerusalem", "ISR", 31.77, 35.21), ("Gaza", "PSE", 31.5, 34.47), ("Tehran", "IRN", 35.69, 51.39),
    ("Damascus", "SYR", 33.51, 36.29), ("Ankara", "TUR", 39.93, 32.86), ("Cairo", "EGY", 30.04, 31.24),
    ("Khartoum", "SDN", 15.5, 32.56), ("Paris", "FRA", 48.86, 2.35), ("Berlin", "DEU", 52.52, 13.4),
    ("London", "GBR", 51.51, -0.13), ("New Delhi", "IND", 28.61, 77.21), ("Islamabad", "PAK", 33.69, 73.05),
    ("Abuja", "NGA", 9.08, 7.4), ("Addis Ababa", "ETH", 9.03, 38.74), ("Brasilia", "BRA", -15.79, -47.88),
    ("Mexico City", "MEX", 19.43, -99.13), ("Geneva", "CHE", 46.2, 6.15), ("Doha", "QAT", 25.29, 51.53),
)


def _actors(n: int) -> list[Actor]:
    actors = []
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        sector = SECTORS[(i // len(COUNTRIES)) % len(SECTORS)]
        # Names of varied lengths, so label boxes differ as real names do.
        name = f"{country} {sector.title()} {'Minister Of State ' * (i % 3 == 0)}No {i}".replace("  ", " ")
        actors.append(Actor(id=f"actor-{i:03d}", name=name, country=country, sector=sector,
                            kind=("PERSON", "GPE", "ORG", "ARMED_GROUP")[i % 4]))
    return actors


def make_record(store: Store, *, events: int = 2500, actors: int = 80, per_article: int = 5,
                seed: int = 20, start: dt.date = dt.date(2024, 1, 1), days: int = 365) -> dict[str, int]:
    """Write ``events`` synthetic events (``per_article`` per article) into ``store``.

    RETURNS (dict): ``{"articles", "events", "actors"}`` as written.
    """
    rng = random.Random(seed)
    people = _actors(actors)
    # Zipf-like activity: actor i is picked with weight 1/(i+1).
    weights = [1 / (i + 1) for i in range(len(people))]
    types = list(CATALOGUE)
    docs = []
    for a in range((events + per_article - 1) // per_article):
        day = start + dt.timedelta(days=rng.randrange(days))
        sentences, evs, used = [], [], {}
        for k in range(min(per_article, events - a * per_article)):
            src, tgt = rng.choices(people, weights, k=2)
            while tgt.id == src.id:
                tgt = rng.choice(people)
            kind = rng.choice(types)
            sentence = f"{src.name} and {tgt.name}: {kind.lower()} reported, item {k}."
            offset = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            for who, after in ((src, 0), (tgt, len(src.name))):
                pos = offset + sentence.index(who.name, after)
                used.setdefault(who.id, []).append(Mention(text=who.name, start=pos, end=pos + len(who.name)))
            verb = sentence.index(kind.lower())
            place = PLACES[rng.randrange(len(PLACES))] if rng.random() < 0.8 else None
            loc = None
            if place:
                # Jitter keeps nearby events apart at high zoom while they cluster at low zoom.
                loc = Place(name=place[0], country=place[1], lat=round(place[2] + rng.uniform(-0.3, 0.3), 4),
                            lon=round(place[3] + rng.uniform(-0.3, 0.3), 4))
            evs.append(Event(
                event=kind, actor=[src.ref()], recipient=[tgt.ref()], text=sentence,
                span=(offset, offset + len(sentence)), evidence=kind.lower(),
                evidence_span=(offset + verb, offset + verb + len(kind)), rule=f"synthetic.{kind.lower()}",
                quad_class=CATALOGUE[kind].quad_class, date=day.isoformat(), date_precision="day",
                event_loc=loc, confidence=0.9, id=f"{a:012x}-{k:03d}"))
        text = " ".join(sentences)
        article_actors = []
        for p in people:
            if p.id in used:
                article_actors.append(Actor(id=p.id, name=p.name, country=p.country, sector=p.sector,
                                            kind=p.kind, mentions=used[p.id]))
        docs.append(Document(article=Article(id=f"{a:024x}", text=text, title=f"Synthetic report {a}",
                                             url=f"https://example.org/{a}", source_domain="example.org",
                                             published=day),
                             actors=article_actors, events=evs))
    for i in range(0, len(docs), 200):
        store.write_documents(docs[i:i + 200])
    return {"articles": len(docs), "events": sum(len(d.events) for d in docs), "actors": len(people)}
