"""README 「随时查」 on the browser desk: the 「查询」 page answers what ``zhishui history`` answers, from the same
``historyquery.ask`` over the same history, in the page's words (session 23: a clerk on a WPS machine could not say what
卫辉市 reported for task 6 in March, who approved a 销号, whether 区水利局 reported these three months, or what task 9
was before the list revision).

The desk is tests/history_desk.py's three months (a close-out approved then returned, an extension agreed, a unit
silent two months running, a blank sheet, a task deleted and a unit renamed in a revision), on SQLite and on a real
PostgreSQL.  For each question the command line is run over the desk's own list, 名录 and history: its JSON must be
the rows the page's function returns, its lines the engine's lines of those rows, and the page's text must hold each
line's facts; the file a report came from is the name it was uploaded under, never the server's inbox path."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from decisions_desk import AGREED_4, BY, GA, GX, HB, MONTH_1, NY, SL, ZJ, text_of_html
from history_desk import BEFORE, DELETED, GX_NEW, P0, P1, P1_DAY, P2, RETURNED, build, cn
from zhishui.cli import cli
from zhishui.web.app import create_app

CODE = "QUERY001"


@pytest.fixture(params=["sqlite", "postgresql"])
def desk(request, tmp_path):
    db = None
    if request.param == "postgresql":
        from pgserver import fresh_database
        db = fresh_database(request.getfixturevalue("pg_server"), f"query_{abs(hash(request.node.nodeid)) % 10 ** 9}")
    app = create_app(tmp_path / "data", db, setup_code=CODE, testing=True)
    c = app.test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/setup").get_data(as_text=True)).group(1)
    c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 10, "again": "p" * 10})
    d = build(app, tmp_path / "files")
    d.update(c=c, db=db, home=tmp_path / "home")
    yield d
    app.config["STORE"].close()


def history_cli(d, *args, code=(0,)) -> str:
    """``zhishui history`` over the desk's current list and 名录, on the desk's history (its database on PostgreSQL)."""
    r = CliRunner().invoke(cli, ["history", str(d["list"]), "--directory", str(d["directory"]),
                                 "--history", str(d["ws"].history_folder), *(["--db", d["db"]] if d["db"] else []),
                                 *args], env={"ZHISHUI_HOME": str(d["home"])})
    assert r.exit_code in code, r.output + repr(r.exception)
    return r.output


def facts(row: dict) -> list[str]:
    """What one row says, piece by piece, as the page must show it (the 出处 apart: the page names the upload)."""
    from zhishui.historyquery import describe
    x = describe(row)
    out = [x["who"], x["month"]]
    if "absent" in x:
        return out + [x["absent"]]
    if "empty" in x:
        return out + [x["empty"]]
    out += [x["task"], x["status"], x["said"], *[p for pair in x["texts"] for p in pair]]
    out += [x["role"]] if x["role"] else []
    out += [x["extension"]] if x["extension"] else []
    return out + [f"{kind}：{text}" for kind, text in x["decisions"]]


def same(d, **asked) -> tuple[list, str]:
    """(rows, the page's text) of one question, checked the same on the command line and on the page."""
    from zhishui.historyquery import lines
    args = [a for k, v in asked.items() for a in (f"--{k}", v)]
    cli_rows = json.loads(history_cli(d, *args, "--json"))
    web = d["ws"].ask_history(**asked)
    assert json.loads(json.dumps(web["rows"], ensure_ascii=False, default=str)) == cli_rows
    said = [web["said"]] if web["said"] else []
    assert history_cli(d, *args).splitlines() == said + lines(web["rows"], web["asked"])
    resp = d["c"].get("/query", query_string=asked)
    assert resp.status_code == 200
    page = text_of_html(resp.get_data(as_text=True))
    for line in said + ([web["rows"].note] if web["rows"].note else []):
        assert line in page, (line, page)
    for r in web["rows"]:
        for fact in facts(r):
            assert fact in page, (fact, page)
        if r["file"]:           # the name the unit uploaded it under, and its receipt: not the server's inbox path
            receipt = r["file"].rsplit("_", 1)[-1].split(".")[0]
            assert f"回执{receipt}" in page
    assert "收到/网页上传" not in page and "zhishui" not in page and not re.search(r"--[a-z]", page), page
    return web["rows"], page


def test_the_query_page_answers_as_the_command_line(desk):
    # one unit, one task, one month; the unit typed short, said how it was taken
    rows, page = same(desk, unit="住建局", task="1", period=P0)
    assert "单位「住建局」按「市住房和城乡建设局」查" in page
    [r] = rows
    assert (r["unit"], r["state"], r["evidence"]) == (ZJ, "已完成", MONTH_1[ZJ]["1"]["佐证材料"])
    assert f"「{P0}_{ZJ}报送表.xlsx」（单位通过报送链接上传，回执" in page
    # the close-out approved, then the approval returned: both, who and when, the reason
    assert [(x["decision"], x["by"], x["reason"]) for x in r["decisions"]] == [("批准", BY, None), ("退回", BY, RETURNED)]
    assert f"{P0}报送的完成情况由{BY}于" in page and f"退回销号，理由：{RETURNED}" in page

    # the same task over every month and unit
    rows, page = same(desk, task="1")
    assert [x["period"] for x in rows] == [P0, P1, P2] and {x["closeout"] for x in rows} == {"退回"}

    # a unit over every month: the months it sent nothing said, with the months running
    rows, page = same(desk, unit=SL)
    assert [(x["period"], bool(x.get("absent"))) for x in rows] == [(P0, False), (P1, True), (P2, True)]
    assert f"{SL}{cn(P1)}未报送，历史记录里没有它那期的报送内容" in page
    assert f"{SL}{cn(P2)}未报送（已连续2个月未报送，自{cn(P1)}起）" in page
    assert "查到 1 条报送；2 个报送期没有报送内容" in page
    # a blank sheet
    rows, page = same(desk, unit=GA)
    assert [x["period"] for x in rows if x.get("empty")] == [P1]
    assert f"{cn(P1)} {GA} 报来的是空表（一项都没有填写）" in page

    # the extension agreed: who, when, to what date
    rows, page = same(desk, unit=NY, task="4")
    assert f"延期：{NY}{P0}的申请由{BY}于" in page and f"同意，调整为{AGREED_4.isoformat()}" in page

    # the latest month's close-out still waiting: the page says where on the desk it is decided
    rows, page = same(desk, unit=HB, task="2", period=P2)
    assert rows[0]["closeout"] == "待销号"
    assert f"待办理：到{cn(P2)}的「销号和延期」页办理销号" in page
    assert f'href="/p/{P2}/decisions"' in desk["c"].get("/query", query_string={"unit": HB, "task": "2"}).get_data(as_text=True)

    # a task deleted in the list's revision: which revision, what it was, its reports before
    rows, page = same(desk, task=DELETED)
    assert page.count("原序号7（现清单已删除）") == 2 and [x["period"] for x in rows] == [P0, P1]
    assert f"序号7已在{cn(P2)}的清单修订中删除（原任务：「完成12个乡镇污水处理设施提标改造」" in page
    assert "牵头单位市住房和城乡建设局" in page and f"删除前最后一期是{cn(P1)}" in page

    # a unit renamed in the revision, asked by its old name: today's name, the one it reported under
    rows, page = same(desk, unit=GX)
    assert f"单位「{GX}」按「{GX_NEW}」查" in page
    assert f"{GX_NEW}（报送时名为{GX}）" in page and [x["period"] for x in rows] == [P0, P1, P2]

    # the page leads to the query from the 往期 page and the navigation
    past = desk["c"].get("/history").get_data(as_text=True)
    assert 'href="/query"' in past and "到「查询」页查" in text_of_html(past)


def test_the_command_line_says_the_months_a_unit_sent_nothing(desk):
    """Asked of a unit over every month, the months it sent nothing are answered too (they were left out: 「has 区水利局
    reported these three months」 was answered by its one report); a unit the list does not have names the nearest."""
    out = history_cli(desk, "--unit", SL).splitlines()
    assert out[0] == f"{SL}　{cn(P0)}　序号5（本期状态：逾期，时限{P1_DAY:%Y-%m-%d}）", out
    assert out[-2:] == [f"{SL}{cn(P1)}未报送，历史记录里没有它那期的报送内容",
                        f"{SL}{cn(P2)}未报送（已连续2个月未报送，自{cn(P1)}起），历史记录里没有它那期的报送内容"], out
    out = history_cli(desk, "--unit", "市水务局", code=(2,))
    assert f"清单里没有单位「市水务局」，名称相近的有：{SL}" in out and f"请写 --unit {SL}" in out


def test_bad_questions_are_said_on_the_page(desk):
    c = desk["c"]

    def page_of(**q) -> str:
        resp = c.get("/query", query_string=q)
        assert resp.status_code == 200, resp.status_code
        return text_of_html(resp.get_data(as_text=True))

    # a 序号 not in the list: the command line and the page say the same, the page without the command's words
    out = history_cli(desk, "--task", "99", code=(2,))
    assert "清单里没有序号为「99」的任务" in out
    page = page_of(task="99")
    assert "清单里没有序号为「99」的任务。现在的清单有6项任务（序号1至6），请在「任务序号」里选" in page and "查到" not in page
    # a unit the list does not have: the nearest names, and what to do on the page
    out = history_cli(desk, "--unit", "市水务局", code=(2,))
    assert f"清单里没有单位「市水务局」，名称相近的有：{SL}" in out and "--unit" in out
    page = page_of(unit="市水务局")
    assert f"清单里没有单位「市水务局」，名称相近的有：{SL}。是其中一个的，请在「单位」里选它" in page
    page = page_of(unit="市")
    assert "「市」可能是几个单位" in page and "请在「单位」里选一个" in page and "--unit" not in page
    # a month never collected
    out = history_cli(desk, "--period", BEFORE)
    assert f"历史记录里没有{cn(BEFORE)}的汇总结果（已汇总的报送期：{P0}、{P1}、{P2}）" in out
    page = page_of(period=BEFORE)
    assert f"历史记录里没有{cn(BEFORE)}的汇总结果（已汇总的报送期：{P0}、{P1}、{P2}）" in page
    assert "打开它的「报送情况」页就汇总了" in page
    page = page_of(period="2026年13月")
    assert "「2026年13月」不是报送期" in page
    for p in (page_of(task="99"), page_of(unit="市水务局"), page_of(period=BEFORE)):
        assert "Traceback" not in p and "程序内部出错" not in p and not re.search(r"--[a-z]", p)
