from __future__ import annotations

import datetime as dt

import pytest

from faisceau.errors import ParameterError
from faisceau.ingest.normalize import (RecordError, domain_of, hashtags_in, mentions_in, normalize_url,
                                       parse_time, resolve_tz, urls_and_domains, urls_in)


@pytest.mark.parametrize("raw,norm", [
    ("HTTPS://WWW.Example.COM:443/Path?a=1&utm_source=x&UTM_Medium=y", "https://www.example.com/Path?a=1"),
    ("http://example.com:80", "http://example.com/"),
    ("http://example.com:8080/x", "http://example.com:8080/x"),
    ("https://news.example/a?fbclid=1&gclid=2&id=9#comments", "https://news.example/a?id=9"),
    ("https://app.example/#!/story/12", "https://app.example/#!/story/12"),
    ("www.example.org/page", "http://www.example.org/page"),
    ("https://bücher.example/ä", "https://xn--bcher-kva.example/ä"),
    ("https://a.org/s?q=a%20b&utm_source=x&t=1", "https://a.org/s?q=a%20b&t=1"),  # kept params keep their bytes
    ("https://user:secret@A.org/", "https://user@a.org/"),  # never keep a password
    ("https://a.org/?utm_source=x", "https://a.org/"),
])
def test_normalize_url(raw, norm):
    assert normalize_url(raw) == norm


def test_domains_and_dedupe():
    urls, domains = urls_and_domains(["https://www.a.com/1?utm_x=1", "https://WWW.A.com/1", "http://m.b.org"])
    assert urls == ["https://www.a.com/1", "http://m.b.org/"]
    assert domains == ["a.com", "m.b.org"]
    assert domain_of(None) is None


def test_text_entities():
    text = "RT @Alice_FR: #BoycottParis2024 et #باريس vous voyez? https://t.co/x1. email a@b.c &#39;"
    assert hashtags_in(text) == ["boycottparis2024", "باريس"]
    assert mentions_in(text) == ["alice_fr"]
    assert urls_in(text) == ["https://t.co/x1"]


def test_times():
    utc = dt.timezone.utc
    assert parse_time("2023-07-26T09:12:33.123456Z") == dt.datetime(2023, 7, 26, 9, 12, 33, 123000)
    assert parse_time("2023-07-26T11:12:33+02:00") == dt.datetime(2023, 7, 26, 9, 12, 33)
    assert parse_time("Wed Jul 26 09:12:33 +0000 2023") == dt.datetime(2023, 7, 26, 9, 12, 33)
    assert parse_time(1690362753) == dt.datetime(2023, 7, 26, 9, 12, 33)
    assert parse_time("2023-07-26 09:12", utc) == dt.datetime(2023, 7, 26, 9, 12)
    paris = resolve_tz("Europe/Paris")
    assert parse_time("2023-07-26 11:12", paris) == dt.datetime(2023, 7, 26, 9, 12)
    assert parse_time("2023-01-26 11:12", resolve_tz("+01:00")) == dt.datetime(2023, 1, 26, 10, 12)
    with pytest.raises(RecordError) as e:
        parse_time("2023-07-26 09:12")
    assert e.value.code == "naive-timestamp"
    with pytest.raises(RecordError) as e:
        parse_time("yesterday at noon", utc)
    assert e.value.code == "bad-timestamp"
    with pytest.raises(ParameterError):
        resolve_tz("Mars/Olympus")
