"""A unit renamed in a mid-year revision of the list keeps its history (the trial-15 year, problems 1, 2 and 8).

The trial ran 2020-07..12 on seed 001's list; in October the list was revised as a clerk does it in Excel: 区经济信息委
renamed 区经济和信息化局 (the old name kept as 别名 in the 单位名录), task 60 deleted, task 64 added. 区经济信息委 had
reported its staged task 12 (「2020年9月底完成,并长期坚持」) 已完成 in September; from October `collect` judged it 逾期,
督办ed it three months running and the year gave the unit 80 points, 45th of 46: the history's reports are stored under
the name the unit wrote, and the month looked its earlier 已完成 up by that raw name.  `docs --year` on the July list
silently reported a different year; `history --task 60` and `history --unit 区财政局 --period 2020-09` said nothing of
what the record knows.

README 「单位改了名以后」 has a table of what a renamed unit keeps; each row is run here on real files: seed 001's list,
the revision made with openpyxl as in the trial, returns issued by `zhishui split` and filled with openpyxl as units
fill them, everything through the command line.  The expected values are worked out here from the README's rules and
the returns as filled (the oracle), never taken from what the program computed.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import LIST001, ROOT
from returns_factory import copy_to_new_workbook, footer_row, header_columns, task_rows
from zhishui.cli import cli

OLD, NEW = "区经济信息委", "区经济和信息化局"
NAMES = (OLD, NEW)
STAGED, KEPT_UP = "12", "18"           # the unit's two tasks: 2020年9月底完成,并长期坚持 (sole 责任 = 牵头); 长期坚持
STAGE_DUE = dt.date(2020, 9, 30)
EV = "佐证材料：{}.pdf"

# what the renamed unit reports, by period: seq -> (完成状态, 完成比例 or None, 进展情况[, 申请延期至, 延期理由]);
# None: it sends nothing that month.  Every other unit runs the trial's default course.
# Scenario A (the trial's months): reports on both sides of the rename -> rows 1, 2, 6
COPIED_TEXT = "组织开展工业园区节水改造，完成3家企业循环用水系统建设。"
A = {
    "2020-09": {STAGED: ("已完成", 1, "产业结构调整阶段任务已完成。"), KEPT_UP: ("持续推进", 0.8, COPIED_TEXT)},
    "2020-10": {STAGED: ("持续推进", 1, "阶段任务已完成，按长效机制持续落实。"), KEPT_UP: ("持续推进", 0.6, COPIED_TEXT)},
}
# Scenario B: a request for more time, the stage done, two months silent across the rename, back in November
# -> rows 1, 3, 4, 5, 7; the year (problem 2); `history` (problem 8)
B = {
    "2020-07": {STAGED: ("序时推进", 0.9, "园区产业布局优化方案已起草。", "2020-12-31", "需等待市级园区规划批复"),
                KEPT_UP: ("持续推进", None, "推广循环用水，7月走访企业5家。")},
    "2020-08": {STAGED: ("已完成", 1, "产业结构调整阶段任务已完成。"), KEPT_UP: ("持续推进", None, "8月走访企业6家。")},
    "2020-09": None,
    "2020-10": None,
    "2020-11": {STAGED: ("持续推进", 1, "阶段任务已完成，按长效机制持续落实。"), KEPT_UP: ("持续推进", None, "11月走访企业4家。")},
}
REVISED_FROM = "2020-10"


def run(*args, home: Path, code=(0, 1)) -> str:
    """The command line, with the index of histories this computer used in ``home``: each scenario is its own
    computer (the two hold the same plan, and a record is also found through that index)."""
    r = CliRunner().invoke(cli, [str(a) for a in args], env={"ZHISHUI_HOME": str(home)})
    assert r.exit_code in code, r.output + repr(r.exception)
    return r.output


# --- the files -----------------------------------------------------------------------------------

def revise(src: Path, dst: Path) -> Path:
    """The October revision as the trial's clerk made it in Excel (make_v2.py): the unit renamed in the list's cells
    and in the 单位名录 with its old name as 别名, the slip 区市场管理局 corrected, task 60 deleted, task 64 added."""
    wb = openpyxl.load_workbook(src)
    ws = wb["整改任务分解表"]
    for row in ws.iter_rows(min_row=4):
        for c in row[4:7]:
            if isinstance(c.value, str):
                c.value = c.value.replace(OLD, NEW).replace("区市场管理局", "区市场监管局")
    ws.unmerge_cells("B59:B66")
    assert ws.cell(63, 1).value in (60, "60")
    ws.delete_rows(63)
    ws.cell(66, 1).value = 64
    ws.cell(66, 3).value = "开展城区黑臭水体排查整治，建立问题清单，逐一整改销号。"
    ws.cell(66, 4).value = "2021年3月底"
    ws.cell(66, 5).value = "区城市管理局"
    ws.cell(66, 6).value = "各镇街"
    ws.cell(66, 7).value = "区住房城乡建委"
    for col in range(1, 8):
        ws.cell(66, col)._style = ws.cell(65, col)._style
    ws.merge_cells("B59:B66")
    d = wb["单位名录"]
    for r in range(2, d.max_row + 1):
        if d.cell(r, 1).value == OLD:
            d.cell(r, 1).value = NEW
            d.cell(r, 2).value = f"{OLD}、永川区经济和信息化委员会"
    wb.save(dst)
    return dst


DUE_RE = re.compile(r"(\d{4})年(\d{1,2})月底")


def course(period: str, deadline: str) -> dict:
    """The trial's default course of a task (fill_returns.py): on schedule, 已完成 in its month, then kept up."""
    y, m = map(int, period.split("-"))
    now = y * 12 + m
    hit = DUE_RE.search(deadline or "")
    if hit:
        due = int(hit.group(1)) * 12 + int(hit.group(2))
        if now >= due:
            if "长期" in deadline and now > due:
                return {"完成状态": "持续推进", "完成比例": "100%", "进展情况": "阶段任务已完成，按长效机制持续落实。"}
            return {"完成状态": "已完成", "完成比例": "100%", "进展情况": "本项任务已按要求完成。", "佐证材料": EV.format("工作总结")}
        pct = max(10, min(95, round(100 * (now - (2020 * 12 + 6)) / max(1, due - (2020 * 12 + 6)))))
        return {"完成状态": "序时推进", "完成比例": f"{pct}%", "进展情况": f"按计划推进，已完成约{pct}%。"}
    return {"完成状态": "持续推进", "进展情况": f"{m}月按要求持续落实，开展巡查{m + 3}次。"}


