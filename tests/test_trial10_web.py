"""Trial 10 (a new user's three periods on ``zhishui serve`` with another office's list): the links written
into the return sheets, the restart advice, what a unit's 回执 says, and the smaller things a WPS clerk met.

Every check reads what the server really wrote (the sheets with openpyxl, the pages as HTML) against an
independent reading (the list read by ``load_list``, the values the test typed)."""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import shlex
import zipfile
from urllib.parse import unquote

import openpyxl

from conftest import LIST001
from zhishui.collect import ADOPTION_WORDS
from zhishui.web.app import create_app

CODE = "TRIAL010"


def _csrf(resp) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)


def _clerk(data_dir, public_url: str):
    """(app, signed-in client, form token) of a server as ``zhishui serve`` makes it with this --public-url."""
    app = create_app(data_dir, setup_code=CODE, public_url=public_url, testing=True)
    c = app.test_client()
    if app.config["STORE"].user_count() == 0:
        tok = _csrf(c.get("/setup"))
        c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 10, "again": "p" * 10})
    else:
        tok = _csrf(c.get("/login"))
        c.post("/login", data={"csrf_token": tok, "name": "办事员", "password": "p" * 10})
    return app, c, _csrf(c.get("/list"))


def _note_link(xlsx: bytes) -> str:
    """The link row 3 of a return sheet gives the unit."""
    note = openpyxl.load_workbook(io.BytesIO(xlsx))["报送表"]["A3"].value
    return re.search(r"https?://\S+", note).group(0)


def test_sheets_carry_the_link_as_it_is_now_after_a_restart(tmp_path):
    # started without --public-url (the links are this machine's own), period started; then restarted with the
    # office address: every sheet downloaded must say the new address, as the links page and 催报通知 do
    data = tmp_path / "data"
    app, c, tok = _clerk(data, "http://127.0.0.1:8710")
    r = c.post("/list", data={"csrf_token": tok, "list": (LIST001.open("rb"), LIST001.name)},
               content_type="multipart/form-data")
    assert r.status_code == 302
    assert c.post("/periods/new", data={"csrf_token": tok, "period": "2020-11", "due": "2020-11-25"}).status_code == 302
    page = c.get("/p/2020-11/units").get_data(as_text=True)
    # the advice names this server's own data folder and port: run as written it opens this desk again
    shown = html.unescape(re.search(r'<code id="restart-command">([^<]+)</code>', page).group(1))
    from zhishui.cli import cli
    args = shlex.split(shown)
    assert args[:2] == ["zhishui", "serve"]
    ctx = cli.commands["serve"].make_context("serve", args[2:])
    assert ctx.params["port"] == 8710 and ctx.params["host"] == "0.0.0.0"
    assert (tmp_path / ctx.params["data_dir"]).resolve() == data.resolve()
    assert ctx.params["public_url"] == "http://本机在办公网的地址:8710"
    old_links = app.config["WORKSPACE"].links(app.config["STORE"].period("2020-11"))
    app.config["STORE"].close()

    app, c, tok = _clerk(data, "http://192.0.2.2:8710")
    links = app.config["WORKSPACE"].links(app.config["STORE"].period("2020-11"))
    assert links == {u: v.replace("127.0.0.1", "192.0.2.2") for u, v in old_links.items()}     # the tokens stay
    page = c.get("/p/2020-11/units").get_data(as_text=True)
    assert links["区水利局"] in page and "127.0.0.1" not in page
    [name] = [h for h in map(unquote, re.findall(r'href="(/p/2020-11/returns/[^"]+)"', page)) if "_区水利局_" in h]
    assert _note_link(c.get(name).data) == links["区水利局"]
    with zipfile.ZipFile(io.BytesIO(c.get("/p/2020-11/returns.zip").data)) as z:
        sheets = [n for n in z.namelist() if n.endswith(".xlsx")]
        assert len(sheets) == len(links)
        for n in sheets:
            unit = n.split("_")[1]
            assert _note_link(z.read(n)) == links[unit], n
    app.config["STORE"].close()


