"""GB 3838-2002 Table 1 and the class rules, checked against the research notes' own
transcription of the table (../shared/reference/tech-notes.md §4), not against our code.

Every limit of every item that has classes is a boundary: a value equal to the limit
belongs to that class (to the better one where two classes share a limit), a value
just beyond it to the next class the notes' table gives; dissolved oxygen is better
when higher, pH is a range; lakes use their own 总磷 limits.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import SHARED
from zhishui.water.standard import (BY_KEY, DEFAULT_ASSESSED, TABLE1, class_of, classes, exceedance, find_param,
                                    parse_class, round_half_even, round_half_even_array, split_unit, unit_factor)

NOTES = SHARED / "reference" / "tech-notes.md"
NAMES = {"水温": "temp", "pH": "ph", "溶解氧": "do", "高锰酸盐指数": "codmn", "化学需氧量": "cod", "五日生化需氧量": "bod5",
         "氨氮": "nh3n", "总磷": "tp", "总氮": "tn", "铜": "cu", "锌": "zn", "氟化物": "f", "硒": "se", "砷": "as", "汞": "hg",
         "镉": "cd", "铬(六价)": "cr6", "铅": "pb", "氰化物": "cn", "挥发酚": "phenol", "石油类": "oil",
         "阴离子表面活性剂": "las", "硫化物": "sulfide", "粪大肠菌群": "fecal"}


def notes_table() -> dict:
    """{key: (direction, river limits, lake limits or None)} parsed from the notes' §4 table."""
    if not NOTES.exists():
        pytest.skip("../shared/reference/tech-notes.md is absent")
    text = NOTES.read_text(encoding="utf-8")
    sec = text[text.index("## 4. GB 3838-2002"):text.index("### 4.1")]
    out = {}
    for line in sec.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 8 or not cells[0].isdigit():
            continue
        name = next((n for n in sorted(NAMES, key=len, reverse=True) if cells[1].startswith(n)), None)
        key = NAMES[name]
        direction = cells[2].replace("*", "")
        if key == "temp":
            continue
        river, lake = [], []
        for c in cells[3:8]:
            if key == "do" and "或" in c:            # 饱和率90% (或7.5)
                c = re.search(r"或\s*([\d.]+)", c).group(1)
            nums = re.findall(r"\d+(?:\.\d+)?", c.split("(")[0]) if key != "ph" else re.findall(r"\d+", c)
            river.append(float(nums[0]))
            m = re.search(r"湖、库\s*([\d.]+)", c)
            if m:
                lake.append(float(m.group(1)))
        if key == "ph":
            out[key] = ("range", (6.0, 9.0), None)
        else:
            out[key] = ({"≤": "max", "≥": "min"}[direction], tuple(river), tuple(lake) or None)
    assert len(out) == 23, sorted(out)
    return out


def expected_class(direction, limits, v) -> int:
    """The notes' rule in words: the best class whose limit the value meets, else 劣Ⅴ."""
    if direction == "range":
        return 1 if limits[0] <= v <= limits[1] else 6
    for i, lim in enumerate(limits, 1):
        if (v <= lim) if direction == "max" else (v >= lim):
            return i
    return 6


def test_limits_are_the_notes_limits():
    table = notes_table()
    for key, (direction, river, lake) in table.items():
        p = BY_KEY[key]
        assert p.direction == direction, key
        assert tuple(float(x) for x in p.limits) == river, key
        assert (tuple(p.lake_limits) if p.lake_limits else None) == lake, key
    assert {p.key for p in TABLE1} == set(table) | {"temp"}


def test_assessed_items_are_the_21_of_the_evaluation_rules():
    assert len(DEFAULT_ASSESSED) == 21
    assert not {"temp", "tn", "fecal"} & set(DEFAULT_ASSESSED)


def boundary_cases():
    table = notes_table()
    for key, (direction, river, lake) in table.items():
        for lake_flag, lims in ((False, river), (True, lake)):
            if lims is None:
                continue
            if direction == "range":
                for v in (6.0, 9.0, 5.99, 9.01, 7.5):
                    yield key, lake_flag, v, expected_class(direction, lims, v)
                continue
            for lim in lims:
                eps = lim * 1e-3
                beyond = lim + eps if direction == "max" else lim - eps
                yield key, lake_flag, lim, expected_class(direction, lims, lim)
                yield key, lake_flag, beyond, expected_class(direction, lims, beyond)


