"""「已连续N个月未报送」 for a unit that is never ranked (session 20's browser trial).

The trial's 共青团某市委员会 (团市委) answered neither November nor December 2026. It is only 责任 (with a 牵头单位) or
配合 on its tasks, so it is never ranked, and the run of silent months was read from the ranking table only: the
December 催报 and 通报 named 「市审计局（已连续2个月未报送）」 and listed 团市委 without the note. README 「谁被催报」:
every 应报 unit silent the month before as well is said to be so, ranked or not — in the 催报, 催报消息, 督办, 通报,
命令行摘要, 汇总 (概况, 报送情况) and the web page, from one count; a unit that had no task the month before (here
市公安局, given one when the list was revised in December) is not.

Real files: the list written with openpyxl as a clerk's Excel list, split by zhishui, filled as units fill their
returns, collected with the command line (SQLite history) and on the web desk (its own inbox, the Flask app), read
back with python-docx and openpyxl.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from docx import Document

from returns_factory import fill_return
from zhishui.cli import cli

TSW, SJ, GA = "共青团某市委员会", "市审计局", "市公安局"
# 序号, 具体举措, 完成时限, 牵头, 责任, 配合 (the trial's list, cut down)
TASKS = [
    (1, "强化宣传教育：开展“河小青”志愿服务", "2026年11月30日", "市委宣传部", "市教育体育局、团市委", ""),
    (2, "全面推行自然资源资产离任审计", "2026年11月30日", "市审计局", "", "市河长办"),
    (3, "完成“一河一档”“一河一策”修编", "2026年12月20日", "市河长办", "", "团市委"),
    (4, "持续推进城乡生活污水治理", "2027年6月底", "市住建局", "", ""),
]
ADDED = (5, "开展河道非法采砂专项整治行动", "2026年12月31日前", "市水利局", "市公安局", "")   # December's revision
UNITS = [("市河长制办公室", "市河长办"), (SJ, ""), ("市委宣传部", ""), ("市教育体育局", ""), (TSW, "团市委"),
         ("市住房和城乡建设局", "市住建局"), ("市水利局", ""), (GA, "")]
SENDERS = ["市河长制办公室", "市委宣传部", "市教育体育局", "市住房和城乡建设局", "市水利局"]


def write_list(path: Path, revised: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"])
    for t in TASKS + ([ADDED] if revised else []):
        ws.append(list(t))
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "简称/别名", "联系人", "联系电话"])
    for i, (name, alias) in enumerate(UNITS, 1):
        d.append([name, alias, f"联系人{i}", f"0792-100000{i}"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    for k, v in (("方案名称", "某市2026年河湖长制重点任务"), ("汇总单位", "市河长制办公室"), ("发文机关", "某市河长制办公室"),
                 ("成文日期", dt.datetime(2026, 1, 10))):
        s.append([k, v])
    wb.save(path)
    return path


def fill(issued: dict, unit: str, box: Path, period: str) -> Path:
    on = dt.date(int(period[:4]), int(period[5:]), 20)
    return fill_return(issued[unit], box / f"{unit}.xlsx", unit, report_date=on, mtime=None).path


def invoke(*args) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in (0, 1), r.output + str(r.exception)
    return r.output


def docx_text(path: Path) -> str:
    doc = Document(path)
    return "\n".join([p.text for p in doc.paragraphs]
                     + ["|".join(c.text for c in row.cells) for t in doc.tables for row in t.rows])


MONTHS = (("2026-11", "2026-11-25", "2026-12-05"), ("2026-12", "2026-12-25", "2026-12-28"))


def test_a_unit_never_ranked_is_said_to_be_silent_two_months_running(tmp_path):
    lst = tmp_path / "某市河湖长制重点任务责任清单.xlsx"
    out = {}
    for period, due, on in MONTHS:
        write_list(lst, revised=period == "2026-12")     # the clerk revises the list for December
        invoke("split", lst, "--period", period, "--out", tmp_path / f"下发{period}")
        issued = {p.stem.split("_")[1]: p for p in (tmp_path / f"下发{period}").glob("*.xlsx")}
        box = tmp_path / f"收到{period}"
        box.mkdir()
        for unit in SENDERS:
            if unit in issued:
                fill(issued, unit, box, period)
        common = [lst, box, "--period", period, "--due", due, "--date", on]
        summary = invoke("collect", *common, "--out", tmp_path / period / "汇总结果.xlsx",
                         "--json", tmp_path / period / "汇总结果.json")
        invoke("docs", *common, "--out", tmp_path / period / "文书")
        out[period] = summary
    dec = tmp_path / "2026-12"
    # the command line's summary and the 概况
    line = next(x for x in out["2026-12"].splitlines() if x.startswith("未报送单位"))
    assert f"{SJ}（连续2个月）" in line and f"{TSW}（连续2个月）" in line and f"{GA}（连续" not in line, line
    wb = openpyxl.load_workbook(dec / "汇总结果.xlsx")
    overview = " ".join(str(c) for r in wb["概况"].iter_rows(values_only=True) for c in r if c)
    assert f"{TSW}（连续2个月）" in overview
    # 报送情况: the 核对 column says it beside the unit, as the web page does
    sheet = wb["报送情况"]
    head = [c.value for c in sheet[1]]
    check = {r[0]: r[head.index("核对")] or "" for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert check[TSW].startswith("已连续2个月未报送（自2026年11月起）"), check
    assert check[SJ].startswith("已连续2个月未报送（自2026年11月起）")
    assert "连续" not in check[GA]
    # the 催报通知 (both named together), each unit's 催报消息, the 通报
    chase = docx_text(next((dec / "文书" / "催报通知").glob("催报通知*.docx")))
    assert f"{SJ}、{TSW}已连续2个月未报送" in chase, chase
    msgs = (dec / "文书" / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    own = {m.split("：", 1)[0]: m for m in re.findall(r"【催报提醒】(.+)", msgs)}
    assert "你单位已连续2个月（自2026年11月起）未报送" in own[TSW]
    assert "连续" not in own[GA]
    bulletin = docx_text(next((dec / "文书").rglob("*通报*.docx")))
    assert f"{TSW}（已连续2个月未报送）" in bulletin and f"{SJ}（已连续2个月未报送）" in bulletin
    assert f"{GA}（已连续" not in bulletin
    # the 督办通知 to 市审计局 (task 2 overdue, nothing sent) says it too
    press = docx_text(next((dec / "文书" / "督办通知").glob(f"*{SJ}*.docx")))
    assert "已连续2个月未报送" in press
    # the JSON: one count
    j = json.loads((dec / "汇总结果.json").read_text(encoding="utf-8"))
    units = {u["unit"]: u for u in j["units"]}
    assert TSW not in {s["unit"] for s in j["ranking"]}          # the case: never ranked
    assert {u: units[u]["silent_months"] for u in (TSW, SJ, GA)} == {TSW: 2, SJ: 2, GA: 1}
    assert units[TSW]["silent_before"] == ["2026-11"] and units[GA]["silent_before"] == []
    # November: a first silent month is said as no run
    assert "连续" not in next(x for x in out["2026-11"].splitlines() if x.startswith("未报送单位"))


def _csrf(resp) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)


def test_the_web_page_says_it_too(tmp_path):
    from zhishui.web.app import create_app
    app = create_app(tmp_path / "data", setup_code="TRIAL013", public_url="http://10.0.0.8:8765", testing=True)
    c = app.test_client()
    tok = _csrf(c.get("/setup"))
    c.post("/setup", data={"csrf_token": tok, "code": "TRIAL013", "name": "办事员", "password": "p" * 10,
                           "again": "p" * 10})
    tok = _csrf(c.get("/list"))
    for period, due, on in MONTHS:
        (tmp_path / f"清单{period}").mkdir()
        lst = write_list(tmp_path / f"清单{period}" / "某市河湖长制重点任务责任清单.xlsx", revised=period == "2026-12")
        r = c.post("/list", data={"csrf_token": tok, "list": (lst.open("rb"), lst.name)},
                   content_type="multipart/form-data")
        assert r.status_code == 302
        assert c.post("/periods/new", data={"csrf_token": tok, "period": period, "due": due}).status_code == 302
        issued_dir = tmp_path / f"下发{period}"
        with zipfile.ZipFile(io.BytesIO(c.get(f"/p/{period}/returns.zip").data)) as z:
            z.extractall(issued_dir)
        issued = {p.stem.split("_")[1]: p for p in issued_dir.rglob("*.xlsx")}
        box = tmp_path / f"收到{period}"
        box.mkdir()
        files = [fill(issued, u, box, period) for u in SENDERS if u in issued]
        r = c.post(f"/p/{period}/files", data={"csrf_token": tok, "files": [(p.open("rb"), p.name) for p in files]},
                   content_type="multipart/form-data")
        assert r.status_code == 302
        assert c.post(f"/p/{period}/docs", data={"csrf_token": tok, "report_date": on}).status_code == 302
    page = c.get("/p/2026-12").get_data(as_text=True)
    rows = {m.group(1): m.group(0)
            for m in re.finditer(r"<tr class=\"state-\w+\"><td>([^<]+)</td>.*?</tr>", page, re.S)}
    assert "已连续2个月未报送（自2026年11月起）" in rows[TSW], rows[TSW]
    assert "已连续2个月未报送（自2026年11月起）" in rows[SJ]
    assert "连续" not in rows[GA]
    app.config["STORE"].close()