def write_trial_list(folder) -> tuple:
    """The trial's kind of list, as a county office's clerk makes it in Excel (openpyxl writes the same
    workbook): a title, headers of its own words (工作任务 / 主要内容 / 责任领导 / 牵头部门 / 协办单位 / 时间节点),
    「各乡镇」 that only the separate 单位名录 expands; and that 名录 under the office's own file name."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append(["附件1"])
    ws.append(["清河县2026年河湖长制工作要点任务分解表"])
    ws.append(["序号", "工作任务", "主要内容", "责任领导", "牵头部门", "协办单位", "时间节点"])
    ws.append([1, "落实最严格水资源管理制度", "开展取水口专项整治，完成排查问题整改销号。", "王建国", "县水利局", "县生态环境局",
               "2030年12月底前"])
    ws.append([2, "深化水污染防治", "畜禽养殖废弃物资源化利用率达到80%以上。", "李明", "县生态环境局", "县农业农村局",
               "2030年12月底前"])
    ws.append([3, "河湖管护", "推进河湖“清四乱”常态化规范化，每月报送问题整改台账。", "王建国", "县水利局", "各乡镇", "长期坚持"])
    lst = folder / "清河县河湖长制任务分解表.xlsx"
    wb.save(lst)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "单位名录"
    ws.append(["单位名称", "类型", "分组"])
    for name, kind in (("县水利局", "部门"), ("县生态环境局", "部门"), ("县农业农村局", "部门"), ("城关镇", "乡镇"),
                       ("新桥乡", "乡镇")):
        ws.append([name, kind, "乡镇" if kind == "乡镇" else ""])
    directory = folder / "清河县单位名录.xlsx"
    wb.save(directory)
    return lst, directory


def _trial_period(tmp_path, due: dt.date):
    """A server with the trial's list and 名录 uploaded on the list page, and the period of ``due``'s month started."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    lst, directory = write_trial_list(tmp_path)
    app, c, tok = _clerk(tmp_path / "data", "http://192.0.2.2:8710")
    r = c.post("/list", data={"csrf_token": tok, "list": (lst.open("rb"), lst.name),
                              "directory": (directory.open("rb"), directory.name)}, content_type="multipart/form-data")
    assert r.status_code == 302
    key = f"{due:%Y-%m}"
    app.config["WORKSPACE"].start_period(key, due, None)
    return app, c, tok, key


def _form(c, link: str, values: dict, reporter="李四") -> str:
    """A unit fills the web form through its link: ``values`` {序号: {field: value}}; the receipt's HTML."""
    path = link.split("8710", 1)[1]
    form = c.get(path + "/form").get_data(as_text=True)
    keys = dict(re.findall(r'<legend>序号 (\d+)（[^）]*）：[^<]*</legend>\s*<p class="muted">[^<]*</p>\s*<label>完成状态\s*'
                           r'<select name="([^"]+):state"', form))         # 序号 -> the task's key in the field names
    data = {"csrf_token": _csrf(c.get(path)), "reporter": reporter, "phone": "0531-8200001"}
    for seq, fields in values.items():
        for f, v in fields.items():
            data[f"{keys[seq]}:{f}"] = v
    r = c.post(path + "/form", data=data, follow_redirects=True)
    assert r.status_code == 200
    return r.get_data(as_text=True)


def _texts(page: str, ident: str) -> list[str]:
    """The text of each <li> (or row) inside the element with this id."""
    block = re.search(rf'id="{ident}">(.*?)</(?:ul|table)>', page, re.S)
    if not block:
        return []
    return [html.unescape(re.sub(r"<[^>]+>", "", x)).strip() for x in re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)]


def test_form_receipt_names_task_and_field_and_warns_only_whom_closeout_needs(tmp_path):
    # 县生态环境局 fills the form: it is only 配合 on 序号1, so its missing 佐证 decides nothing (README 「销号」 rule 3
    # counts the answering units); 县水利局 leads 序号1: it is told, by task and field — a form has no cell K5
    app, c, tok, key = _trial_period(tmp_path, dt.date.today() + dt.timedelta(days=10))
    links = app.config["WORKSPACE"].links(app.config["STORE"].period(key))
    page = _form(c, links["县生态环境局"], {"1": {"state": "已完成", "percent": "100", "progress": "配合完成取水口环境问题核查"},
                                           "2": {"state": "已完成", "percent": "100", "progress": "利用率达到82%",
                                                 "value": "82"}})
    fixes = _texts(page, "fixes")
    assert not [f for f in fixes if "佐证" in f and "序号1" in f], fixes        # 配合: nothing to close out on its word
    assert [f for f in fixes if "佐证" in f] == [next(f for f in fixes if f.startswith("[警告] 序号2「佐证材料」："))]
    assert not re.search(r"报送表![A-Z]+\d", page)                             # no cell on a form's receipt
    page = _form(c, links["县水利局"], {"1": {"state": "已完成", "percent": "100", "progress": "整改全部销号"},
                                        "3": {"state": "持续推进", "progress": "每月报送台账"}})
    fixes = _texts(page, "fixes")
    assert len(fixes) == 1 and fixes[0].startswith("[警告] 序号1「佐证材料」：完成状态为「已完成」，但没有填写佐证材料"), fixes
    # the long-term task 3 closes out never: its 已完成 without 佐证 asks for nothing either
    page = _form(c, links["县水利局"], {"1": {"state": "序时推进", "percent": "50"},
                                        "3": {"state": "已完成", "progress": "本月台账已报"}})
    assert not [f for f in _texts(page, "fixes") if "佐证" in f]
    app.config["STORE"].close()


