"""Parameter labels, values and class texts from real monitoring tables (tests/data/water_labels.tsv,
with their addresses): every dev item read right, and the score on the held-out parts."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from zhishui.water.readings import parse_value
from zhishui.water.standard import find_param, parse_class

DATA = Path(__file__).resolve().parent / "data" / "water_labels.tsv"


def reading(kind: str, text: str) -> str:
    if kind == "param":
        return find_param(text) or "-"
    if kind == "class":
        return str(parse_class(text)[0])
    status, x, _ = parse_value(text)
    return f"{status}:{x:g}" if x is not None else f"{status}:0"


def scores() -> tuple[dict, list]:
    score: dict = defaultdict(lambda: [0, 0])
    misses = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        split, source, kind, text, expected = line.split("\t")
        if kind == "value":
            status, number = expected.split(":")
            expected = f"{status}:{float(number):g}"
        got = reading(kind, text)
        score[split][0] += got == expected
        score[split][1] += 1
        if got != expected:
            misses.append((split, text, expected, got))
    return dict(score), misses


def test_dev_material_is_read_exactly():
    score, misses = scores()
    assert score["dev"][0] == score["dev"][1], [m for m in misses if m[0] == "dev"]


def test_held_out_scores(capsys):
    score, misses = scores()
    with capsys.disabled():
        for split in ("held", "held2"):
            ok, n = score[split]
            print(f"\n  {split}: {ok}/{n} = {ok / n:.1%}")
    # held was scored once before the rules were revised (31/51); held2 is the held-out part of the
    # revised rules: what it misses are GB 5749 lab forms (砷/(mg/L), <4×10-5) left as known gaps
    assert score["held2"][0] / score["held2"][1] >= 0.8, [m for m in misses if m[0] == "held2"]
