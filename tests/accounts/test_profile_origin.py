from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from faisceau.detect.accounts.creation import creation_bursts
from faisceau.detect.accounts.language import detect_lang
from faisceau.detect.accounts.origin import fit_offsets
from faisceau.detect.accounts.places import misspellings, misspelt_place, phonetic_key, resolve_location
from faisceau.detect.accounts.profile import (bio_template, name_digits, name_handle_similarity,
                                              profile_features)
from faisceau.detect.accounts.text import flags, scripts


def test_creation_burst_found_against_background_and_not_in_flat_background():
    rnd = random.Random(0)
    old = [dt.datetime(2009, 1, 1) + dt.timedelta(days=rnd.randint(0, 5200)) for _ in range(51)]
    july = [dt.datetime(2023, 7, 1) + dt.timedelta(days=rnd.randint(0, 30)) for _ in range(40)]
    windows, member = creation_bursts(old + july + [None])
    assert len(windows) == 1 and windows[0]["accounts"] == 40
    assert windows[0]["start"].month == 7 and windows[0]["end"].month == 7
    assert all(m == 0 for m in member[51:91]) and all(m is None for m in member[:51]) and member[-1] is None
    flat = [dt.datetime(2009, 1, 1) + dt.timedelta(days=rnd.randint(0, 5200)) for _ in range(3000)]
    assert creation_bursts(flat)[0] == []


def test_creation_burst_is_relative_to_the_background():
    # the same 40 July accounts are no burst when the whole dataset was created that month
    rnd = random.Random(1)
    july = [dt.datetime(2023, 7, 1) + dt.timedelta(days=rnd.randint(0, 30)) for _ in range(40)]
    assert creation_bursts(july)[0] == []


@pytest.mark.parametrize("handle,expected", [("elvin84731", True), ("Aysel_20231", True), ("john1985", True),
                                              ("john", False), ("j12345", False), ("news24", False), (None, None)])
def test_name_digits(handle, expected):
    assert name_digits(handle) is expected


def test_name_handle_similarity():
    assert name_handle_similarity("elvin_m", "Elvin Mammadov") == 1.0
    assert name_handle_similarity("jdoe", "John Doe") == 1.0
    assert name_handle_similarity("elvin10009", "Sophie Martin") == 0.0
    assert name_handle_similarity("abc", "Иван Петров") is None


def test_profile_features_shared_and_templated():
    base = [
        {"handle": "aysel1", "display_name": "Aysel", "description": "Proud of Aysel 🇦🇿 since 1990", "profile_image_url": "u1"},
        {"handle": "kamran2", "display_name": "Kamran", "description": "Proud of Kamran 🇦🇿 since 1985", "profile_image_url": "u1"},
        {"handle": "lea", "display_name": "Léa", "description": "", "profile_image_url": "u2",
         "default_profile_image": True},
        {"handle": "tom", "display_name": "Tom", "description": "I like trains", "profile_image_url": None},
    ]
    f = profile_features(base)
    assert [x["shared_profile_image"] for x in f] == [1, 1, 0, None]
    assert [x["bio_templated"] for x in f][:2] == [1, 1] and f[3]["bio_templated"] == 0
    assert [x["bio_identical"] for x in f][:2] == [0, 0]
    assert f[2]["bio_empty"] is True and f[2]["default_profile_image"] is True
    assert bio_template("Proud of Aysel since 1990", "aysel1", "Aysel") == "proud of <name> since 0"


def test_bio_features_unknown_when_source_has_no_bios():
    f = profile_features([{"handle": "a"}, {"handle": "b"}])
    assert f[0]["bio_empty"] is None and f[0]["default_profile_image"] is None


def _profile(offset, n=400, seed=0):
    # local activity: trough 1-7 h local; UTC hour h is local hour h + offset
    local = np.array([3, 2, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 9, 8, 6, 4], float)
    utc = np.array([local[(h + offset) % 24] for h in range(24)])
    return np.random.default_rng(seed).multinomial(n, utc / utc.sum()).astype(float)


@pytest.mark.parametrize("offset", [-5, 0, 1, 4, 9])
def test_utc_offset_recovered_within_interval(offset):
    r = fit_offsets(_profile(offset)[None, :])[0]
    assert abs(r["utc_offset"] - offset) <= 1.0
    assert r["utc_offset_low"] <= offset <= r["utc_offset_high"]


