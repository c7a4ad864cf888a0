"""Trial 13 (the shared browser desk: two clerks, units submitting at once, the command line on the server's data):
what the page, the documents and the links page say after something changed behind them.

The list and 名录 are made as a city 河长办's clerk makes them in Excel (openpyxl writes the same workbooks), the
units' returns are the sheets the server issued, filled as a unit fills them; the command line runs in a process of
its own on the server's database (SQLite, and a real PostgreSQL: tests/pgserver.py).  Dates follow the wall clock:
the period is last month, its tasks due at its end, so the trial's 「逾期」 holds whatever day the test runs."""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from docx import Document

from returns_factory import fill_return
from zhishui.web.app import create_app

CODE = "TRIAL013"
TODAY = dt.date.today()
PERIOD_END = TODAY.replace(day=1) - dt.timedelta(days=1)            # last month: its tasks are past due
KEY = f"{PERIOD_END:%Y-%m}"
FAR = f"{TODAY.year + 1}年12月底"
ASKED = TODAY + dt.timedelta(days=120)                                 # 住建局 asks for more time


def _tasks(revised=False):
    end = f"{PERIOD_END.year}年{PERIOD_END.month}月底"
    rows = [(1, "河湖长制基础工作", "强化督察督办：对各级河长履职情况开展暗访督查，问题清单化交办", "长期坚持", "市河长办", "", ""),
            (5, "鄱阳湖生态环境专项整治", "持续推进城乡生活污水治理，完成12个乡镇污水处理设施提标改造", end, "市住建局", "", "市生态环境局"),
            (7, "鄱阳湖生态环境专项整治", "开展工业污染集中整治：工业园区污水集中处理设施稳定达标运行", FAR, "市生态环境局", "市工信局", ""),
            (9, "鄱阳湖生态环境专项整治", "深入推进化工污染整治，完成沿江化工企业搬迁改造", FAR, "市工信局", "", ""),
            (10, "鄱阳湖生态环境专项整治", "持续推进畜禽养殖污染治理，规模养殖场粪污处理设施装备配套率达到97%", FAR, "市农业农村局", "", ""),
            (12, "河湖长制基础工作", "完善基础工作：完成“一河一档”“一河一策”修编", FAR, "市河长办", "", "团市委")]
    if revised:     # clerk B's revision: a task for two units the first list did not have
        rows.append((13, "鄱阳湖生态环境专项整治", "开展河道非法采砂专项整治行动", FAR, "市水利局", "市公安局", ""))
    return rows


def write_list(path, revised=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["某市2026年河湖长制重点任务责任清单" + ("（修订）" if revised else "")])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"])
    for t in _tasks(revised):
        ws.append(list(t))
    s = wb.create_sheet("设置")
    for row in [("项目", "值"), ("方案名称", "某市2026年河湖长制重点任务"), ("汇总单位", "市河长制办公室"),
                ("发文机关", "某市河长制办公室"), ("地区", "某省某市")]:
        s.append(list(row))
    wb.save(path)
    return path


def write_directory(path, kinds=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "单位名录"
    ws.append(["单位名称", "简称/别名", "类型", "分组", "联系人", "联系电话", "电子邮箱"])
    for name, alias, kind in [("市河长制办公室", "市河长办", "部门"), ("共青团某市委员会", "团市委", "群团"),
                              ("市住房和城乡建设局", "市住建局", "部门"), ("市生态环境局", "", "部门"),
                              ("市工业和信息化局", "市工信局", "部门"), ("市农业农村局", "", "部门"),
                              ("市水利局", "", "部门"), ("市公安局", "", "部门")]:
        ws.append([name, alias, (kinds or {}).get(name, kind), "", "联系人", "0792-1000001", ""])
    wb.save(path)
    return path


def _csrf(resp) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)


