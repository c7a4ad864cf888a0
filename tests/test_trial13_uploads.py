"""Trial 13, uploads (a new user's month on ``zhishui serve`` with PostgreSQL, two clerks, ten units uploading at once):
a damaged workbook taken for an unknown kind of file, unit pages that contradicted the month, a refused 25 MB
upload that nobody but the unit saw.

Every file is made as units make them: the server's own return sheet filled with openpyxl, saved as .xls by
LibreOffice, zipped; then cut short as an upload or a copy that stopped leaves it.  Every check reads what the
server wrote (the rows, the pages as HTML, the month) against what the test did."""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from pathlib import Path

import pytest

from conftest import LIST001, office_convert
from returns_factory import fill_return, with_far_sheet
from zhishui.month import run_month
from zhishui.tasks import load_list
from zhishui.web.app import create_app
from web_helpers import issued_sheet, open_period_desk

CODE = "TRIAL013"
NOV, DUE, REPORT = dt.date(2020, 11, 1), dt.date(2020, 11, 25), dt.date(2020, 11, 30)


@pytest.fixture
def desk(tmp_path):
    """A desk with the 永川 list and the 2020-11 period open (due 11-25)."""
    app = create_app(tmp_path / "data", setup_code=CODE, testing=True)
    ws = app.config["WORKSPACE"]
    ws.add_list(LIST001.name, LIST001.read_bytes(), "办事员")
    period = ws.start_period("2020-11", DUE, None)
    yield app, ws, app.config["STORE"], period
    app.config["STORE"].close()