def fill_month(issued: Path, inbox: Path, period: str, ours: dict | None, *, self_made: bool = False) -> None:
    """Every unit fills the sheet split issued it (openpyxl, as Excel saves it), dated the 20th; the renamed unit
    fills ``ours`` (or sends nothing); ``self_made``: it copies its sheet into a workbook of its own without the
    unit's name (the clerk then says whose it is with --assign)."""
    y, m = map(int, period.split("-"))
    inbox.mkdir(parents=True)
    for src in sorted(issued.glob("*.xlsx")):
        unit = src.stem.split("_")[1]
        mine = unit in NAMES
        if mine and ours is None:
            continue
        wb = openpyxl.load_workbook(src)
        ws = wb["报送表"]
        cols = header_columns(ws)
        for r in task_rows(ws):
            seq = str(ws.cell(r, 1).value)
            values = course(period, str(ws.cell(r, cols["完成时限"]).value or ""))
            if ws.cell(r, cols["本单位角色"]).value == "配合":
                values["进展情况"] = f"配合牵头单位开展相关工作（{m}月）。"
            if mine:
                state, pct, text, *ask = ours[seq]
                values = {"完成状态": state, "进展情况": text}
                if pct is not None:
                    values["完成比例"] = f"{pct:.0%}"
                if state == "已完成":
                    values["佐证材料"] = EV.format("阶段工作总结")
                if ask:
                    values["申请延期至"], values["延期理由"] = ask
            for h, v in values.items():
                ws.cell(r, cols[h]).value = v
        fr = footer_row(ws)
        ws.cell(fr, 2).value = "张" + unit[1]
        ws.cell(fr, 10).value = dt.date(y, m, 20)
        dst = inbox / src.name
        wb.save(dst)
        if mine and self_made:
            own = inbox / "进展情况.xlsx"
            copy_to_new_workbook(dst, own)
            dst.unlink()
            wb = openpyxl.load_workbook(own)
            wb.active.cell(2, 1).value = f"报送期：{y}年{m}月"      # (no unit named anywhere in it)
            wb.save(own)