def test_receipt_shows_every_field_read_and_where(tmp_path):
    # README: the 回执 shows 「读到的每项内容和位置」: 本期数值, 申请延期至 and 延期理由 too, on a form and in a workbook
    app, c, tok, key = _trial_period(tmp_path, dt.date.today() + dt.timedelta(days=10))
    ws = app.config["WORKSPACE"]
    row = app.config["STORE"].period(key)
    links = ws.links(row)
    typed = {"state": "进度滞后", "percent": "60", "progress": "新建粪污处理设施3处", "problems": "资金未到位",
             "next_steps": "争取专项资金", "evidence": "验收单.pdf", "value": "75", "extend_to": "2031-06-30",
             "extend_reason": "专项资金2031年到位"}
    page = _form(c, links["县生态环境局"], {"2": typed})
    items = dict(i.split("：", 1) for i in _texts(page, "read"))
    assert items == {"完成状态": "进度滞后", "完成比例": "60%", "进展情况": "新建粪污处理设施3处", "存在问题": "资金未到位",
                     "下步打算": "争取专项资金", "佐证材料": "验收单.pdf", "本期数值": "75", "申请延期至": "2031-06-30",
                     "延期理由": "专项资金2031年到位"}
    # the same in the issued workbook, filled as a clerk does in Excel: each item with its cell
    issued = next(ws.issued_folder(row).glob("*_县生态环境局_*"))
    wb = openpyxl.load_workbook(issued)
    sheet = wb["报送表"]
    col = {str(cell.value): cell.column_letter for cell in sheet[4] if cell.value}
    r = next(cell.row for cell in sheet["A"] if str(cell.value) == "2")
    heads = {"state": "完成状态", "percent": "完成比例", "progress": "进展情况", "problems": "存在问题", "next_steps": "下步打算",
             "evidence": "佐证材料", "value": "本期数值", "extend_to": "申请延期至", "extend_reason": "延期理由"}
    for f, h in heads.items():
        v = typed[f]
        sheet[f"{col[h]}{r}"] = 0.6 if f == "percent" else dt.date(2031, 6, 30) if f == "extend_to" else \
            75 if f == "value" else v
    filled = tmp_path / "生态环境局.xlsx"
    wb.save(filled)
    path = links["县生态环境局"].split("8710", 1)[1]
    r2 = c.post(path + "/upload", data={"csrf_token": _csrf(c.get(path)), "file": (filled.open("rb"), filled.name)},
                content_type="multipart/form-data", follow_redirects=True)
    page = r2.get_data(as_text=True)
    shown = {i.split("：", 1)[0]: i.split("：", 1)[1] for i in _texts(page, "read")}
    assert set(shown) == set(heads.values())
    for f, h in heads.items():
        assert shown[h].endswith(f" {col[h]}{r}"), (h, shown[h])         # the cell it was read from
    assert shown["本期数值"].startswith("75 ") and shown["申请延期至"].startswith("2031-06-30 ")
    app.config["STORE"].close()