def _page(html_text: str) -> str:
    """A page's words, as the unit reads them."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def _cut(data: bytes) -> bytes:
    """Half of the file: an upload, or a copy, that stopped half way (the trial's 审计局_损坏.xlsx)."""
    return data[: len(data) // 2]


def _damaged_files(ws, tmp_path) -> dict[str, tuple[str, bytes]]:
    """unit -> (name, bytes): a filled .xlsx cut in half; a filled return saved as .xls by LibreOffice, cut; the
    same saved as WPS's .et (an .xls by content), cut; a zip of a filled return, cut."""
    out = {}
    x = fill_return(issued_sheet(ws, "区水利局", "2020-11"), tmp_path / "区水利局.xlsx", "区水利局").path
    out["区水利局"] = ("区水利局_报送表.xlsx", _cut(x.read_bytes()))
    y = fill_return(issued_sheet(ws, "区农业农村委", "2020-11"), tmp_path / "区农业农村委.xlsx", "区农业农村委").path
    xls = office_convert(y, "xls", tmp_path / "xls")
    out["区农业农村委"] = ("区农业农村委.xls", _cut(xls.read_bytes()))
    z = fill_return(issued_sheet(ws, "区城市管理局", "2020-11"), tmp_path / "区城市管理局.xlsx", "区城市管理局").path
    et = office_convert(z, "xls", tmp_path / "et")
    out["区城市管理局"] = ("区城市管理局.et", _cut(et.read_bytes()))
    w = fill_return(issued_sheet(ws, "区河长办", "2020-11"), tmp_path / "区河长办.xlsx", "区河长办").path
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(w, w.name)
    out["区河长办"] = ("区河长办.zip", _cut(buf.getvalue()))
    return out


# --- problem 3: a damaged workbook is 无法读取, said as damaged --------------------------------------------------

def test_a_damaged_workbook_is_unreadable_said_as_damaged_on_the_receipt_the_month_and_the_command_line(desk, tmp_path):
    """Trial 13: half of a real .xlsx uploaded; the receipt, 核对, the 异常清单 and the chase all said 「这个文件是未知
    类型的文件，不是报送表」 and the unit counted as 未报送.  The README puts a damaged file under 无法读取: the unit is
    asked to send it again because the file is damaged.  So too a cut .xls, .et and zip, and on the command line."""
    app, ws, store, period = desk
    files = _damaged_files(ws, tmp_path)
    c = app.test_client()
    links = ws.links(period)
    for unit, (name, data) in files.items():
        r = c.post(_path(links[unit]) + "/upload",
                   data={"csrf_token": _csrf_of(c, links[unit]), "file": (io.BytesIO(data), name)},
                   content_type="multipart/form-data")
        assert r.status_code == 303, unit
        receipt = _page(c.get(r.headers["Location"]).get_data(as_text=True))
        assert "无法读取" in receipt and "已损坏" in receipt, (unit, receipt)
        assert "未知类型" not in receipt and "未能采用" not in receipt
        assert "重新" in receipt and "按「无法读取」催报" not in receipt and "请让" not in receipt   # said to the unit
        assert "没有填写的任务" not in receipt            # nothing was read: no task is 'not filled'
        row = store.uploads(period["id"], unit=unit)[-1]
        assert row["accepted"]
    m = ws.month(store.period("2020-11"), REPORT)
    state = {u.unit: u for u in m.units}
    for unit in files:
        assert state[unit].state == "无法读取", unit
    damaged = [a for a in m.anomalies if a.code in ("CORRUPT", "CORRUPT_ARCHIVE")]
    assert len(damaged) == len(files) and all("已损坏" in a.message for a in damaged)
    assert not [a for a in m.anomalies if a.code == "UPLOAD_REFUSED"]
    # the chase says the file could not be read, never that nothing came
    from zhishui.generators.contexts import chase_message
    from zhishui.generators.month_documents import chase_context
    msg = chase_message(chase_context(m), "区水利局")
    assert "报来的文件无法打开（文件已损坏），请重新报送" in msg and "尚未收到" not in msg     # (the reason found: session 25)
    # the command line, over the same files in a folder, says the same of each
    inbox = tmp_path / "收到"
    inbox.mkdir()
    for unit, (name, data) in files.items():
        (inbox / f"{unit}_{name}").write_bytes(data)
    cli = run_month(load_list(LIST001), [inbox], NOV, REPORT, due=DUE, use_history=False, allow_empty=True)
    cli_state = {u.unit: u.state for u in cli.units}
    assert all(cli_state[u] == "无法读取" for u in files), cli_state
    words = [a.message for a in cli.anomalies if a.code in ("CORRUPT", "CORRUPT_ARCHIVE")]
    assert len(words) == len(files) and all("已损坏" in w for w in words), words


def _path(link: str) -> str:
    from urllib.parse import urlsplit
    return urlsplit(link).path


def _csrf_of(c, link: str) -> str:
    page = c.get(_path(link)).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


# --- problem 4: a refused 25 MB upload is kept and shown to the clerk ------------------------------------------

def _too_big_return(ws, tmp_path) -> Path:
    """A filled return with a photo pasted into it (a 21 MB noise image: a scan as units paste them), saved by
    openpyxl: over the 20 MB a return may be."""
    import os
    import openpyxl
    from openpyxl.drawing.image import Image as XlImage
    from PIL import Image
    filled = fill_return(issued_sheet(ws, "区司法局", "2020-11"), tmp_path / "区司法局_带照片.xlsx", "区司法局").path
    png = tmp_path / "现场照片.png"
    Image.frombytes("RGB", (2700, 2700), os.urandom(2700 * 2700 * 3)).save(png, compress_level=1)
    wb = openpyxl.load_workbook(filled)
    wb["报送表"].add_image(XlImage(str(png)), "R5")
    wb.save(filled)
    return filled


def test_a_refused_upload_over_20mb_is_kept_and_shown_to_the_clerk(desk, tmp_path):
    """Trial 13: a 25 MB upload was refused with a clear message, but nothing was kept or shown to the clerk,
    though the README says 「被拒的上传也按哈希存档，办事员看得到」.  Now it is kept by hash and recorded as a
    refused upload: the unit gets a receipt, the clerk sees it among the files and in 报送情况, the export has it."""
    import hashlib
    app, ws, store, period = desk
    big = _too_big_return(ws, tmp_path)
    data = big.read_bytes()
    assert len(data) > 20 * 1024 * 1024
    c = app.test_client()
    link = ws.links(period)["区司法局"]
    r = c.post(_path(link) + "/upload", data={"csrf_token": _csrf_of(c, link), "file": (io.BytesIO(data), big.name)},
               content_type="multipart/form-data")
    assert r.status_code == 303
    receipt = _page(c.get(r.headers["Location"]).get_data(as_text=True))
    assert "未能采用" in receipt and "超过20MB的上限" in receipt and "佐证材料请不要放进来" in receipt
    rows = store.uploads(period["id"], unit="区司法局")
    assert len(rows) == 1 and not rows[0]["accepted"] and rows[0]["size"] == len(data)
    assert rows[0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert ws.files.read(rows[0]["sha256"], rows[0]["suffix"]) == data          # kept, byte for byte
    # the clerk: among the period's files, in 报送情况's 核对, in the 异常清单, in the export
    clerk = app.test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', clerk.get("/setup").get_data(as_text=True)).group(1)
    clerk.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 9, "again": "p" * 9})
    files_page = _page(clerk.get("/p/2020-11/uploads").get_data(as_text=True))
    assert rows[0]["receipt_no"] in files_page and big.name in files_page
    m = ws.month(store.period("2020-11"), REPORT)
    audit = next(u for u in m.units if u.unit == "区司法局")
    assert audit.state == "未报送" and "超过20MB的上限" in audit.check
    assert [a for a in m.anomalies if a.code == "UPLOAD_REFUSED" and "区司法局" in a.message]
    with zipfile.ZipFile(io.BytesIO(ws.inbox_zip(store.period("2020-11")))) as z:
        kept = [n for n in z.namelist() if n.startswith("未采用的上传/")]
        assert len(kept) == 1 and z.read(kept[0]) == data


# --- problem 2: the unit's page says what the month counts ------------------------------------------------------

@pytest.fixture
def open_desk(tmp_path):
    """The 永川 list with 2020-12 open and due in ten days: uploads now are on time."""
    with open_period_desk(tmp_path / "data", CODE) as d:
        yield d


def _upload(c, link: str, path: Path) -> str:
    r = c.post(_path(link) + "/upload", data={"csrf_token": _csrf_of(c, link), "file": (path.open("rb"), path.name)},
               content_type="multipart/form-data")
    assert r.status_code == 303
    return r.headers["Location"]


def test_the_units_page_marks_what_the_month_adopts_in_words_for_the_unit(open_desk, tmp_path):
    """Trial 13: 教体局's page marked its last upload, a file that could not be read, 「（以这一份为准）」 while the
    month adopted its earlier readable return (README: 同一单位另有能读的报送表时按那一份); that file's receipt showed the
    clerk's note 「按「无法读取」催报」 and listed its task as 没有填写.  审计局 and 工信局, whose only uploads were refused,
    saw the heading 「本单位已报送」.  Now the page marks the file the month adopts (the engine's rule), says what it
    counts as, and a refused upload is never 「已报送」."""
    app, ws, store, period = open_desk
    links = ws.links(period)
    c = app.test_client()
    unit = "区水利局"
    v1 = fill_return(issued_sheet(ws, unit), tmp_path / "水利局_v1.xlsx", unit).path
    v2 = fill_return(issued_sheet(ws, unit), tmp_path / "水利局_v2.xlsx", unit,
                     values=lambda i, seq, u: {"完成状态": "序时推进", "完成比例": 0.6, "进展情况": "第二版"}).path
    big = with_far_sheet(fill_return(issued_sheet(ws, unit), tmp_path / "水利局_big.xlsx", unit).path)
    for f in (v1, v2):
        _upload(c, links[unit], f)
    big_receipt = _upload(c, links[unit], big)
    m = ws.month(store.period("2020-12"))
    water = next(u for u in m.units if u.unit == unit)
    adopted = next(u for u in store.uploads(period["id"], unit=unit) if u["original_name"] == v2.name)
    assert water.state == "已报送" and adopted["receipt_no"] in water.file          # the month: v2
    page = _page(c.get(_path(links[unit])).get_data(as_text=True))
    assert "本单位已报送" not in page
    marked = [ln for ln in page.splitlines() if "以这一份为准" in ln]
    assert len(marked) == 1 and v2.name in marked[0] and adopted["receipt_no"] in marked[0]
    assert f"收到的「{v2.name}」（回执 {adopted['receipt_no']}）汇总：按时报送" in page
    receipt = _page(c.get(big_receipt).get_data(as_text=True))
    assert "无法读取" in receipt and "按「无法读取」催报" not in receipt and "文件对应单位" not in receipt
    assert "没有填写的任务" not in receipt
    assert "本期现在按" in receipt and f"（回执 {adopted['receipt_no']}）汇总，不按这一份" in receipt

    # only refused uploads: another unit's return through this link (审计局), and the same where the clerk also
    # added the unit's e-mailed return (工信局): never 「已报送」 on the page
    other = fill_return(issued_sheet(ws, "区农业农村委"), tmp_path / "农业农村委.xlsx", "区农业农村委").path
    _upload(c, links["区司法局"], other)
    _upload(c, links["区经济信息委"], other)
    mailed = fill_return(issued_sheet(ws, "区经济信息委"), tmp_path / "经信委_邮件.xlsx", "区经济信息委").path
    ws.add_clerk_files(period, [(mailed.name, mailed.read_bytes())], "办事员")
    m = ws.month(store.period("2020-12"))
    state = {u.unit: u.state for u in m.units}
    assert state["区司法局"] == "未报送" and state["区经济信息委"] == "已报送"
    for u in ("区司法局", "区经济信息委"):
        page = _page(c.get(_path(links[u])).get_data(as_text=True))
        assert "本单位已报送" not in page and "以这一份为准" not in page and "按时报送" not in page
        assert "通过本链接上传的文件都没有采用（原因见各份回执），不算本期报送" in page
        assert "以办事员收到的为准" in page                 # the e-mailed return is the clerk's to count
