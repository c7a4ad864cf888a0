"""Traditional characters read as simplified, character for character (港澳台 mirrors and old pages convert whole
sites; a table or a plan copied from one keeps them): every word list of zhishui is written in simplified."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    from opencc_purepy import OpenCC
    return OpenCC("t2s")


def simplified(text: str) -> str:
    """Same length as text: OpenCC's phrase conversion when it keeps the length, else char by char.
    壹 is read as 一: converters that made the traditional copy often turn every 一 into the
    banker's 壹 (統壹, 壹級保護區, (壹)), which is the same number."""
    if not text:
        return text
    out = _converter().convert(text)
    if len(out) != len(text):
        chars = []
        for ch in text:
            s = _converter().convert(ch)
            chars.append(s if len(s) == 1 else ch)
        out = "".join(chars)
    return out.replace("壹", "一")
