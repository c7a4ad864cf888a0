"""Score zhishui.targets.recognise on tests/data/targets.tsv: `python tests/target_scoring.py [dev|test]`.

A sentence counts as right when the recognised level (comparison, number, unit) is the labelled
one (or both say there is no target); the indicator's name is scored apart (exact text)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from zhishui.targets import recognise  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "data" / "targets.tsv"


def rows(split: str | None = None):
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        part, source, text, expected = line.split("\t")
        if split in (None, part):
            yield part, source, text, expected


def score(split: str) -> tuple[int, int, int, list[str]]:
    level = names = total = 0
    wrong = []
    for _, _, text, expected in rows(split):
        total += 1
        t = recognise(text)
        got = "无" if t is None else f"{t.indicator}|{t.op}|{t.value:g}|{t.unit}"
        if expected == "无" or t is None:
            ok_level = ok_name = got == expected
        else:
            name, op, value, unit = expected.split("|")
            ok_level = (t.op, t.value, t.unit) == (op, float(value), unit)
            ok_name = ok_level and t.indicator == name
        level += ok_level
        names += ok_name
        if not ok_name:
            wrong.append(f"  {text}\n    期望 {expected}\n    得到 {got}")
    return level, names, total, wrong


if __name__ == "__main__":
    for split in sys.argv[1:] or ["dev", "test"]:
        level, names, total, wrong = score(split)
        print(f"{split}: 目标（比较、数值、单位）{level}/{total}，指标名称也对 {names}/{total}")
        print("\n".join(wrong))
