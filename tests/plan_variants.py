"""How the importer holds when a document it reads is written the way other offices write the same
thing, measured on the hand-labelled corpus without new labels:

    python tests/plan_variants.py        every variant, per part
    python tests/plan_variants.py -v     and each document whose score moves

Each corpus text is rewritten in ways real plans differ in form but not in content, one way at a
time, then imported and scored against its own labels (the score's canon() ignores bracket width,
commas and spaces, so the labels hold):
- "full": half-width punctuation as full-width (,;:() -> ，；：（）), as a Word original has it (the
  stored pages mostly give it half-width, so the other way round would change next to nothing);
- "spaced": a space after every punctuation mark (a page that inserts them);
- "indent": every line opened by 　　 (two ideographic spaces, a Word copy's first-line indent);
- "numbers": item numbers written another common way (1. -> 1、, （一） -> (一), (1) -> （1）);
- "labels": the role labels' other words (牵头单位 -> 牵头部门, 责任单位 -> 责任部门, 配合单位 -> 协办单位);
- "blank": a blank line after every line (a page whose paragraphs are <p> blocks);
- "wrapped": every line cut at 28 characters, the line of an official document (GB/T 9704), as its PDF's text gives it.
A variant that loses tasks or roles shows a rule that holds for the form it was written from only.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import plan_scoring as ps

_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def _numbers(text: str) -> str:
    text = re.sub(r"(?m)^(\s*)(\d{1,2})\.(?!\d)", r"\1\2、", text)
    text = re.sub(r"(?m)^(\s*)（([一二三四五六七八九十]{1,3})）", r"\1(\2)", text)
    return re.sub(r"(?m)^(\s*)\((\d{1,2})\)", r"\1（\2）", text)


def _labels(text: str) -> str:
    for a, b in (("牵头单位", "牵头部门"), ("责任单位", "责任部门"), ("配合单位", "协办单位")):
        text = text.replace(a, b)
    return text


def _wrapped(text: str, width: int = 28) -> str:
    """Lines cut as a page of ``width`` Chinese characters cuts them (a digit or a Latin letter takes half a place)."""
    out = []
    for ln in text.split("\n"):
        ln, cur, used = ln.strip(), "", 0
        for ch in ln:
            w = 2 if ord(ch) > 0x2E7F else 1
            if used + w > 2 * width:
                out.append(cur)
                cur, used = "", 0
            cur, used = cur + ch, used + w
        out.append(cur)
    return "\n".join(out)


VARIANTS = {
    "full": lambda t: re.sub(r"(?<![\d\w])[,;:()]|[,;:()](?![\d\w])", lambda m: m.group().translate(_FULL), t),
    "spaced": lambda t: re.sub(r"([，。；：、])(?=\S)", r"\1 ", t),
    "indent": lambda t: "\n".join("　　" + ln if ln.strip() else ln for ln in t.split("\n")),
    "numbers": _numbers,
    "labels": _labels,
    "blank": lambda t: "\n\n".join(t.split("\n")),
    "wrapped": _wrapped,
}


# ways a page or a copy prints paragraphs, not tables: a blank line after a table's cell is an empty cell, and a
# table's rows are not wrapped like lines of text — so these are tried on the documents without a table
PROSE_ONLY = {"blank", "wrapped"}


def scores(variant: str | None) -> dict[str, dict]:
    """Per document: (truth tasks, found, roles right) for the corpus read as it is (None) or rewritten."""
    from zhishui.plan import import_plan
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for d in ps.manifest():
            if d["split"] in ps.CLEAN:
                continue            # a part nobody has looked at stays so
            src = ps.CORPUS / f"{d['id']}.txt"
            text = src.read_text(encoding="utf-8")
            if variant in PROSE_ONLY and import_plan(src).document.tables:
                continue
            if variant is not None:
                src = Path(tmp) / src.name
                src.write_text(VARIANTS[variant](text), encoding="utf-8")
            truth = ps.json.loads((ps.TRUTH / f"{d['id']}.json").read_text(encoding="utf-8"))["tasks"]
            sc = ps.score_tasks(d["id"], truth, [t.to_dict() for t in import_plan(src).tasks])
            out[d["id"]] = {"split": d["split"], "truth": len(truth), "found": sc.found, "roles": sc.roles_ok}
    return out


def main(verbose: bool) -> None:
    base = scores(None)
    n = sum(v["truth"] for v in base.values())
    print(f"as written: tasks {sum(v['found'] for v in base.values())}/{n}, "
          f"roles all right {sum(v['roles'] for v in base.values())}/{n}")
    for name in VARIANTS:
        got = scores(name)
        n = sum(v["truth"] for v in got.values())
        f = sum(v["found"] for v in got.values())
        r = sum(v["roles"] for v in got.values())
        moved = [d for d in got if (got[d]["found"], got[d]["roles"]) != (base[d]["found"], base[d]["roles"])]
        print(f"{name:8s} tasks {f}/{n}, roles all right {r}/{n}, documents that moved {len(moved)}")
        for d in moved if verbose else []:
            print(f"   {d}: tasks {base[d]['found']} -> {got[d]['found']}, roles {base[d]['roles']} -> {got[d]['roles']}"
                  f" (of {got[d]['truth']})")


if __name__ == "__main__":
    sys.path.insert(0, str(ps.HERE.parent))
    main("-v" in sys.argv)
