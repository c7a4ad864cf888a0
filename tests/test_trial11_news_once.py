"""Trial 18 (session 22) on the command line: a decision is news in one month's 通报, and an earlier month stays what
it reported (README 「延期申请带到以后各期」, 「汇总、文书和办理的先后」 rule 1).

Three months, October to December, each in the README's order: collect, then close/extend, then docs.  October's
refusal of 3 is decided after October's collect; October's request for 2 waits and is agreed from November's
``--period`` after November's collect, with November's own request for 4.  The trial's desk found each decision in two
consecutive 通报 (6 agreed across the months against the year's 3) and October's files rewritten by the November
decision.  Every return is the sheet ``split`` issued, filled with openpyxl as a unit's Excel saves it; what each file
must say is written out here from the script, not taken from the engine.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from returns_factory import fill_return, write_rule_list
from zhishui.cli import cli

D = dt.date
FARM, CANAL, WATER = "区农业农村委", "临江河指挥部办公室", "区水利局"
TASKS = {
    "1": ("完成板桥食品片区污水处理厂在线监测设备安装", "2021年3月31日", FARM, "", ""),
    "2": ("完成城南污水处理厂建设", "2020年12月31日", CANAL, "", ""),
    "3": ("编制水库消落带治理专项规划", "2020年12月31日", WATER, "", ""),
    "4": ("编制海绵城市建设专项规划", "2020年12月31日", FARM, "", ""),
}
PERIODS = ["2020-10", "2020-11", "2020-12"]
REPORT = {"2020-10": D(2020, 10, 30), "2020-11": D(2020, 11, 30), "2020-12": D(2020, 12, 31)}
# (period asked, 序号) -> (unit, 申请延期至)
REQUESTS = {("2020-10", "2"): (CANAL, D(2021, 3, 31)), ("2020-10", "3"): (WATER, D(2021, 6, 30)),
            ("2020-11", "4"): (FARM, D(2021, 4, 30))}
# the clerk's decisions, each after that month's collect: (the --period typed, 序号, agree, date)
DECISIONS = [("2020-10", "3", False, "2020-11-02"),
             ("2020-11", "2", True, "2020-12-01"),          # October's request, from November's period
             ("2020-11", "4", True, "2020-12-01")]


def values_for(period: str):
    def values(i, seq, unit):
        out = {"完成状态": "进度滞后", "完成比例": 0.4, "进展情况": f"{unit}第{seq}项{period}进展", "存在问题": "工期紧"}
        req = REQUESTS.get((period, seq))
        if req and req[0] == unit:
            out.update({"申请延期至": req[1], "延期理由": "征地拆迁滞后"})
        return out
    return values


def run(*args, code=(0, 1)) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in code, r.output
    return r.output


def docx_text(path: Path) -> str:
    d = Document(path)
    return "\n".join([p.text for p in d.paragraphs] + ["|".join(c.text for c in r.cells) for t in d.tables
                                                       for r in t.rows]).replace("\u200b", "")


def news(folder: Path) -> tuple[int, int, str]:
    """(同意延期 N, 不同意延期 N, text) of the 进展通报 in a documents folder."""
    text = docx_text(next((folder / "进展通报").glob("*.docx")))
    agreed, refused = re.search(r"经审核同意延期(\d+)项", text), re.search(r"不同意延期(\d+)项", text)
    return int(agreed.group(1)) if agreed else 0, int(refused.group(1)) if refused else 0, text


@pytest.fixture(scope="module")
def months(tmp_path_factory):
    root = tmp_path_factory.mktemp("news_once")
    lst = write_rule_list(root / "清单.xlsx", TASKS, [FARM, CANAL, WATER])
    out = {"root": root, "list": lst, "said": {}}
    for period in PERIODS:
        here = root / period
        run("split", lst, "--period", period, "--out", here / "下发", code=(0,))
        for f in (here / "下发").glob("*.xlsx"):
            unit = f.stem.split("_")[1]
            fill_return(f, here / "收回" / f"{unit}.xlsx", unit, values=values_for(period),
                        report_date=D(int(period[:4]), int(period[5:]), 20), mtime=None)
        month = [lst, here / "收回", "--period", period, "--date", f"{REPORT[period]:%Y-%m-%d}"]
        run("collect", *month, "--out", here / "汇总.xlsx", "--json", here / "汇总.json")
        for named, seq, agree, on in DECISIONS:
            if named == period:
                out["said"][seq] = run("extend", lst, seq, "--period", named, *(() if agree else ("--refuse",)),
                                       "--by", "督办科", "--date", on, code=(0,))
        if period == "2020-11":     # October's files as issued, before November's decisions are acted on
            out["october_json"] = (root / "2020-10" / "汇总.json").read_text(encoding="utf-8")
        run("collect", *month, "--out", here / "汇总.xlsx", "--json", here / "汇总.json")   # as the note asks
        run("docs", *month, "--out", here / "文书")
        out[period] = month
    # October made again after November's decisions (the trial's desk invited it): what October reported
    run("docs", *out["2020-10"], "--out", root / "2020-10" / "文书_再生成")
    run("collect", *out["2020-10"], "--out", root / "2020-10" / "汇总_再汇总.xlsx",
        "--json", root / "2020-10" / "汇总_再汇总.json")
    out["year"] = run("docs", lst, "--year", "2020", "--date", "2021-01-10", "--out", root / "年度", code=(0, 1))
    return out


def test_a_decision_on_an_earlier_request_leaves_the_earlier_month_as_reported(months):
    root = months["root"]
    said = months["said"]["2"]
    assert f"序号2：同意{CANAL}（2020-10申请）延期" in said, said
    # only November's files (written before the decision) are out of date; October's are what it reported
    listed = [x.strip().split("「")[0] for x in said.splitlines() if x.startswith("  ")]
    assert listed == ["2020年11月汇总结果"], said
    again = json.loads((root / "2020-10" / "汇总_再汇总.json").read_text(encoding="utf-8"))
    issued = json.loads(months["october_json"])
    for key in ("totals", "unit_counts", "tasks", "ranking", "requests", "extensions"):
        assert again.get(key) == issued.get(key), key
    assert news(root / "2020-10" / "文书_再生成")[2] == news(root / "2020-10" / "文书")[2]
    # 2 is judged against its agreed date from November, not in October
    tasks = {p: {t["seq"]: t for t in json.loads((root / p / "汇总.json").read_text("utf-8"))["tasks"]}
             for p in PERIODS}
    assert tasks["2020-10"]["2"]["due"] == "2020-12-31" and tasks["2020-11"]["2"]["due"] == "2021-03-31"


def test_each_decision_is_news_in_one_month_and_the_year_counts_them_once(months):
    root = months["root"]
    # the oracle from the script: a decision is news in the month whose --period (or later collected month) it was
    # made on, each month's documents made after its decisions
    want = {p: (sum(1 for n, _s, a, _d in DECISIONS if n == p and a),
                sum(1 for n, _s, a, _d in DECISIONS if n == p and not a)) for p in PERIODS}
    got = {p: news(root / p / "文书")[:2] for p in PERIODS}
    assert got == want, got
    agreed, refused = sum(a for a, _ in got.values()), sum(r for _, r in got.values())
    summary = docx_text(root / "年度" / "2020年度工作总结.docx")
    assert f"办理延期申请{agreed + refused}项（同意{agreed}项、不同意{refused}项）" in summary, summary
