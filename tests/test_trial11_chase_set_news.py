"""A set of 催报通知 alone says no decision: a decision made before it is still news in the next 通报.

``docs --kind 催报通知`` was recorded as the period's documents, so a decision it "knew" of counted as said in
October's 通报 that was never made, and November's 通报 left it out (closing note of session 22): the agreed extension
was in no 通报 at all.  The order is the README's (collect, extend, docs); the returns are the sheets ``split`` issued,
filled as a unit's Excel saves them.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from returns_factory import fill_return, write_rule_list
from zhishui.cli import cli

D = dt.date
FARM, WATER = "区农业农村委", "区水利局"
TASKS = {"1": ("完成城南污水处理厂建设", "2020年12月31日", FARM, "", ""),
         "2": ("编制水库消落带治理专项规划", "2020年12月31日", WATER, "", "")}


def run(*args) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in (0, 1), r.output
    return r.output


def agreed(folder: Path) -> int:
    d = Document(next((folder / "进展通报").glob("*.docx")))
    text = "\n".join(p.text for p in d.paragraphs).replace("\u200b", "")
    m = re.search(r"经审核同意延期(\d+)项", text)
    return int(m.group(1)) if m else 0


def month(root: Path, lst: Path, period: str, report: dt.date, ask: bool) -> list:
    here = root / period
    run("split", lst, "--period", period, "--out", here / "下发")
    for f in (here / "下发").glob("*.xlsx"):
        unit = f.stem.split("_")[1]

        def values(i, seq, u):
            out = {"完成状态": "进度滞后", "完成比例": 0.4, "进展情况": f"{u}第{seq}项进展", "存在问题": "工期紧"}
            if ask and seq == "2":
                out.update({"申请延期至": D(2021, 6, 30), "延期理由": "征地拆迁滞后"})
            return out
        fill_return(f, here / "收回" / f"{unit}.xlsx", unit, values=values, report_date=report - dt.timedelta(days=5),
                    mtime=None)
    args = [lst, here / "收回", "--period", period, "--date", f"{report:%Y-%m-%d}"]
    run("collect", *args, "--out", here / "汇总.xlsx")
    return args


@pytest.mark.parametrize("first_kinds, october_news, november_news", [
    # October's documents made in full after the decision: news there, not again in November
    ((), 1, 0),
    # only October's 催报通知 made after it: no 通报 said it, November's does
    (("--kind", "催报通知"), None, 1),
])
def test_an_extension_is_news_in_the_first_bulletin_made_after_it(tmp_path, monkeypatch, first_kinds, october_news,
                                                                  november_news):
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))     # (each case its own history)
    lst = write_rule_list(tmp_path / "清单.xlsx", TASKS, [FARM, WATER])
    october = month(tmp_path, lst, "2020-10", D(2020, 10, 30), ask=True)
    assert "同意" in run("extend", lst, "2", "--period", "2020-10", "--by", "督办科", "--date", "2020-11-02")
    run("docs", *october, *first_kinds, "--out", tmp_path / "2020-10" / "文书")
    if october_news is not None:
        assert agreed(tmp_path / "2020-10" / "文书") == october_news
    november = month(tmp_path, lst, "2020-11", D(2020, 11, 30), ask=False)
    run("docs", *november, "--out", tmp_path / "2020-11" / "文书")
    assert agreed(tmp_path / "2020-11" / "文书") == november_news
