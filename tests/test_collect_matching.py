"""Matching a file to its unit and a row to its task, made linear in the size of the month
(issue 13), must give exactly what the straightforward scans gave.  The oracles below are
those scans, written out again; the inputs are the seed's names and task texts, mangled
the way units mangle them."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from conftest import LIST001, LIST003
from zhishui.collect import _Reader, _similar
from zhishui.tasks import load_list
from zhishui.unitnames import norm


def oracle_unit(reader: _Reader, text: str):
    s = norm(text)
    if not s:
        return None
    best, best_len = None, 0
    names = {}
    for u in reader.tl.directory.units:
        for n in [u.name] + u.aliases:
            names[norm(n)] = u.name
    for u in reader.expected:
        names.setdefault(norm(u), u)
    for n, canon in names.items():
        if len(n) >= 2 and n in s and len(n) > best_len:
            best, best_len = canon, len(n)
    return best


def oracle_task(content: str, pool, threshold: float):
    scored = sorted(((_similar(content, t.full_content), t) for t in pool), key=lambda x: -x[0])
    return scored[0][1] if scored and scored[0][0] >= threshold else None


@pytest.fixture(scope="module", params=[LIST001, LIST003], ids=["seed001", "seed003"])
def reader(request):
    tl = load_list(request.param)
    return _Reader(tl, dt.date(2020, 11, 1), [], [])


def mangled_names(reader, rnd):
    names = [n for u in reader.tl.directory.units for n in [u.name] + u.aliases] + list(reader.expected)
    out = []
    for n in names:
        out += [f"2020年11月_{n}_进展情况报送表.xlsx", f"填报单位：{n}　报送期：2020年11月", n[1:], n[:-1] + "（盖章）",
                f"{n}、{rnd.choice(names)}", f"关于{n[:2]}的报送 {rnd.choice(names)[2:]}"]
    return out + ["", "无关的文字", "报送表(1).xlsx"]


def test_unit_from_text_is_what_the_full_scan_gives(reader):
    rnd = random.Random(13)
    texts = mangled_names(reader, rnd)
    assert len(texts) > 100
    for text in texts:
        assert reader.match_unit(text) == oracle_unit(reader, text), text


def test_most_similar_task_is_what_sorting_every_task_gives(reader):
    rnd = random.Random(13)
    tasks = reader.tl.tasks
    contents = []
    for t in tasks:
        c = t.full_content
        cut = rnd.randrange(max(1, len(c)))
        contents += [c, c[:cut], c[cut:] + "（已完成）", c.replace("，", ","), "".join(rnd.sample(c, len(c)))]
    contents += ["", "完全无关的内容", tasks[0].full_content + tasks[1].full_content]
    units = list(reader.expected)
    for content in contents:
        for pool in (tasks, [reader.tasks_by_key[k] for k in reader.expected[rnd.choice(units)]]):
            for threshold in (0.5, 0.6, 0.8):
                assert reader.most_similar(content, pool, threshold) is oracle_task(content, pool, threshold)
