"""The event filters' values, checked once for the CLI and the web app alike.

A mistyped filter ("ASSUALT", "yesterday", "happened") matched nothing and looked like an
empty record: the CLI printed an empty table with exit code 0 while the web app answered
400 (#19). Both now ask this module, and both name the valid values.
"""

from __future__ import annotations

import re

from ..schema import EVENT_TYPES, STATUSES

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Za-z]{3}$")
DOMAIN = re.compile(r"^[A-Za-z0-9.-]{1,255}$")
URL = re.compile(r"^https?://[A-Za-z0-9.-]{1,255}(?:[:/?#]\S*)?$", re.IGNORECASE)  # an outlet named by a page's URL


def _listed(value: str) -> list[str]:
    return [x.strip() for x in value.split(",") if x.strip()]


def filter_problems(*, type: str | None = None, status: str | None = None, since: str | None = None,
                    until: str | None = None, country: str | None = None, source: str | None = None,
                    **_: object) -> list[str]:
    """One message per filter value that can match nothing, each saying what would.

    >>> filter_problems(type="ASSAULT,ASSUALT", since="yesterday")
    ["type 'ASSUALT' is not a PLOVER type (one of AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT)", "since 'yesterday' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"]
    >>> filter_problems(type="assault", status="Occurred", country="ken")
    []
    """
    problems = []
    for value in _listed(type or ""):
        if value.upper() not in EVENT_TYPES:
            problems.append(f"type {value!r} is not a PLOVER type (one of {', '.join(EVENT_TYPES)})")
    for value in _listed(status or ""):
        if value.lower() not in STATUSES:
            problems.append(f"status {value!r} is not a status (one of {', '.join(STATUSES)})")
    for name, value in (("since", since), ("until", until)):
        if value and not DATE.match(value.strip()):
            problems.append(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if country and not COUNTRY.match(country.strip()):
        problems.append(f"country {country!r} is not an ISO 3166 alpha-3 code (e.g. KEN)")
    if source and not (DOMAIN.match(source.strip()) or URL.match(source.strip())):
        problems.append(f"source {source!r} is not a domain name or URL (e.g. example.org)")
    return problems
