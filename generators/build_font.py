"""Build the small Chinese font the charts use: Noto Sans CJK SC cut to GB2312 + ASCII.

Charts must show Chinese labels on machines with no Chinese font (Pyodide,
bare servers). We ship a subset of Noto Sans CJK SC (SIL OFL 1.1): the 7,445
GB2312 characters, printable ASCII and common punctuation. The family is
renamed (OFL: a modified version should not pose as the original) to
``Zhishui Noto Sans SC``.

    python -m zhishui.generators.build_font [path/to/NotoSansCJK-Regular.ttc]

Writes ``zhishui/data/ZhishuiNotoSansSC.otf`` and ``zhishui/data/OFL-NotoSansCJK.txt``.
Deterministic for a given source font (fixed head timestamps).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
DATA = Path(__file__).resolve().parents[1] / "zhishui" / "data"
FONT_NAME = "ZhishuiNotoSansSC.otf"
LICENSE_NAME = "OFL-NotoSansCJK.txt"
FAMILY = "Zhishui Noto Sans SC"
POSTSCRIPT = "ZhishuiNotoSansSC-Regular"
FIXED_TIME = 0x0  # seconds since 1904-01-01 in head.created/modified: fixed for reproducible bytes

EXTRA = ("“”‘’—–…·•、。，；：？！（）《》〈〉【】〔〕「」『』％‰℃×÷±≤≥≠∶"
         "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
         "\u2212\u00a0\u3000")


def charset() -> list[int]:
    """Code points: GB2312 (both levels and symbols), ASCII, full-width forms, extras."""
    cps = set(range(0x20, 0x7F))
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    cps.update(range(0xFF01, 0xFF5F))
    cps.update(ord(c) for c in EXTRA)
    return sorted(cps)


def _sc_index(ttc: Path) -> int:
    from fontTools.ttLib import TTCollection
    coll = TTCollection(str(ttc), lazy=True)
    for i, f in enumerate(coll.fonts):
        if f["name"].getDebugName(1) == "Noto Sans CJK SC":
            return i
    raise SystemExit(f"{ttc} has no 'Noto Sans CJK SC' face")


def build(source: Path = SOURCE, out_dir: Path = DATA) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=_sc_index(source), lazy=False,
                  recalcTimestamp=False)
    copyright_notice = font["name"].getDebugName(0) or ""
    opts = subset.Options()
    # No OpenType layout: matplotlib maps characters through cmap only, and the GSUB
    # closure (vertical, traditional and proportional forms) would nearly double the
    # glyph count. Vertical metrics are useless for charts too.
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=charset())
    sub.subset(font)

    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 4):
            rec.string = FAMILY
        elif rec.nameID == 3:
            rec.string = f"{POSTSCRIPT};subset-gb2312"
        elif rec.nameID == 6:
            rec.string = POSTSCRIPT
    name.names = [r for r in name.names if r.nameID not in (16, 17, 21, 22)]
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [POSTSCRIPT]
        top = cff.topDictIndex[0]
        top.FullName = FAMILY
        top.FamilyName = FAMILY
    font["head"].created = font["head"].modified = FIXED_TIME

    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / FONT_NAME
    font.save(str(out))
    (out_dir / LICENSE_NAME).write_text(_license_text(copyright_notice), encoding="utf-8")
    return out


def _license_text(copyright_notice: str) -> str:
    head = (f"{FONT_NAME} is a subset of Noto Sans CJK SC Regular (GB2312 characters, ASCII and\n"
            f"common punctuation), renamed \"{FAMILY}\", made by generators/build_font.py.\n\n"
            f"Original copyright notice: {copyright_notice}\n\n")
    ofl = ""
    if DEBIAN_COPYRIGHT.exists():
        text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
        m = re.search(r"^License: SIL-1\.1\n((?: .*\n)+)", text, re.M)
        if m:
            ofl = "\n".join("" if ln.strip() == "." else ln[1:] for ln in m.group(1).splitlines()) + "\n"
    if not ofl:
        raise SystemExit("OFL text not found; install fonts-noto-cjk (Debian) to build the font")
    return head + ofl


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    path = build(src)
    print(f"{path} {path.stat().st_size / 1024 / 1024:.2f} MiB")