def month(root: Path, lst: Path, period: str, ours, *, self_made=False, assign=()) -> dict:
    issued, inbox = root / period / "下发", root / period / "收回"
    run("split", lst, "--period", period, "--date", f"{period}-01", "--out", issued, home=root / "home")
    fill_month(issued, inbox, period, ours, self_made=self_made)
    y, m = map(int, period.split("-"))
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    out = root / period / "汇总.json"
    run("collect", lst, inbox, "--period", period, "--date", last, "--out", root / period / "汇总.xlsx",
        "--json", out, *[x for a in assign for x in ("--assign", a)], home=root / "home")
    return json.loads(out.read_text(encoding="utf-8"))


def month_again(root: Path, lst: Path, period: str) -> dict:
    """``period`` consolidated again, on the list ``lst``, from the returns it was consolidated from."""
    y, m = map(int, period.split("-"))
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
    out = root / period / "重新汇总.json"
    run("collect", lst, root / period / "收回", "--period", period, "--date", last, "--out",
        root / period / "重新汇总.xlsx", "--json", out, home=root / "home")
    return json.loads(out.read_text(encoding="utf-8"))


# --- the oracle: README 「任务状态怎么定」, 「与上期比较」, 「单位怎么排名」, read on the returns as filled ------------

POINTS = {"已完成": 1, "长期坚持": 1, "序时推进": 1, "临期": 1, "进度滞后": 0.5, "逾期": 0, "未报送": 0}


def staged_status(fills: dict, period: str) -> str:
    """Task 12 of the renamed unit (its only answering unit) in ``period``: 「X完成,并长期坚持」."""
    end = dt.date(int(period[:4]), int(period[5:]), 28)
    stage_done = any(fills[p] and fills[p][STAGED][0] == "已完成" for p in fills if p < period)
    now = fills[period][STAGED] if fills.get(period) else None
    if now is None:
        return "未报送" if stage_done or end <= STAGE_DUE else "逾期"              # rules 4 / 3
    if now[0] == "已完成" or stage_done:
        return "长期坚持"                                                           # rules 2 / 7
    return "逾期" if end > STAGE_DUE else "序时推进"                               # rules 3 / 8 (90%: not behind)


def kept_up_status(fills: dict, period: str) -> str:
    return "长期坚持" if fills.get(period) else "未报送"                            # rules 7 / 4


def month_score(fills: dict, period: str) -> float:
    sent = 20 if fills.get(period) else 0
    return sent + 80 * (POINTS[staged_status(fills, period)] + POINTS[kept_up_status(fills, period)]) / 2


def silent_run(fills: dict, period: str) -> list[str]:
    """The consecutive periods up to ``period`` the unit (under either name) sent nothing for."""
    out = []
    for p in sorted((p for p in fills if p <= period), reverse=True):
        if fills[p]:
            break
        out.insert(0, p)
    return out


def cn(period: str) -> str:
    return f"{int(period[:4])}年{int(period[5:])}月"


# --- the two scenarios --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def year_a(tmp_path_factory):
    root = tmp_path_factory.mktemp("renamed_a")
    v1 = root / "永川区整改任务分解表.xlsx"
    v1.write_bytes(LIST001.read_bytes())
    v2 = revise(v1, root / "永川区整改任务分解表_2020年10月修订.xlsx")
    out = {"root": root, "v1": v1, "v2": v2}
    out["2020-09"] = month(root, v1, "2020-09", A["2020-09"], self_made=True, assign=[f"进展情况.xlsx={OLD}"])
    out["2020-10"] = month(root, v2, "2020-10", A["2020-10"])
    return out


