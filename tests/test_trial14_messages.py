"""Trial 14 (session 20): messages that were not true of the month as it stood.

教体局 uploaded v1 (counted, 按时报送), then v2 (cut off by a killed server), then a 1.6 MB workbook whose 附表 reaches
A22000 (too many cells: 无法读取).  The month adopted v1 (``collect.adopted_of``), yet

- the 异常清单's TOO_LARGE row (and CORRUPT for a cut workbook) still said 「按「无法读取」催报」 of a unit not chased;
- the unreadable upload's 回执 said 「本期现在按…v1 汇总，不按这一份」 and, below, 「以收到最晚的一份为准」;
- the unit's page showed v2 only as 「上传中断，未确认收到」, not the README's 「…不算本期报送，请重新上传」, because a later
  upload came after it.

Files are made as units make them: the server's issued return filled with openpyxl, a copy cut short as an upload
that stopped leaves it, an appendix sheet reaching far down.  The desk is a real ``zhishui serve`` app; the cut-off
upload is recorded by the workspace's own recovery (``record_interrupted``), as a restart after a kill does."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import re

import pytest

from conftest import LIST001
from returns_factory import fill_return, with_far_sheet
from zhishui.findings import ERROR
from zhishui.month import run_month
from zhishui.tasks import load_list
from web_helpers import issued_sheet, open_period_desk

CODE = "TRIAL014"
WATER, FARM, LONE = "区水利局", "区农业农村委", "区城市管理局"


@pytest.fixture
def desk(tmp_path):
    """The 永川 list with 2020-12 open and due in ten days: uploads now are on time."""
    with open_period_desk(tmp_path / "data", CODE) as d:
        yield d


def _path(link: str) -> str:
    from urllib.parse import urlsplit
    return urlsplit(link).path


def _page(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def _upload(c, link: str, name: str, data: bytes) -> str:
    page = c.get(_path(link)).get_data(as_text=True)
    tok = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = c.post(_path(link) + "/upload", data={"csrf_token": tok, "file": (io.BytesIO(data), name)},
               content_type="multipart/form-data")
    assert r.status_code == 303
    return r.headers["Location"]


def _interrupted(ws, period, unit: str, name: str, data: bytes):
    """An upload whose server stopped while reading it: stored, journalled, then recorded on restart as the
    workspace's recovery does (``Workspace.record_interrupted``, what ``recover`` calls for a dead server's entry)."""
    when = dt.datetime.now()
    stored = ws.files.put(data, ".xlsx")
    return ws.record_interrupted({"receipt_no": ws.new_receipt_no(when), "period_id": period["id"], "unit": unit,
                                  "via": "链接", "sha256": stored.sha256, "size": len(data), "suffix": ".xlsx",
                                  "original_name": name, "received_at": when.isoformat()})


def test_desk_messages_follow_the_file_the_month_adopts(desk, tmp_path):
    app, ws, store, period = desk
    links = ws.links(period)
    c = app.test_client()
    v1 = fill_return(issued_sheet(ws, WATER), tmp_path / "水利局_v1.xlsx", WATER).path
    v2 = fill_return(issued_sheet(ws, WATER), tmp_path / "水利局_v2.xlsx", WATER,
                     values=lambda i, seq, u: {"完成状态": "序时推进", "完成比例": 0.6, "进展情况": "第二版"}).path
    big = with_far_sheet(fill_return(issued_sheet(ws, WATER), tmp_path / "水利局_big.xlsx", WATER).path)
    _upload(c, links[WATER], v1.name, v1.read_bytes())
    cut_off = _interrupted(ws, period, WATER, v2.name, v2.read_bytes())
    big_receipt = _upload(c, links[WATER], big.name, big.read_bytes())
    # 农业农村委: a return, then the same cut in half (an upload that stopped half way): CORRUPT
    farm = fill_return(issued_sheet(ws, FARM), tmp_path / "农业农村委.xlsx", FARM).path
    _upload(c, links[FARM], farm.name, farm.read_bytes())
    _upload(c, links[FARM], "农业农村委_更正.xlsx", farm.read_bytes()[: farm.stat().st_size // 2])
    # 城市管理局: only the cut copy: it is 无法读取 and chased as such
    lone = fill_return(issued_sheet(ws, LONE), tmp_path / "城市管理局.xlsx", LONE).path
    _upload(c, links[LONE], lone.name, lone.read_bytes()[: lone.stat().st_size // 2])

    m = ws.month(store.period("2020-12"))
    state = {u.unit: u.state for u in m.units}
    assert state[WATER] == state[FARM] == "已报送" and state[LONE] == "无法读取"
    by_unit = {}
    for a in m.anomalies:
        if a.code in ("TOO_LARGE", "CORRUPT"):
            unit = re.search(r"文件对应单位「([^」]+)」", a.message).group(1)
            by_unit[unit] = a
    assert set(by_unit) == {WATER, FARM, LONE}
    # the 异常清单: who is chased is what the month says; a unit counted on its other return is not
    for unit in (WATER, FARM):
        a = by_unit[unit]
        assert "按「无法读取」催报" not in a.message, a.message
        assert "该单位另有采用的报送表" in a.message and "不催报" in a.message, a.message
        assert a.severity != ERROR
    assert by_unit[WATER].code == "TOO_LARGE" and by_unit[FARM].code == "CORRUPT"
    assert "按「无法读取」催报" in by_unit[LONE].message and by_unit[LONE].severity == ERROR
    # the unit's page: v2, cut off, says what it means though an upload came after it
    page = _page(c.get(_path(links[WATER])).get_data(as_text=True))
    line = next(ln for ln in page.splitlines() if ln.startswith("回执 ") and cut_off["receipt_no"] in ln)
    assert "上传中断，未确认收到" in line and "不算本期报送" in line, line
    assert f"本期仍按之前收到的「{v1.name}」汇总" in line and "请重新上传" in line, line
    # the rule of which file counts, in the same words on the page and the receipt, never 「以最后一次为准」
    from zhishui import collect
    words = getattr(collect, "ADOPTION_WORDS", "（the rule's one wording）")
    assert "以最后一次为准" not in page and words in page and "填了内容的" in words
    receipt = _page(c.get(big_receipt).get_data(as_text=True))
    assert "无法读取" in receipt and "不按这一份" in receipt
    assert "以收到最晚的一份为准" not in receipt and words in receipt, receipt
    assert "文件对应单位" not in receipt                # the clerk's note, not the unit's


def test_an_interrupted_upload_followed_by_an_adopted_one_is_not_asked_again(desk, tmp_path):
    """v2 cut off, then v3 counted: the page says v3 is what counts, not 「请重新上传」 (which it did)."""
    app, ws, store, period = desk
    links = ws.links(period)
    c = app.test_client()
    v2 = fill_return(issued_sheet(ws, WATER), tmp_path / "水利局_v2.xlsx", WATER).path
    v3 = fill_return(issued_sheet(ws, WATER), tmp_path / "水利局_v3.xlsx", WATER,
                     values=lambda i, seq, u: {"完成状态": "序时推进", "完成比例": 0.7, "进展情况": "第三版"}).path
    cut_off = _interrupted(ws, period, WATER, v2.name, v2.read_bytes())
    page = _page(c.get(_path(links[WATER])).get_data(as_text=True))
    line = next(ln for ln in page.splitlines() if cut_off["receipt_no"] in ln and ln.startswith("回执 "))
    assert line.endswith("不算本期报送，请重新上传"), line
    _upload(c, links[WATER], v3.name, v3.read_bytes())
    page = _page(c.get(_path(links[WATER])).get_data(as_text=True))
    line = next(ln for ln in page.splitlines() if cut_off["receipt_no"] in ln and ln.startswith("回执 "))
    assert f"不算本期报送（本期按之后收到的「{v3.name}」汇总）" in line and "请重新上传" not in line, line


def test_command_line_notes_on_unreadable_files_follow_the_adopted_file(tmp_path):
    """The same over e-mailed files in a folder (收件记录 giving the times): the cut copy sent after the return says
    the unit counts on its return; sent after a blank return, the unit is chased as 空表 and the note says so."""
    from zhishui.split import split_returns
    tl = load_list(LIST001)
    issued = {f.unit: f.path for f in split_returns(tl, dt.date(2020, 11, 1), tmp_path / "下发")}
    inbox = tmp_path / "收回"
    inbox.mkdir()
    full = fill_return(issued[WATER], inbox / "水利局.xlsx", WATER).path
    (inbox / "水利局_更正.xlsx").write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    blank = inbox / "农业农村委.xlsx"
    blank.write_bytes(issued[FARM].read_bytes())
    (inbox / "农业农村委_更正.xlsx").write_bytes(full.read_bytes()[: full.stat().st_size // 3])
    with open(inbox / "收件记录.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["文件", "单位", "收到时间"])
        w.writerow(["水利局.xlsx", WATER, "2020-11-20 09:00"])
        w.writerow(["水利局_更正.xlsx", WATER, "2020-11-21 09:00"])
        w.writerow(["农业农村委.xlsx", FARM, "2020-11-20 09:00"])
        w.writerow(["农业农村委_更正.xlsx", FARM, "2020-11-21 09:00"])
    m = run_month(tl, [inbox], dt.date(2020, 11, 1), dt.date(2020, 11, 30), due=dt.date(2020, 11, 25),
                  use_history=False)
    state = {u.unit: u.state for u in m.units}
    assert state[WATER] == "已报送" and state[FARM] == "空表"
    notes = {a.file: a.message for a in m.anomalies if a.code == "CORRUPT"}
    water = next(v for k, v in notes.items() if "水利局_更正" in k)
    farm = next(v for k, v in notes.items() if "农业农村委_更正" in k)
    assert "按「无法读取」催报" not in water and "该单位另有采用的报送表" in water and "不催报" in water, water
    assert "按「无法读取」催报" not in farm and "农业农村委.xlsx」按「空表」算" in farm, farm
    digest = hashlib.sha256(blank.read_bytes()).hexdigest()      # the blank one is the issued sheet, untouched
    assert digest == hashlib.sha256(issued[FARM].read_bytes()).hexdigest()
