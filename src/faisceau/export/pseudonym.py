"""Keyed pseudonyms for account ids, handles and post ids, so exports can be shared.

HMAC-SHA256 under the analyst's secret key: the same account gets the same pseudonym in
every file and every run with that key, and nobody without the key can reverse it or
test a guess. Post ids are pseudonymised too, because a post id looked up on the
platform reveals its author.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path

from ..errors import InputError

_MENTION = re.compile(r"@([A-Za-z0-9_]{1,50})")
_PROFILE_URL = re.compile(r"(?i)\b((?:https?://)?(?:www\.)?(?:x|twitter)\.com/)([A-Za-z0-9_]{1,50})")
_REF = re.compile(r"\b(accounts?|posts?|originator|first poster) ([A-Za-z0-9_:.-]+)")


def load_key(path: str | Path) -> bytes:
    p = Path(path)
    try:
        key = p.read_bytes().strip()
    except OSError as exc:
        raise InputError(f"cannot read the pseudonymisation key {p}: {exc}") from exc
    if len(key) < 16:
        raise InputError(f"pseudonymisation key {p} is too short: use at least 16 bytes of secret")
    return key


class Pseudonymizer:
    def __init__(self, key: bytes):
        self.key = key
        self.accounts: set[str] = set()
        self.posts: set[str] = set()

    def _h(self, kind: str, value: str, n: int) -> str:
        return hmac.new(self.key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()[:n]

    def account(self, v):
        return None if v is None else "acct_" + self._h("account", str(v), 16)

    def handle(self, v):
        return None if v is None else "user_" + self._h("handle", str(v).lstrip("@").lower(), 12)

    def post(self, v):
        return None if v is None else "post_" + self._h("post", str(v), 16)

    def text(self, s):
        """Free text: @mentions, profile URLs and 'account X' / 'post Y' references."""
        if s is None:
            return None
        s = _MENTION.sub(lambda m: "@" + self.handle(m.group(1)), s)
        s = _PROFILE_URL.sub(lambda m: m.group(1) + self.handle(m.group(2)), s)

        def ref(m):
            word, val = m.group(1), m.group(2)
            tail = ""
            while val and val[-1] in ".,:;)":
                tail, val = val[-1] + tail, val[:-1]
            if word.startswith("post") and val in self.posts:
                return f"{word} {self.post(val)}{tail}"
            if val in self.accounts:
                return f"{word} {self.account(val)}{tail}"
            return m.group(0)

        return _REF.sub(ref, s)