def test_list_page_says_which_column_was_read_as_what_and_names_the_clerks_directory(tmp_path):
    # a clerk whose list says 时间节点 / 协办单位 / 责任领导 sees them read as 完成时限 / 配合单位 / 责任人; the 名录
    # uploaded as 「清河县单位名录.xlsx」 is named so, not 「单位名录.xlsx」
    app, c, tok, key = _trial_period(tmp_path, dt.date.today() + dt.timedelta(days=10))
    page = c.get("/list").get_data(as_text=True)
    reading = html.unescape(re.sub(r"<[^>]+>", "", re.search(r'<p id="columns">(.*?)</p>', page, re.S).group(1)))
    assert "A列「序号」→序号；B列「工作任务」→重点任务；C列「主要内容」→具体举措；D列「责任领导」→责任人；" \
           "E列「牵头部门」→牵头单位；F列「协办单位」→配合单位；G列「时间节点」→完成时限。" in reading, reading
    # a title merged over the whole header (永川's 「整改任务分解表」) is no column's name
    from zhishui.tasks import column_reading, load_list
    assert column_reading(load_list(LIST001))[:3] == [("A", "序号", "序号"), ("B", "重点任务", "重点任务"),
                                                      ("C", "具体举措", "具体举措")]
    # the mapping offered for a correction is one the reader takes back
    from zhishui.columns import parse_mapping
    offered = re.search(r"值为「([^」]+)」", reading).group(1)
    assert parse_mapping(offered) == ({"seq": 0, "category": 1, "content": 2, "person": 3, "lead": 4,
                                       "cooperating": 5, "deadline": 6}, [])
    assert "单位名录 5 个单位（清河县单位名录.xlsx!单位名录）" in html.unescape(page)
    got = c.get("/list/directory")
    assert got.status_code == 200 and "filename*=UTF-8''%E6%B8%85%E6%B2%B3" in got.headers["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(got.data))["单位名录"]["A5"].value == "城关镇"
    # a WPS clerk's .et is offered by both choosers (the uploads are read by content)
    for accept in re.findall(r'name="(?:list|directory)"[^>]*accept="([^"]+)"', page):
        assert ".et" in accept.split(","), accept
    app.config["STORE"].close()


def test_unit_page_and_receipt_say_what_is_true_after_the_deadline(tmp_path):
    # the deadline has passed: 「截止前可以重新上传更正」 is no longer what happens; the receipt says what does
    app, c, tok, key = _trial_period(tmp_path, dt.date.today() - dt.timedelta(days=1))
    links = app.config["WORKSPACE"].links(app.config["STORE"].period(key))
    unit_page = c.get(links["县水利局"].split("8710", 1)[1]).get_data(as_text=True)
    assert ".et" in re.search(r'name="file"[^>]*accept="([^"]+)"', unit_page).group(1).split(",")
    assert "另存为" not in unit_page and "截止前可以重新上传更正" not in unit_page
    page = _form(c, links["县水利局"], {"1": {"state": "序时推进", "percent": "50", "progress": "排查完成"}})
    again = html.unescape(re.sub(r"<[^>]+>", "", re.search(r'<span id="again">(.*?)</span>', page, re.S).group(1)))
    assert "截止前可以重新上传更正" not in again
    assert again == f"（已过报送截止日期；现在重新上传的仍会采用，{ADOPTION_WORDS}，记为逾期报送；" \
                    "截止前已用邮件等其他方式报送过的，算逾期更正）"
    # before the deadline the receipt says the old words, which are then true
    app2, c2, tok2, key2 = _trial_period(tmp_path / "b", dt.date.today() + dt.timedelta(days=3))
    links2 = app2.config["WORKSPACE"].links(app2.config["STORE"].period(key2))
    page = _form(c2, links2["县水利局"], {"1": {"state": "序时推进", "percent": "50"}})
    assert f"（截止前可以重新上传更正，{ADOPTION_WORDS}）" in page
    app.config["STORE"].close()
    app2.config["STORE"].close()


def test_export_keeps_a_directory_named_as_the_list_apart(tmp_path):
    # the 名录 is stored in a folder of its own, so it may carry the list's own file name; in the exported 清单/ the
    # two must not overwrite each other, and the printed command names each as it is there
    lst, directory = write_trial_list(tmp_path)
    same = tmp_path / "名录" / lst.name
    same.parent.mkdir()
    same.write_bytes(directory.read_bytes())
    app, c, tok = _clerk(tmp_path / "data", "http://192.0.2.2:8710")
    r = c.post("/list", data={"csrf_token": tok, "list": (lst.open("rb"), lst.name),
                              "directory": (same.open("rb"), same.name)}, content_type="multipart/form-data")
    assert r.status_code == 302
    key = f"{dt.date.today():%Y-%m}"
    app.config["WORKSPACE"].start_period(key, dt.date.today() + dt.timedelta(days=10), None)
    with zipfile.ZipFile(io.BytesIO(c.get(f"/p/{key}/inbox.zip").data)) as z:
        listed = sorted(n for n in z.namelist() if n.startswith("清单/"))
        assert listed == sorted([f"清单/{lst.name}", f"清单/单位名录_{lst.name}"]), listed
        assert openpyxl.load_workbook(io.BytesIO(z.read(f"清单/单位名录_{lst.name}"))).sheetnames[0] == "单位名录"
    page = c.get(f"/p/{key}/uploads").get_data(as_text=True)
    args = shlex.split(html.unescape(re.search(r'<code id="same-result">([^<]+)</code>', page).group(1)))
    assert args[2] == f"清单/{lst.name}" and args[args.index("--directory") + 1] == f"清单/单位名录_{lst.name}"
    app.config["STORE"].close()