def test_no_offset_without_a_trough_or_enough_posts():
    flat = np.full((1, 24), 10.0)
    assert fit_offsets(flat)[0]["utc_offset"] is None
    assert fit_offsets(_profile(4, n=20)[None, :])[0]["utc_offset"] is None


def test_offset_is_deterministic():
    m = _profile(3)[None, :]
    assert fit_offsets(m, random_state=7) == fit_offsets(m, random_state=7)


def test_azeri_told_apart_from_turkish():
    assert detect_lang("Paris olimpiadasını boykot edək! Fransa müsəlmanlara hörmət etmir") == "az"
    assert detect_lang("Paris olimpiyatlarını boykot edelim! Fransa müslümanlara saygı duymuyor") == "tr"
    assert detect_lang("too short") is None


def test_scripts_and_flags():
    assert scripts("Azərbaycan Москва باكو") == {"Latin": 10, "Cyrillic": 6, "Arabic": 4}
    assert flags("Vətən 🇦🇿 and 🇫🇷!") == ["AZ", "FR"]


@pytest.mark.parametrize("loc,cc", [("Bakı, Azərbaycan", "AZ"), ("Azərbaycan 🇦🇿", "AZ"), ("🇦🇿", "AZ"),
                                    ("Gəncə", "AZ"), ("Lyon, France", "FR"), ("Texas", "US"),
                                    ("somewhere over the rainbow", None), ("", None)])
def test_locations_resolve_offline(loc, cc):
    assert resolve_location(loc)[0] == cc


def test_phonetic_key_is_transliteration_aware():
    assert phonetic_key("Bordeaux") == phonetic_key("Bordo")
    assert phonetic_key("Montpellier") == phonetic_key("Monpelye")


@pytest.mark.parametrize("word,city", [("Bordo", "Bordeaux"), ("Monpelye", "Montpellier"), ("Marsel", "Marseille"),
                                       ("Strasburq", "Strasbourg"), ("Tuluza", "Toulouse"), ("Qrenobl", "Grenoble"),
                                       ("Bordeau", "Bordeaux")])
def test_misspelt_french_places(word, city):
    assert misspelt_place(word)[0] == city


@pytest.mark.parametrize("word", ["Bordeaux", "Montpellier", "Marseilles", "Lyon", "Lion", "Porto", "Paris",
                                  "Nice", "Tours", "Monday", "Morning", "Boycott", "Olympics",
                                  "Macron", "Moscow", "Berlin", "Brussels", "London", "Madrid",
                                  # English words and names the IRA set once flagged (docs/signals.md)
                                  "Francis", "Satchel", "Panthers", "Lehman", "Antonio", "Anthony"])
def test_correct_or_unrelated_words_are_not_misspellings(word):
    assert misspelt_place(word) is None


def test_short_attested_names_only_mid_sentence_in_french():
    texts = ["Bordo, Marsel, Lion : la France brûle", "Des violences à Nant et à Lill", "The Lion sleeps tonight",
             "Lion est une ville"]
    found = misspellings(texts, langs=["fr", "fr", "en", "fr"])
    assert [(w, c) for w, c, _ in found] == [("Bordo", "Bordeaux"), ("Lill", "Lille"), ("Lion", "Lyon"),
                                            ("Marsel", "Marseille"), ("Nant", "Nantes")]
    assert misspellings(texts[1:3]) == []  # without languages, short names are never taken
    # a short word heading a longer proper name is that name, not a city ("Tour" is listed for Tours)
    assert misspellings(["Info : le Tour de France s'est terminé dimanche", "Ce soir la Coupe du Monde"],
                        langs=["fr", "fr"]) == []


def test_misspellings_need_capitals_or_hashtags():
    found = misspellings(["Bordo və Monpelye şəhərlərində", "un bordo rouge", "#tuluza"])
    assert [(w, c) for w, c, _ in found] == [("Bordo", "Bordeaux"), ("Monpelye", "Montpellier"), ("tuluza", "Toulouse")]


def test_sparse_profile_trough_is_the_middle_of_the_gap():
    # posts only 8-21 UTC: the night gap 22..7 is centred on 3 UTC, not at its first window
    m = np.zeros((1, 24))
    m[0, 8:22] = 3
    r = fit_offsets(m, min_posts=10)[0]
    assert r["trough_utc_hour"] == pytest.approx(3.0, abs=0.01)
    assert r["utc_offset"] == pytest.approx(1.0, abs=0.01)