def test_every_limit_is_a_boundary_equal_belongs_to_the_better_class():
    cases = list(boundary_cases())
    assert len(cases) > 200
    for key, lake, v, want in cases:
        p = BY_KEY[key]
        assert class_of(p, v, lake) == want, (key, lake, v)
        assert int(classes(p, np.array([v]), lake)[0]) == want, (key, lake, v)


@pytest.mark.parametrize("key, value, lake, cls", [
    ("cod", 15, False, 1), ("cod", 15.1, False, 3), ("cod", 40, False, 5), ("cod", 40.01, False, 6),
    ("do", 7.5, False, 1), ("do", 7.49, False, 2), ("do", 6, False, 2), ("do", 5.99, False, 3), ("do", 2, False, 5),
    ("do", 1.99, False, 6), ("ph", 6, False, 1), ("ph", 9, False, 1), ("ph", 5.99, False, 6), ("ph", 9.01, False, 6),
    ("hg", 0.00005, False, 1), ("hg", 0.00006, False, 3), ("cu", 0.011, False, 2), ("cu", 1.0, False, 2),
    ("tp", 0.025, True, 2), ("tp", 0.03, True, 3), ("tp", 0.03, False, 2), ("tp", 0.4, False, 5), ("tp", 0.41, False, 6),
    ("nh3n", 0.15, False, 1), ("nh3n", 0.151, False, 2), ("nh3n", 2.0, False, 5), ("nh3n", 2.001, False, 6),
])
def test_spot_checks_written_by_hand(key, value, lake, cls):
    assert class_of(BY_KEY[key], value, lake) == cls


def test_exceedance_multiple_against_the_target():
    nh3n, do, tp = BY_KEY["nh3n"], BY_KEY["do"], BY_KEY["tp"]
    assert exceedance(nh3n, 1.3, 3) == 0.30
    assert exceedance(nh3n, 1.0, 3) is None              # at the limit: meets it
    assert exceedance(nh3n, 2.11, 3) == 1.11
    assert exceedance(tp, 0.03, 2, lake=True) == 0.2     # (0.03 - 0.025) / 0.025
    assert exceedance(do, 4.0, 3) is None                # no multiple for DO (环办〔2011〕22号)


def test_rounding_is_gb_t_8170_half_even():
    assert str(round_half_even(0.1245, 3)) == "0.124"
    assert str(round_half_even(0.1255, 3)) == "0.126"
    assert str(round_half_even(1.0935, 3)) == "1.094"
    assert str(round_half_even(2.675, 2)) == "2.68"      # decimal half, not the binary 2.67499…
    rnd = np.random.default_rng(1)
    xs = np.round(rnd.uniform(0, 3, 2000), 4)
    for places in (1, 2, 3):
        arr = round_half_even_array(xs, places)
        assert [float(round_half_even(float(x), places)) for x in xs] == arr.tolist()


@pytest.mark.parametrize("text, cls", [("Ⅲ", 3), ("Ⅲ类", 3), ("III", 3), ("iii类", 3), ("3类", 3), ("三类", 3), ("Ⅳ類", 4),
                                       ("劣Ⅴ", 6), ("劣V类", 6), ("劣于Ⅴ类", 6), (2, 2), ("年均值Ⅲ类(2016年达50%,2017年达70%)", 3)])
def test_target_classes_as_written(text, cls):
    assert parse_class(text) == (cls, "")


@pytest.mark.parametrize("text", ["Ⅱ~Ⅲ", "", "达标", 7])
def test_unclear_targets_are_refused(text):
    got, problem = parse_class(text)
    assert got is None and (problem or text == "")


def test_units():
    assert split_unit("氨氮(mg/L)") == ("氨氮", "mg/L")
    assert split_unit("总磷（μg/L）") == ("总磷", "μg/L")
    assert unit_factor(BY_KEY["tp"], "μg/L") == 1e-3 and unit_factor(BY_KEY["tp"], "ug/l") == 1e-3
    assert unit_factor(BY_KEY["nh3n"], "℃") is None
    assert find_param("锰") is None and find_param("高锰酸盐指数") == "codmn"
