"""Publication-date finding: metadata, datelines, URLs, file times, and nothing from today."""

import datetime as dt

import pytest

from eventwire.when_where.published import find_published


@pytest.mark.parametrize("kwargs,expected", [
    ({"metadata": {"published": "2024-02-19T10:00:00Z"}, "url": "https://x.org/2023/01/02/a"}, (dt.date(2024, 2, 19), "metadata")),
    ({"url": "https://news.example/world/2024/02/19/talks-open"}, (dt.date(2024, 2, 19), "url")),
    ({"url": "https://news.example/20240219/talks"}, (dt.date(2024, 2, 19), "url")),
    ({"file_mtime": dt.datetime(2024, 2, 19, 12, tzinfo=dt.timezone.utc).timestamp()}, (dt.date(2024, 2, 19), "file")),
    ({}, (None, None)),
])
def test_published_sources_in_order(kwargs, expected):
    assert find_published("Officials met on Monday.", **kwargs) == expected


@pytest.mark.parametrize("text,url,expected", [
    ("CAIRO, Feb 19, 2024 (Reuters) - Talks resumed.", None, dt.date(2024, 2, 19)),
    ("CAIRO, Feb 19 (Reuters) - Talks resumed.", "https://x.org/2024/02/20/a", dt.date(2024, 2, 19)),
    ("Posted date 2024-02-16\n\nTalks resumed.", None, dt.date(2024, 2, 16)),
])
def test_published_dateline(text, url, expected):
    assert find_published(text, url=url) == (expected, "dateline")


def test_published_dateline_without_year_needs_a_hint():
    assert find_published("CAIRO, Feb 19 (Reuters) - Talks resumed.") == (None, None)
