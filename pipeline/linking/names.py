"""Names within one article: the written variants of one person's name share one key.

Tone placement and case are folded by ``textnorm.key`` ("Phạm Thị Hoà" = "Phạm Thị Hòa").
A shorter name with the same family name and the same given name, whose words all
appear in order in a longer name of the same article ("Phạm Hòa" beside "Phạm Thị
Hòa"), is that person with the middle name dropped, when exactly one longer name fits.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.textnorm import key


@lru_cache(maxsize=200_000)
def name_key(name: str | None) -> str:
    """The folded key of a name ("" for none)."""
    return key(name or "")


def _is_short_form(short: list[str], full: list[str]) -> bool:
    """True when ``short`` is ``full`` with middle words dropped (same first and last word)."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(word in it for word in short)  # an ordered subsequence


def canonical_keys(names: list[str]) -> dict[str, str]:
    """Each name's key in one article mapped to the key of the full name it stands for.

    names (list[str]): the names the article's officials rows give.
    RETURNS (dict): name key -> canonical name key (itself unless a unique longer form exists); read it,
        do not change it (one article's names give the same dict every time: a commit links the same
        stored articles again and again).
    """
    return _canonical(frozenset(n for n in names if n))


@lru_cache(maxsize=100_000)
def _canonical(names: frozenset[str]) -> dict[str, str]:
    keys = sorted({name_key(n) for n in names})
    out = {}
    for k in keys:
        words = k.split()
        longer = [f for f in keys if _is_short_form(words, f.split())]
        out[k] = longer[0] if len(longer) == 1 else k
    return out