def _text(c, path) -> str:
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", c.get(path).get_data(as_text=True), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _row(page: str, ident: str, first: str) -> str:
    """The text of the row of table ``ident`` whose first cells start with ``first``."""
    block = re.search(rf'id="{ident}">(.*?)</table>', page, re.S).group(1)
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", block, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", x)).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if "|".join(cells).startswith(first) or (len(cells) > 1 and cells[1] == first):
            return "|".join(cells)
    raise AssertionError(f"no row {first} in {ident}")


def _flashes(resp) -> list[str]:
    return [html.unescape(x) for x in re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', resp.get_data(as_text=True), re.S)]


class Desk:
    """The desk as the trial ran it: the list and its 名录 loaded on the list page, last month's period started,
    住建局's return (asking to extend task 5) uploaded through its link."""

    def __init__(self, root, db=None):
        self.root, self.db = root, db
        root.mkdir(parents=True, exist_ok=True)
        self.list = write_list(root / "某市河湖长制重点任务责任清单.xlsx")
        self.directory = write_directory(root / "某市单位名录.xlsx")
        self.app = create_app(root / "data", db, setup_code=CODE, public_url="http://192.0.2.2:8765", testing=True)
        self.c = self.app.test_client()
        tok = _csrf(self.c.get("/setup"))
        self.c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 10, "again": "p" * 10})
        self.tok = _csrf(self.c.get("/list"))
        r = self.load_list(self.list)
        assert r.status_code == 200, r.status_code
        r = self.c.post("/periods/new", data={"csrf_token": self.tok, "period": KEY,
                                              "due": (TODAY + dt.timedelta(days=5)).isoformat()})
        assert r.status_code == 302
        self.ws, self.store = self.app.config["WORKSPACE"], self.app.config["STORE"]
        self.upload("市住房和城乡建设局", {"5": {"完成状态": "序时推进", "完成比例": 0.9, "进展情况": "完成10个乡镇提标改造",
                                         "申请延期至": ASKED, "延期理由": "征地协调未完成，申请延期"}})

    def load_list(self, path):
        return self.c.post("/list", data={"csrf_token": self.tok, "list": (path.open("rb"), path.name),
                                          "directory": (self.directory.open("rb"), self.directory.name)},
                           content_type="multipart/form-data", follow_redirects=True)

    def sheet(self, unit, rows: dict, name=None):
        """The sheet the server issued to ``unit``, filled with ``rows`` {序号: {header: value}} as the unit fills it."""
        issued = self.ws.issued_folder(self.store.period(KEY))
        src = next(issued.glob(f"*_{unit}_*"))
        return fill_return(src, self.root / (name or f"{unit}.xlsx"), unit, values=lambda i, seq, u: rows.get(seq, {}),
                           reporter="张三", report_date=TODAY).path

    def upload(self, unit, rows=None, *, path=None, as_unit=None):
        path = path or self.sheet(unit, rows)
        tok = self.ws.links(self.store.period(KEY))[as_unit or unit].rsplit("/", 1)[1]
        r = self.c.post(f"/u/{tok}/upload", data={"csrf_token": _csrf(self.c.get(f"/u/{tok}")), "file": (path.open("rb"), path.name)},
                        content_type="multipart/form-data")
        assert r.status_code == 303, r.status_code
        return r

    def extend_on_the_command_line(self, tmp):
        """Clerk B decides the extension with ``zhishui extend`` on the server's data: a process of its own, the list
        and 名录 from the period's exported zip, the server's history (its folder; its database on PostgreSQL)."""
        export = tmp / "导出"
        with zipfile.ZipFile(io.BytesIO(self.c.get(f"/p/{KEY}/inbox.zip").data)) as z:
            z.extractall(export)
        args = [sys.executable, "-m", "zhishui.cli", "extend", str(export / "清单" / self.list.name), "5", "--period", KEY,
                "--directory", str(export / "清单" / self.directory.name), "--history", str(self.root / "data" / "history"),
                "--by", "办事员B", "--reason", "征地确有困难，同意延期"] + (["--db", self.db] if self.db else [])
        r = subprocess.run(args, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        assert f"调整为{ASKED:%Y-%m-%d}" in r.stdout
        return r.stdout


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        return None
    from pgserver import fresh_database
    return fresh_database(request.getfixturevalue("pg_server"), f"t13_{abs(hash(request.node.nodeid)) % 10 ** 9}")


def test_page_shows_an_extension_the_command_line_agreed_in_another_process(tmp_path, database):
    """Problem 1 (and 5: the 完成时限 column): clerk B ran ``zhishui extend`` on the server's database; clerk A's page
    kept task 5 red 「逾期」 with 「申请延期至…（待审批）」 and 督办 kept 住建局 until a restart.  The page's month is
    kept while nothing it is made from changed: a decision in the history is one of those things."""
    desk = Desk(tmp_path / "desk", database)
    page = desk.c.get(f"/p/{KEY}").get_data(as_text=True)
    row = _row(page, "tasks", "红")
    assert row.split("|")[1] == "5" and "逾期" in row and "待审批" in row
    assert "市住房和城乡建设局：序号5" in html.unescape(page)
    desk.extend_on_the_command_line(tmp_path)

    page = desk.c.get(f"/p/{KEY}").get_data(as_text=True)      # the next refresh
    cells = _row(page, "tasks", "绿|5").split("|")
    assert cells[5] == "序时推进"
    # the column says the date it is judged by now, as the documents do (「已延期至…」), and nothing is pending
    assert cells[3] == f"{PERIOD_END.year}年{PERIOD_END.month}月底（已延期至{ASKED.year}年{ASKED.month}月{ASKED.day}日）"
    assert "待审批" not in page
    assert "序号5" not in re.search(r'id="pressed">(.*?)</ul>', page, re.S).group(1)
    desk.store.close()


def test_documents_say_when_they_are_out_of_date_and_why(tmp_path):
    """Problem 2: the set made at 16:39:43 kept 逾期4, 完成率8.3% (督办通知 for a task a correction had since completed)
    after a correction, a new deadline and an approved extension, while the live page said otherwise; nothing said
    the set was stale.  Each set keeps what it was made from; the 文书 page, 往期 and the set's zip say what changed."""
    desk = Desk(tmp_path / "desk")
    c, tok = desk.c, desk.tok
    desk.upload("市生态环境局", {"7": {"完成状态": "进度滞后", "完成比例": 0.6, "进展情况": "第一版"}})
    assert c.post(f"/p/{KEY}/docs", data={"csrf_token": tok, "report_date": TODAY.isoformat()}).status_code == 302
    [name] = [p.name for p in desk.ws.doc_sets(KEY)]
    docs = _text(c, f"/p/{KEY}/docs")
    assert "已过时" not in docs and "重新生成" not in docs
    made = zipfile.ZipFile(io.BytesIO(c.get(f"/p/{KEY}/docs/{name}.zip").data))
    assert not any("生成后有变化" in n or n.startswith(".") for n in made.namelist())

    # behind the set: a correction arrives, clerk B moves the deadline, the command line agrees the extension
    desk.upload("市生态环境局", path=desk.sheet("市生态环境局", {"7": {"完成状态": "已完成", "完成比例": 1, "进展情况": "更正版",
                                                                "佐证材料": "竣工验收报告"}}, name="生态环境局_更正.xlsx"))
    new_due = TODAY + dt.timedelta(days=8)
    c.post(f"/p/{KEY}/settings", data={"csrf_token": tok, "due": new_due.isoformat(), "report_date": TODAY.isoformat(),
                                       "inbox": ""})
    desk.extend_on_the_command_line(tmp_path)

    docs = _text(c, f"/p/{KEY}/docs")
    assert "这套文书已过时" in docs
    assert re.search(r"生成后又收到1份报送（市生态环境局 \d\d月\d\d日 \d\d:\d\d:\d\d）", docs)
    assert f"截止日期已改（由{(TODAY + dt.timedelta(days=5)).isoformat()}改为{new_due.isoformat()}）" in docs
    assert f"生成后延期已办理：序号5，市住房和城乡建设局申请延期至{ASKED:%Y-%m-%d}已同意（办事员B" in docs
    assert f"按报告日期 {TODAY.isoformat()} 重新生成" in docs
    # 往期 shows the set's figures, and says they are stale
    history = _text(c, "/history")
    assert "已过时" in history and "生成后又收到1份报送" in history
    # the set's download says it too: in its name and in a note inside
    r = c.get(f"/p/{KEY}/docs/{name}.zip")
    assert "_%E5%B7%B2%E8%BF%87%E6%97%B6.zip" in r.headers["Content-Disposition"]     # …_已过时.zip
    z = zipfile.ZipFile(io.BytesIO(r.data))
    note = z.read("注意_生成后有变化.txt").decode("utf-8")
    assert "已经过时" in note and "截止日期已改" in note and "延期已办理" in note
    assert sorted(n for n in z.namelist() if n.endswith(".docx")) == sorted(n for n in made.namelist() if n.endswith(".docx"))

    # regenerated: the new set is what the page shows; the old one still says it is stale
    c.post(f"/p/{KEY}/docs", data={"csrf_token": tok, "report_date": TODAY.isoformat()})
    sets = desk.ws.doc_sets(KEY)
    if len(sets) == 1:        # (made within the same second as the first: wait for a set of its own)
        import time
        time.sleep(1.1)
        c.post(f"/p/{KEY}/docs", data={"csrf_token": tok, "report_date": TODAY.isoformat()})
        sets = desk.ws.doc_sets(KEY)
    assert desk.ws.changes_since(desk.store.period(KEY), sets[0]) == []
    assert desk.ws.changes_since(desk.store.period(KEY), sets[-1])
    assert "已过时" not in _text(c, "/history")
    page = c.get(f"/p/{KEY}").get_data(as_text=True)
    live = re.search(r"完成率 ([\d.]+)%", page).group(1)
    assert f"{live}%" in _text(c, "/history")
    desk.store.close()


def test_a_list_loaded_mid_period_is_said_and_can_be_applied(tmp_path):
    """Problem 3: clerk B loaded the revised list (a task for 市水利局 and 市公安局) during the period; home said 13 tasks,
    the open period stayed on the first list and 市水利局 got no link, and nothing said so."""
    desk = Desk(tmp_path / "desk")
    revised = write_list(tmp_path / "某市河湖长制重点任务责任清单（修订）.xlsx", revised=True)
    r = desk.load_list(revised)
    said = " ".join(_flashes(r))
    assert f"{PERIOD_END.year}年{PERIOD_END.month}月报送期用的是清单「某市河湖长制重点任务责任清单.xlsx」（6项任务" in said
    assert "市水利局、市公安局本期没有报送链接和报送表" in said and "本期改用现在的清单" in said
    page = desk.c.get(f"/p/{KEY}").get_data(as_text=True)
    assert "本期用的清单：「某市河湖长制重点任务责任清单.xlsx」（6项任务" in html.unescape(page)
    assert 'id="use-current-list"' in page
    assert "仍用原来的清单" in _text(desk.c, "/")
    assert "市水利局" not in desk.ws.links(desk.store.period(KEY))

    old_links = desk.ws.links(desk.store.period(KEY))
    r = desk.c.post(f"/p/{KEY}/list", data={"csrf_token": desk.tok}, follow_redirects=True)
    said = " ".join(_flashes(r))
    assert "改用现在的清单「某市河湖长制重点任务责任清单（修订）.xlsx」（7项任务" in said
    assert "市水利局、市公安局有了本期的报送链接和报送表" in said
    links = desk.ws.links(desk.store.period(KEY))
    assert {u: links[u] for u in old_links} == old_links               # the links units have stay
    units_page = desk.c.get(f"/p/{KEY}/units").get_data(as_text=True)
    assert links["市水利局"] in units_page
    sheet = next(desk.ws.issued_folder(desk.store.period(KEY)).glob("*_市水利局_*"))
    wb = openpyxl.load_workbook(sheet)
    assert any(c.value == "开展河道非法采砂专项整治行动" for row in wb["报送表"].iter_rows() for c in row)
    page = desk.c.get(f"/p/{KEY}").get_data(as_text=True)
    assert 'id="list-note"' not in page and "本期用的清单：「某市河湖长制重点任务责任清单（修订）.xlsx」（7项任务" in html.unescape(page)
    assert "开展河道非法采砂专项整治行动" in page and "市水利局" in re.search(r'id="chase">(.*?)</p>', page, re.S).group(1)
    # the return 住建局 sent on the first list still counts
    assert _row(page, "units", "市住房和城乡建设局").split("|")[2] == "按时报送"
    desk.store.close()


def test_advice_on_a_refused_upload_follows_the_sheet_the_clerk_added(tmp_path):
    """Problem 4: 工信局 uploaded 农业农村局's sheet (refused), then the clerk added 工信局's e-mailed sheet, counted
    按时报送; the 异常 still said 「它仍算未报送，催报时会说明」 and the links page showed only 「未能采用」."""
    desk = Desk(tmp_path / "desk")
    c = desk.c
    theirs = desk.sheet("市农业农村局", {"10": {"完成状态": "序时推进", "完成比例": 0.85, "进展情况": "配套率95%"}})
    desk.upload("市农业农村局", path=theirs, as_unit="市工业和信息化局")
    page = c.get(f"/p/{KEY}").get_data(as_text=True)
    row = _row(page, "anomalies", "警告|网上上传未采用")
    assert "它仍算未报送，催报时会说明" in row                      # true while nothing else came from it

    own = desk.sheet("市工业和信息化局", {"9": {"完成状态": "进度滞后", "完成比例": 0.2, "进展情况": "搬迁完成3家"}},
                     name="工信局_邮件.xlsx")
    r = c.post(f"/p/{KEY}/files", data={"csrf_token": desk.tok, "files": (own.open("rb"), own.name)},
               content_type="multipart/form-data")
    assert r.status_code == 302
    page = c.get(f"/p/{KEY}").get_data(as_text=True)
    assert _row(page, "units", "市工业和信息化局").split("|")[2] == "按时报送"
    row = _row(page, "anomalies", "提示|网上上传未采用")
    assert "仍算未报送" not in row
    assert "该单位另有采用的报送表「收到/办事员添加/" in row and "工信局_邮件.xlsx」，按它算报送情况，不催报" in row
    assert "市工业和信息化局" not in re.search(r'id="chase">(.*?)</p>', page, re.S).group(1)
    links = c.get(f"/p/{KEY}/units").get_data(as_text=True)
    assert _row(links, "links", "市工业和信息化局").endswith("未能采用|按时报送（办事员添加的「工信局_邮件.xlsx」）")
    desk.store.close()


def test_clerk_adds_a_wps_et_sheet_and_the_chooser_offers_it(tmp_path):
    """Problem 5: the clerk's 添加 file chooser left out WPS's .et (the list page and the unit's page offer it)."""
    from conftest import office_convert
    desk = Desk(tmp_path / "desk")
    page = desk.c.get(f"/p/{KEY}").get_data(as_text=True)
    assert ".et," in re.search(r'name="files" multiple accept="([^"]+)"', page).group(1)
    # 农业农村局's sheet saved by WPS as .et: an OLE2 BIFF workbook (LibreOffice writes the same), named .et
    xlsx = desk.sheet("市农业农村局", {"10": {"完成状态": "序时推进", "完成比例": 0.85, "进展情况": "配套率95%"}})
    xls = office_convert(xlsx, "xls", tmp_path / "wps")
    et = xls.with_name("农业农村局.et")
    xls.rename(et)
    r = desk.c.post(f"/p/{KEY}/files", data={"csrf_token": desk.tok, "files": (et.open("rb"), et.name)},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    page = desk.c.get(f"/p/{KEY}").get_data(as_text=True)
    assert _row(page, "units", "市农业农村局").split("|")[2] == "按时报送"
    desk.store.close()


def test_notices_name_a_plan_ending_in_tasks_once(tmp_path):
    """Problem 5: the plan 「某市2026年河湖长制重点任务」 made 督办通知 read 「…重点任务任务中」 (and the 催报消息
    「…重点任务任务进展情况」)."""
    desk = Desk(tmp_path / "desk")
    desk.c.post(f"/p/{KEY}/docs", data={"csrf_token": desk.tok, "report_date": TODAY.isoformat()})
    [folder] = desk.ws.doc_sets(KEY)
    body = "\n".join(p.text for p in Document(folder / "督办通知" / "督办通知_市住房和城乡建设局.docx").paragraphs)
    assert "由你单位牵头的某市2026年河湖长制重点任务中，有1项" in body
    chase = (folder / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    assert "任务任务" not in body + chase and "河湖长制重点任务进展情况" in chase
    desk.store.close()


def test_a_plan_named_as_a_plan_keeps_its_tasks_word():
    from zhishui.generators.contexts import plan_tasks
    assert plan_tasks("区人大常委会水污染防治工作情况评议意见整改方案") == "区人大常委会水污染防治工作情况评议意见整改方案任务"
    assert plan_tasks("某市2026年河湖长制重点任务") == "某市2026年河湖长制重点任务"


@pytest.mark.parametrize("written, kept", [("群团", "群团"), ("群团组织", "群团"), ("事业单位", "事业单位")])
def test_directory_takes_the_kinds_real_directories_use(tmp_path, written, kept):
    """Problem 5: 「群团」 for 团市委 was warned as out of range.  Real directories and plans name 群团(组织) and 事业单位
    apart from 部门 (「党政机关、事业单位、群团组织」); 「各部门」 still means the units typed 部门."""
    from zhishui.tasks import load_list
    lst = write_list(tmp_path / "清单.xlsx")
    directory = write_directory(tmp_path / "名录.xlsx", {"共青团某市委员会": written})
    tl = load_list(lst, directory_path=directory)
    assert tl.directory.get("共青团某市委员会").kind == kept
    assert not [p for p in tl.directory.problems if "共青团某市委员会" in p[1]]
    [ref] = [tl.directory.resolve(t) for t in tl.directory.split("市直各部门")]
    assert ref.is_group and "市河长制办公室" in ref.members and "共青团某市委员会" not in ref.members


def test_a_revised_list_with_a_renamed_unit_is_said_rightly_and_only_on_the_open_month(tmp_path):
    """Trial 26: once December's list was loaded (市工信局 renamed 市工业和信息化厅, its old name an alias, and a new
    task), the closed October and November pages said the renamed unit 「本期没有报送链接和报送表，也不催报」 and offered
    「本期改用现在的清单」 for months whose documents had gone out.  The renamed unit is not a new one, and a month that
    another has followed keeps its list without the offer."""
    desk = Desk(tmp_path / "desk")
    nxt = (PERIOD_END + dt.timedelta(days=1)).strftime("%Y-%m")
    r = desk.c.post("/periods/new", data={"csrf_token": desk.tok, "period": nxt,
                                          "due": (TODAY + dt.timedelta(days=20)).isoformat()})
    assert r.status_code == 302
    renamed = tmp_path / "名录（改名）.xlsx"
    wb = openpyxl.load_workbook(desk.directory)
    ws = wb.active
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "市工业和信息化局":
            row[0].value, row[1].value = "市工业和信息化厅", "市工信局、市工业和信息化局"
    wb.save(renamed)
    desk.directory = renamed
    revised = write_list(tmp_path / "某市河湖长制重点任务责任清单（修订）.xlsx", revised=True)
    said = " ".join(_flashes(desk.load_list(revised)))
    assert "市水利局、市公安局本期没有报送链接和报送表" in said and "市工业和信息化厅" not in said, said
    assert 'id="use-current-list"' not in desk.c.get(f"/p/{KEY}").get_data(as_text=True)        # (followed by nxt)
    assert 'id="use-current-list"' in desk.c.get(f"/p/{nxt}").get_data(as_text=True)
    desk.store.close()