@pytest.fixture(scope="module")
def year_b(tmp_path_factory):
    root = tmp_path_factory.mktemp("renamed_b")
    v1 = root / "永川区整改任务分解表.xlsx"
    v1.write_bytes(LIST001.read_bytes())
    v2 = revise(v1, root / "永川区整改任务分解表_2020年10月修订.xlsx")
    out = {"root": root, "v1": v1, "v2": v2}
    for p, ours in B.items():
        out[p] = month(root, v1 if p < REVISED_FROM else v2, p, ours)
    return out


def _task(js: dict, seq: str) -> dict:
    return next(t for t in js["tasks"] if t["seq"] == seq)


def _unit(js: dict, unit: str) -> dict:
    return next(u for u in js["units"] if u["unit"] == unit)


def _pressed(js: dict, unit: str) -> list[str]:
    return [p["task"] for p in js["pressed"].get(unit, [])]


def readme_rows() -> dict[int, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split("### 单位改了名以后", 1)[1].split("\n### ", 1)[0]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\|\s*(\d+)\s*\|\s*(.+?)\s*\|", part, re.M)}


def test_every_readme_row_has_a_case():
    assert sorted(readme_rows()) == sorted(ROW_TESTS), readme_rows()


# row 1: its 已完成 under the old name still counts
def test_row1_its_stage_done_under_the_old_name_still_counts(year_a, year_b):
    for fills, got in ((A, year_a), (B, year_b)):
        for p in fills:
            if p < REVISED_FROM:
                continue
            want = staged_status(fills, p)
            t = _task(got[p], STAGED)
            assert t["status"] == want, (p, t["status"], t["reason"])
            assert (STAGED in _pressed(got[p], NEW)) == (want in ("逾期", "进度滞后")), (p, got[p]["pressed"].get(NEW))
    # the trial's control: task 13, its units not renamed, kept up the same way
    assert _task(year_a["2020-10"], "13")["status"] == "长期坚持"


# row 2: last period's report under the old name is compared with this one's
def test_row2_last_periods_report_is_compared(year_a):
    before, now = A["2020-09"][KEPT_UP], A["2020-10"][KEPT_UP]
    want = set()
    if now[1] < before[1]:
        want.add(("完成比例下降", f"完成比例下降（{NEW}由{before[1]:.0%}降到{now[1]:.0%}）"))
    if now[2] == before[2] and now[0] != "已完成":
        want.add(("进展照抄上期", f"进展照抄上期（{NEW}的进展情况与上期一字不差）"))
    assert len(want) == 2
    got = {(c["kind"], c["text"]) for c in year_a["2020-10"]["changes"].get(KEPT_UP, [])}
    assert got == want


# row 3: months not reported run on across the rename
def test_row3_silent_months_run_on_across_the_rename(year_b):
    for p in ("2020-09", "2020-10"):
        silent = silent_run(B, p)
        name = NEW if p >= REVISED_FROM else OLD
        u = _unit(year_b[p], name)
        assert (u["silent_months"], u["silent_before"]) == (len(silent), silent[:-1]), (p, u)
        # the 汇总's 报送情况 sheet, as the clerk reads it
        ws = openpyxl.load_workbook(year_b["root"] / p / "汇总.xlsx")["报送情况"]
        head = [c.value for c in ws[1]]
        [row] = [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == name]
        assert row["报送情况"] == "未报送"
        want = f"已连续{len(silent)}个月未报送（自{cn(silent[0])}起）" if len(silent) > 1 else ""
        assert want in (row["核对"] or ""), row
    assert len(silent_run(B, "2020-10")) == 2


# row 4: the scores so far and the year's 考核 are one unit's
def test_row4_scores_and_the_year_are_one_units(year_b):
    scores = {p: month_score(B, p) for p in B}
    for p in B:
        row = next(r for r in year_b[p]["ranking"] if r["unit"] in NAMES)
        assert row["score"] == scores[p], (p, row)
        so_far = [scores[q] for q in B if q <= p]
        assert row["ytd"]["score"] == round(sum(so_far) / len(so_far), 1), (p, row["ytd"])
        assert row["ytd"]["months"] == len(so_far)
    root, v2 = year_b["root"], year_b["v2"]
    run("docs", v2, "--year", "2020", "--out", root / "年度文书", home=root / "home", code=(0,))
    ws = openpyxl.load_workbook(root / "年度文书" / "2020年度考核结果.xlsx")["年度考核"]
    head = next(r for r in ws.iter_rows(values_only=True) if r[0] == "名次")
    rows = [dict(zip(head, r)) for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    ours = [r for r in rows if r["单位"] in NAMES]
    assert [r["单位"] for r in ours] == [NEW]
    assert ours[0]["年度得分"] == round(sum(scores.values()) / len(scores), 1)
    assert ours[0]["考核月数"] == len(B)
    better = {r["年度得分"] for r in rows if r["年度得分"] > ours[0]["年度得分"]}
    assert ours[0]["名次"] == 1 + sum(1 for r in rows if r["年度得分"] in better)
    # the summary's 清单调整 says the rename (trial 22: only the 考核 table showed the new name, in no 通报 before);
    # its category table names the first month summed up (July), not 「年初」
    from docx import Document
    summary = Document(root / "年度文书" / "2020年度工作总结.docx")
    text = "\n".join(p.text for p in summary.paragraphs).replace("\u200b", "")
    assert f"单位更名1个（{OLD}更名为{NEW}，{REVISED_FROM[:4]}年{int(REVISED_FROM[5:])}月起按新名称报送，考核按同一单位合并计算）" in text
    # its number: the 通报's 代字 (设置 「通报文号前缀」 永环), the sequence left to fill in (trial 22: 〔2021〕　　号)
    assert summary.paragraphs[1].text == "永环〔2021〕\u3000\u3000号"
    heads = next([c.text for c in t.rows[0].cells] for t in summary.tables if t.rows[0].cells[0].text == "重点任务")
    assert heads[2:4] == [f"{int(min(B)[5:])}月已完成", f"{int(max(B)[5:])}月已完成"], heads      # (July to November)


# row 5: its request for more time, made under the old name, is still its own
def test_row5_its_request_is_still_its_own(year_b, tmp_path):
    asked = next(p for p in B if B[p] and len(B[p][STAGED]) > 3)
    for p in ("2020-10", "2020-11"):
        ext = [e for e in year_b[p]["extensions"] if e.get("task") == STAGED]
        assert [(e["unit"], e["state"], e.get("asked_in")) for e in ext] == [(NEW, "待审批", asked)], (p, ext)
    out = run("extend", year_b["v2"], STAGED, "--period", "2020-11", "--unit", NEW, "--refuse", "--reason",
              "阶段任务已完成，无需延期", "--by", "李明", "--date", "2020-11-30", home=year_b["root"] / "home", code=(0,))
    assert f"不同意{NEW}（{asked}申请）的延期申请" in out, out
    # the clerk consolidates November again on the revised list (in a copy: the other rows read the record as it
    # was): the request is its, decided there (README 「延期」: decided after November's collect, the decision counts
    # from November; the month that asked stays what it reported, still waiting)
    copy = tmp_path / "copy"
    shutil.copytree(year_b["root"], copy, ignore=shutil.ignore_patterns("home"))      # (another computer)
    js = month_again(copy, copy / year_b["v2"].name, "2020-11")
    ext = [e for e in js["extensions"] if e.get("task") == STAGED]
    assert [(e["unit"], e["state"]) for e in ext] == [(NEW, "不同意")], ext
    js = month_again(copy, copy / year_b["v2"].name, asked)
    ext = [e for e in js["extensions"] if e.get("task") == STAGED]
    assert [(e["unit"], e["state"]) for e in ext] == [(NEW, "待审批")], ext


# row 6: a file attributed to it under the old name is still its return
def test_row6_a_file_given_to_it_is_still_its_return(year_a):
    assert _unit(year_a["2020-09"], OLD)["state"] == "已报送"
    # the clerk consolidates September again on the revised list: no --assign this time
    js = month_again(year_a["root"], year_a["v2"], "2020-09")
    assert _unit(js, NEW)["state"] == "已报送"
    [f] = [r for r in js["received"] if r["file"].endswith("进展情况.xlsx")]
    assert (f["unit"], f["status"]) == (NEW, "counted")


# row 7: `history --unit` finds its reports under either name
def test_row7_history_finds_it_under_either_name(year_b):
    for name in NAMES:
        out = run("history", year_b["v2"], "--unit", name, "--task", STAGED, home=year_b["root"] / "home", code=(0,))
        sent = [p for p in B if B[p]]
        for p in sent:
            who = NEW if p >= REVISED_FROM else f"{NEW}（报送时名为{OLD}）"
            assert f"{who}　{cn(p)}　序号{STAGED}" in out, (name, p, out)


ROW_TESTS = {1: test_row1_its_stage_done_under_the_old_name_still_counts,
             2: test_row2_last_periods_report_is_compared, 3: test_row3_silent_months_run_on_across_the_rename,
             4: test_row4_scores_and_the_year_are_one_units, 5: test_row5_its_request_is_still_its_own,
             6: test_row6_a_file_given_to_it_is_still_its_return, 7: test_row7_history_finds_it_under_either_name}


# --- problem 2: the year on the list the July..September months used ------------------------------------

def test_the_year_on_an_earlier_list_stops_naming_the_last_one(year_b):
    root, v1, v2 = year_b["root"], year_b["v1"], year_b["v2"]
    r = CliRunner().invoke(cli, ["docs", str(v1), "--year", "2020", "--out", str(root / "旧清单年度")],
                           env={"ZHISHUI_HOME": str(root / "home")})
    assert r.exit_code == 2, r.output
    used = [p for p in B if p < REVISED_FROM]
    months = cn(used[0]) + "".join(f"、{int(p[5:])}月" for p in used[1:])
    assert f"这一版清单汇总过{months}" in r.output, r.output
    assert f"2020年11月用的是「{v2.resolve()}」" in r.output, r.output
    assert not (root / "旧清单年度").exists()


# --- problem 8: what `history` says where it has no report to show ---------------------------------------

def test_history_of_a_deleted_task_says_when_and_what_it_was(year_b):
    out = run("history", year_b["v2"], "--task", "60", home=year_b["root"] / "home", code=(0,))
    first = out.splitlines()[0]
    assert first.startswith(f"序号60已在{cn(REVISED_FROM)}的清单修订中删除（原任务：「创新投融资政策,引导和吸纳更多社会资本"), first
    assert "责任单位区金融办" in first and "删除前最后一期是2020年9月" in first, first
    assert "区金融办　2020年9月　原序号60（现清单已删除）" in out, out


def test_history_of_a_silent_unit_says_what_the_record_knows(year_b):
    for p in ("2020-09", "2020-10"):
        silent = silent_run(B, p)
        out = run("history", year_b["v2"], "--unit", OLD, "--period", p, home=year_b["root"] / "home", code=(0,))
        # (the name it was expected under that month, as its report rows say: trial 22's 空表 month did not)
        who = NEW if p >= REVISED_FROM else f"{NEW}（报送时名为{OLD}）"
        want = f"{who}{cn(p)}未报送" + (f"（已连续{len(silent)}个月未报送，自{cn(silent[0])}起）" if len(silent) > 1 else "")
        assert want + "，历史记录里没有它那期的报送内容" in out, out
    # a unit with no task in a period (区金融办, its only task deleted in October) was not asked for one
    out = run("history", year_b["v2"], "--unit", "区金融办", "--period", "2020-10", home=year_b["root"] / "home",
              code=(0,))
    assert "区金融办在2020年10月不是应报单位（那期的清单没有它的任务）" in out, out
