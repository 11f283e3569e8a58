"""How people actually type: per-post wording and spelling variety for organic text.

The topic statements in ``vocab.TOPICS`` are a few hundred clauses per language; posters
who bring up the same statement do not type it the same way. Drawn per post:

- word choice: a common word swapped for a synonym or an informal short form the
  language's posters use ("beaucoup" / "bcp" / "plein", "because" / "bc" / "cuz",
  "porque" / "xq", "nicht" / "nich", "perché" / "xké"), each word on its own draw, in the
  posts written casually (60 %);
- accents left out (a phone keyboard without them), in French, Spanish and Italian;
- a slip of the finger: two neighbouring letters swapped in one longer word (40 %).

The operation's texts (``scenario_texts``) never go through this: their copies are
what a copy detector must find.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pyarrow as pa

# per language: word (lower case, as written in the phrase tables) -> what some posters type instead
WORDS: dict[str, dict[str, list[str]]] = {
    "fr": {"pour": ["pr"], "tout": ["tt"], "tous": ["ts", "tout le monde"], "beaucoup": ["bcp", "plein"],
           "quand": ["qd"], "même": ["mm", "meme"], "c'est": ["c", "cest", "c tout"], "vraiment": ["vrmt", "grave"],
           "aujourd'hui": ["auj", "ajd"], "maintenant": ["mtn", "là"], "avec": ["avc"], "dans": ["ds"],
           "j'ai": ["jai", "g"], "ça": ["ca", "sa"], "très": ["trop", "super"], "déjà": ["deja", "dja"],
           "rien": ["r1", "que dalle"], "parce": ["pcq"], "quelque": ["qlq"], "toujours": ["tjrs", "tjs"],
           "personne": ["perso", "nul"], "les": ["ls"], "sont": ["st"], "encore": ["encor", "de nouveau"],
           "pas": ["pa", "point"], "il": ["y", "i"], "est": ["é"], "qui": ["ki"], "que": ["ke", "q"],
           "problème": ["pb", "souci"], "monde": ["mnd"], "voiture": ["caisse", "bagnole"],
           "travail": ["taf", "boulot"], "argent": ["thunes", "fric"], "enfants": ["gosses", "mômes"],
           "regarde": ["mate", "zieute"], "peur": ["la trouille", "les jetons"]},
    "en": {"you": ["u", "ya"], "are": ["r"], "and": ["&", "n"], "with": ["w/", "w"], "because": ["bc", "cuz", "cause"],
           "people": ["ppl", "folks"], "really": ["rly", "realllly"], "though": ["tho"], "going": ["goin"],
           "tonight": ["tonite"], "about": ["abt"], "your": ["ur"], "probably": ["prob", "prolly"],
           "thanks": ["thx", "ty"], "please": ["pls", "plz"], "already": ["alr"], "know": ["kno"],
           "i'm": ["im", "Im"], "it's": ["its"], "don't": ["dont"], "can't": ["cant"], "they're": ["theyre", "they are"],
           "friend": ["mate", "buddy"], "now": ["rn"], "very": ["super", "so"], "the": ["teh", "da"],
           "is": ["iz", "'s"], "to": ["2", "ta"], "for": ["4", "fr"], "be": ["b"], "just": ["jus", "literally"],
           "what": ["wut", "wat"], "that": ["dat", "tht"], "this": ["dis", "ths"], "my": ["me", "mah"],
           "they": ["dey", "thay"], "have": ["hav", "got"], "nobody": ["no one", "noone"]},
    "es": {"que": ["q", "k"], "por": ["x"], "porque": ["xq", "pq"], "también": ["tb", "tmb"], "muy": ["mu", "re"],
           "para": ["pa", "pra"], "qué": ["q", "k"], "todo": ["to", "tdo"], "nada": ["na"], "está": ["ta", "esta"],
           "pues": ["pos", "ps"], "más": ["mas"], "mucho": ["un montón de", "mogollón de"], "trabajo": ["curro"],
           "dinero": ["pasta", "plata"], "amigos": ["colegas", "panas"],
           "de": ["d"], "el": ["l"], "en": ["n"], "se": ["s"], "ya": ["ia"], "con": ["cn"],
           "hay": ["ai", "hai"], "va": ["ba"], "casa": ["keli", "ksa"]},
    "de": {"nicht": ["nich", "net"], "ist": ["is"], "habe": ["hab"], "etwas": ["was"], "eine": ["ne"], "einen": ["nen"],
           "schon": ["scho", "schon mal"], "wirklich": ["echt", "wirklich wirklich"], "sehr": ["voll", "mega"],
           "jetzt": ["jetz", "nu"], "heute": ["heut"], "gerade": ["grad"], "die": ["di", "de"], "der": ["dr", "d"],
           "und": ["u", "+"], "das": ["dat", "des"], "ich": ["i", "ick"], "es": ["s"], "auch": ["och", "ach"],
           "noch": ["nochn", "no"], "mit": ["mi", "m"], "sind": ["sin"], "doch": ["doc"]},
    "it": {"che": ["ke", "ch"], "non": ["nn"], "per": ["x"], "comunque": ["cmq"], "perché": ["xké", "perche"],
           "tutto": ["tt"], "molto": ["mlt", "tanto"], "anche": ["anke"], "niente": ["nnt", "nulla"],
           "questo": ["sto"], "troppo": ["trp"], "cosa": ["cs"], "sono": ["so"], "il": ["l"], "la": ["l"],
           "di": ["d"], "un": ["1"], "una": ["1"], "con": ["cn"], "ho": ["o"], "è": ["e", "é"],
           "del": ["dl"], "più": ["+", "piu"]},
}

_ACCENTLESS = {"fr", "es", "it"}


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _swap(word: str, at: float) -> str:
    """Two neighbouring letters swapped, ``at`` in [0, 1) choosing where."""
    i = 1 + int(at * (len(word) - 3))
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def retype(rng: np.random.Generator, texts: pa.Array, langs: list[str] | np.ndarray) -> pa.Array:
    """Each text as one poster types it (see module doc); ``langs`` per text, null texts stay null."""
    vals = texts.to_pylist()
    n = len(vals)
    casual = rng.random(n) < 0.6
    no_accents = rng.random(n) < 0.2
    slip = rng.random(n) < 0.4
    seeds = rng.integers(0, 1 << 31, n)
    out = []
    for k in range(n):
        s = vals[k]
        lang = str(langs[k])
        if s is None or not s:
            out.append(s)
            continue
        r = np.random.default_rng(int(seeds[k]))
        words = s.split(" ")
        table = WORDS.get(lang) if casual[k] else None
        if table:
            draws = r.random((len(words), 2))
            for i, w in enumerate(words):
                alt = table.get(w.lower())
                if alt and draws[i, 0] < 0.55:
                    words[i] = alt[int(draws[i, 1] * len(alt))]
        if slip[k]:
            long_ = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
            if long_:
                i = long_[int(r.random() * len(long_))]
                words[i] = _swap(words[i], r.random())
        s = " ".join(words)
        if no_accents[k] and lang in _ACCENTLESS:
            s = _strip_accents(s)
        out.append(s)
    return pa.array(out, pa.string())
