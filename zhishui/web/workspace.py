"""The engine, seen from the server: the list, the periods, what units upload, the month.

Nothing here judges anything.  The month is ``run_month`` over the period's inbox (the files
units uploaded, the files the clerk added, the folder the clerk named), with the server's
receipt log as the evidence of arrival; documents are ``make_documents``; an upload's receipt
is ``collect`` over that one file.  So the page, the command line and the add-in agree.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import historydb
from .. import returnsheet as rs
from ..checks import check_list
from ..collect import INTERRUPTED_WORDS
from ..errors import ZhishuiError
from ..fileutil import safe_filename
from ..history import signature as history_signature
from ..month import Month, run_month
from ..split import issue_period, report_due
from ..testhooks import crash_point
from ..tasks import TaskList, load_list, require_month_columns, require_tasks
from .files import LIST_KINDS, MAX_UPLOAD, PLAN_KINDS, RETURN_KINDS, FileStore, accept, check_zip, kind_of
from .documents import BASIS_NAME, doc_sets, make_docs, making_folder, publish, zip_of
from .receipt import (CLERK_DIR, INBOX_DIR, LOCAL_DIR, LOG_NAME, REFUSED_DIR, UPLOADS_DIR, on_time_upload, read_upload, refusal,
                      upload_name, write_log)
from .returnform import form_workbook
from .journal import Journal
from .store import Store

VIA_LINK, VIA_FORM, VIA_CLERK = "链接", "网页表单", "办事员"
ISSUED_DIR = "下发报送表"
LIST_DIR = "清单"            # in the exported zip, beside 收到: the period's list and its 单位名录
# beside the issued sheets (not in their folder, which is zipped whole): the address their links were written with
ISSUED_STAMP = ".下发报送表的链接地址"
RECEIPT_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"   # no I or O: read aloud on the phone without doubt
PENDING_DIR = "pending"     # journals of uploads being received (journal.py)
UNRECORDED_KEY = "unrecorded_files"   # stored files no row names and none could be told whose: not read again
# an upload its server stopped receiving (killed, power cut): kept, shown, not part of the month (trial 13)
INTERRUPTED_STATE = INTERRUPTED_WORDS + "，未确认收到"
INTERRUPTED = "上传中断，未确认收到：服务器处理这份文件时停止了，没有给出回执（文件已存档，没有读取，不算本期报送）"
INTERRUPTED_LOST = "上传中断，未确认收到：服务器保存这份文件时停止了，文件没有保存下来"


def period_date(key: str) -> dt.date:
    y, m = key.split("-")
    return dt.date(int(y), int(m), 1)


def parse_period(text: str) -> str:
    t = (text or "").strip().replace("年", "-").replace("月", "").replace("/", "-")
    try:
        y, m = t.split("-")[:2]
        d = dt.date(int(y), int(m), 1)
    except (ValueError, TypeError):
        raise ZhishuiError(f"「{text}」不是报送期", code="BAD_PERIOD", hint="请写成 2020-11 这样的格式") from None
    return rs.period_key(d)


def parse_date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        raise ZhishuiError(f"{what}「{text}」不是日期", code="BAD_DATE", hint="请写成 2020-11-30 这样的格式") from None


@dataclass
class UploadResult:
    row: dict
    summary: dict


class Workspace:
    def __init__(self, data_dir, store: Store, public_url: str = ""):
        self.data = Path(data_dir)
        self.data.mkdir(parents=True, exist_ok=True)
        self.store = store
        self.files = FileStore(self.data / "files")
        self.public_url = public_url.rstrip("/")
        self._lists: dict[int, TaskList] = {}
        self._months: dict[int, tuple] = {}
        self._issues: dict[int, tuple] = {}
        self._locks: dict[int, threading.Lock] = defaultdict(threading.Lock)
        self._issue_locks: dict[int, threading.Lock] = defaultdict(threading.Lock)
        self._lock = threading.Lock()
        self.journal = Journal(self.data / PENDING_DIR)

    @property
    def history_folder(self) -> Path:
        return self.data / "history"

    @property
    def history_db(self) -> str | None:
        """On an office server (``--db postgresql://…``) the month history is in the same database
        (its tables apart from the server's); the received files stay in ``history_folder``."""
        return self.store.url if self.store.kind == "postgresql" else None

    # --- the list -------------------------------------------------------------------
    def list_path(self, row) -> Path:
        """The clerk's list under its own name (sanitised) in its own folder: the engine reads a file."""
        target = self.data / "lists" / str(row["id"]) / (safe_filename(Path(row["name"]).stem) + row["suffix"])
        if not target.exists():
            self.files.link(row["sha256"], row["suffix"], target)
        return target

    def directory_path(self, row) -> Path | None:
        """The separate 单位名录 under the clerk's own name (a folder apart: it may be named as the list is), so
        what the engine says of it (「清河县单位名录.xlsx!单位名录」) is what the clerk uploaded."""
        if not row["directory_sha256"]:
            return None
        folder = self.data / "lists" / str(row["id"])
        name = row.get("directory_name")
        target = folder / "单位名录" / _directory_file(name, row["directory_suffix"]) if name else \
            folder / ("单位名录" + row["directory_suffix"])           # (lists stored before the name was kept)
        if not target.exists():
            self.files.link(row["directory_sha256"], row["directory_suffix"], target)
        return target

    def task_list(self, row=None) -> TaskList:
        row = row or self.store.current_list()
        if row is None:
            raise ZhishuiError("还没有责任清单", code="NO_LIST", hint="请先在「责任清单」页上传清单或导入方案")
        with self._lock:
            tl = self._lists.get(row["id"])
            if tl is None:
                tl = require_tasks(load_list(self.list_path(row), directory_path=self.directory_path(row)))
                self._lists[row["id"]] = tl
        return tl

    def add_list(self, name: str, data: bytes, user: str, directory: tuple[str, bytes] | None = None) -> dict:
        kind = accept(data, LIST_KINDS, "责任清单（表格文件）")
        stored = self.files.put(data, kind)
        dsha = dkind = None
        if directory and directory[1]:
            dkind = accept(directory[1], LIST_KINDS, "单位名录（表格文件）")
            dsha = self.files.put(directory[1], dkind).sha256
        with tempfile.TemporaryDirectory(prefix="zhishui-list-") as tmp:   # read before it becomes current
            lpath = Path(tmp) / (safe_filename(Path(name).stem, default="责任清单") + kind)
            self.files.link(stored.sha256, kind, lpath)
            dpath = None
            if dsha:
                dpath = Path(tmp) / "单位名录" / _directory_file(directory[0], dkind)
                self.files.link(dsha, dkind, dpath)
            try:
                tl = require_month_columns(require_tasks(load_list(lpath, directory_path=dpath)))
            except ZhishuiError as e:
                raise _on_the_page(e, lpath) from None
            self.same_plan(tl)
        lid = self.store.add_list(name=Path(name).name or "责任清单", sha256=stored.sha256, suffix=kind,
                                  source="上传", created_by=user, directory_sha256=dsha, directory_suffix=dkind,
                                  directory_name=(Path(directory[0].replace("\\", "/")).name or "单位名录") if dsha else None)
        return self.store.get_list(lid)

    def same_plan(self, tl) -> None:
        """The desk's history holds one plan (README 「历史记录跟着方案走」): another plan's list is refused where it is
        loaded, saying why (trial 28 loaded another city's list onto a server's database as if it were a revision, then
        opened a period with 29 live links for its units)."""
        from ..archives import locate
        try:
            locate(tl, self.history_folder, self.history_db)
        except ZhishuiError as e:
            if e.code != "HISTORY_OTHER_PLAN":
                raise
            m = re.search(r"另一个方案「(.*)」（方案编号(\w+)）", e.message)
            plan, pid = (m.group(1), m.group(2)) if m else ("", "")
            raise ZhishuiError(f"这份清单和督办台已有的记录不是同一个方案：督办台记的是方案「{plan}」（方案编号{pid}），"
                               "这份清单的方案名称、方案编号、文号和任务都对不上，没有载入", code=e.code,
                               hint="一个督办台只管一个方案：另一个方案请另开一个督办台（另一个数据文件夹或数据库）；"
                                    f"如果确是同一方案（清单改动很大），请在清单的「设置」表加一项「方案编号」，值为 {pid}，"
                                    "再载入") from None

    def import_plan(self, name: str, data: bytes, user: str) -> tuple[dict, object]:
        """A plan document -> a list workbook (zhishui import), stored as the current list."""
        from ..plan import import_plan
        from ..plan.writer import write_workbook
        kind = accept(data, PLAN_KINDS | {".csv"}, "方案文件（Word、WPS、PDF、网页或文本）")
        own = Path(name).suffix.lower()
        own = {".htm": ".html"}.get(own, own)
        if kind in (".txt", ".csv"):   # plain text: a comma in its first line does not make it a table
            kind = own if own in (".txt", ".html") else ".txt"
        elif kind == ".doc" and own == ".wps":
            kind = ".wps"              # WPS 文字 is an OLE2 file too; the importer converts both alike
        with tempfile.TemporaryDirectory(prefix="zhishui-import-") as tmp:
            src = Path(tmp) / (safe_filename(Path(name).stem, default="方案") + kind)
            src.write_bytes(data)
            res = import_plan(src)
            if not res.tasks:
                raise ZhishuiError("方案中没有找到可识别的任务（没有责任清单表格，正文也没有写明牵头/责任单位的段落）",
                                   code="NO_TASKS", hint="请确认这是工作方案/实施方案；扫描件请先转成文字")
            out = Path(tmp) / (src.stem + "_责任清单.xlsx")
            write_workbook(res, out)
            self.same_plan(load_list(out))
            book = out.read_bytes()
        stored = self.files.put(book, ".xlsx")
        lid = self.store.add_list(name=out.name, sha256=stored.sha256, suffix=".xlsx", source="导入", created_by=user)
        return self.store.get_list(lid), res

    def check(self, on: dt.date):
        tl = self.task_list()
        return tl, findings_on_the_page(check_list(tl, on), tl)

    # --- periods and links ------------------------------------------------------------
    def link(self, token: str) -> str:
        return f"{self.public_url}/u/{token}"

    def period_folder(self, key: str) -> Path:
        return self.data / "periods" / key

    def start_period(self, key: str, due: dt.date | None, inbox_folder: str | None) -> dict:
        row = self.store.current_list()
        tl = require_month_columns(self.task_list(row))
        pdate = period_date(key)
        due = report_due(pdate, tl.settings, due)
        if inbox_folder and not Path(inbox_folder).is_dir():
            raise ZhishuiError("找不到这个文件夹", file=inbox_folder, code="NOT_FOUND",
                               hint="填写本机上存放邮件收到的报送表的文件夹，或留空")
        self.same_plan(tl)      # before anything is written (trial 28: the error was shown, the period and its links made)
        pid = self.store.open_period(period=key, list_id=row["id"], due=due, inbox_folder=inbox_folder or None)
        self.issue_returns(self.store.period_by_id(pid))
        return self.store.period_by_id(pid)

    def list_words(self, lrow, more: str = "") -> str:
        """「某市…清单.xlsx」（12项任务、10个报送单位）: a list as the pages name it; ``more`` said in the brackets too."""
        try:
            tl = self.task_list(lrow)
            facts = [f"{len(tl.tasks)}项任务、{len(tl.units())}个报送单位"]
        except ZhishuiError:
            facts = []
        facts += [more] if more else []
        return f"「{lrow['name']}」" + (f"（{'；'.join(facts)}）" if facts else "")

    def list_note(self, period_row) -> str | None:
        """Said on the period's page (and when a list is loaded) while the period is on another list than the current
        one: a period keeps the list it started with (its links and sheets were issued from it), so a list loaded
        later is not used for it until the clerk says so (the trial-13 clerk loaded a revised list mid-period; home said
        13 tasks and 12 units, the period stayed on 12 and 10, and 市水利局 had no link; nothing said so)."""
        cur = self.store.current_list()
        if cur is None or cur["id"] == period_row["list_id"]:
            return None
        if any(p["period"] > period_row["period"] for p in self.store.periods()):
            return None     # a month another has followed keeps its list: its documents went out (trial 26's
            # October page offered 「本期改用现在的清单」 once December's revised list was loaded)
        used = self.store.get_list(period_row["list_id"])
        if (used["sha256"], used["directory_sha256"]) == (cur["sha256"], cur["directory_sha256"]):
            return None         # the same files loaded again
        title = rs.period_cn(period_date(period_row["period"]))
        try:
            tl = self.task_list(cur)
            order = {u.name: i for i, u in enumerate(tl.directory.units)}
            # (a unit renamed in the new 名录, its old name an alias, is not a new unit: trial 26)
            had = {tl.directory.current(u) for u in self.units(period_row)}
            added = sorted(set(tl.units()) - had, key=lambda u: (order.get(u, 10 ** 6), u))
        except ZhishuiError:
            added = []
        loaded = f"{cur['created_at']:%m月%d日 %H:%M}载入"
        more = f"；按现在的清单，{'、'.join(added)}本期没有报送链接和报送表，也不催报" if added else ""
        return (f"{title}报送期用的是清单{self.list_words(used)}。现在的责任清单"
                f"{self.list_words(cur, loaded)}本期没有用{more}。要本期也改用现在的清单，请点「本期改用现在的清单」："
                f"新增的单位有了链接和报送表，原有单位的链接不变、报送表按新清单重新生成，已收到的报送照常汇总；"
                f"不改的，现在的清单从下一个开始的报送期起用")

    def use_current_list(self, period_row) -> dict:
        """The period changes to the current list (README 「清单改了以后」: the engine carries each task's record
        across versions): new units get their links and sheets, the others keep their links and get sheets of the
        new list.  Returns {"added": units now reporting, "dropped": units no longer}."""
        from ..archives import locate
        cur = self.store.current_list()
        if cur is None or cur["id"] == period_row["list_id"]:
            raise ZhishuiError("本期已经在用现在的责任清单", code="LIST_IN_USE", hint="不需要再改")
        tl = require_month_columns(self.task_list(cur))
        locate(tl, self.history_folder, self.history_db)     # another plan's list is refused here, saying why
        before = self.units(period_row)
        self.store.update_period(period_row["id"], list_id=cur["id"])
        row = self.store.period_by_id(period_row["id"])
        self.issue_returns(row)
        after = self.units(row)
        return {"added": [u for u in after if u not in before], "dropped": [u for u in before if u not in after]}

    def units(self, period_row) -> list[str]:
        """The units that report this period, in the directory's order (as split orders them)."""
        tl = self.task_list(self.store.get_list(period_row["list_id"]))
        order = {u.name: i for i, u in enumerate(tl.directory.units)}
        return sorted(tl.units(), key=lambda u: (order.get(u, 10 ** 6), u))

    def issue_returns(self, period_row) -> list:
        """A token per unit, and the return workbooks carrying each unit's link."""
        with self._issue_locks[period_row["id"]]:
            return self._issue(period_row)

    def _issue(self, period_row) -> list:
        tl = self.task_list(self.store.get_list(period_row["list_id"]))
        toks = self.store.issue_tokens(period_row["id"], self.units(period_row))
        folder = self.period_folder(period_row["period"]) / ISSUED_DIR
        stamp = folder.parent / ISSUED_STAMP
        stamp.unlink(missing_ok=True)
        if folder.exists():
            shutil.rmtree(folder)
        # issue_period, as split and the 督办台账 issue: the tasks closed out are left out and each return carries the
        # clerk's 办理意见 (a return the page issued without the history asked again for a task closed out)
        made = issue_period(tl, period_date(period_row["period"]), folder, due=dt.date.fromisoformat(period_row["due"]),
                            history_dir=self.history_folder, db=self.history_db,
                            links={u: self.link(t) for u, t in toks.items()}).files
        stamp.write_text(self._issue_stamp(period_row), encoding="utf-8")
        return made

    def _issue_stamp(self, period_row) -> str:
        """What a period's issued sheets were written from beyond the list and the deadline: the links' address and
        the history's decisions and earlier months (a close-out decided after the sheets were issued leaves the task
        out of them, a return's reason goes into its 办理意见)."""
        sig = history_signature(self.history_folder, self.history_db, period_row["period"])
        return self.public_url + "\n" + json.dumps(sig, sort_keys=True)

    def issued_folder(self, period_row) -> Path:
        """The period's return sheets as they are downloaded, their row 3 carrying each unit's link as it is
        now: a server restarted with another --public-url (the trial started on 127.0.0.1, then gave the office
        address) writes them again with the same writer, so no sheet sends a unit to an address it cannot open."""
        folder = self.period_folder(period_row["period"]) / ISSUED_DIR
        stamp = folder.parent / ISSUED_STAMP
        with self._issue_locks[period_row["id"]]:
            written = stamp.read_text(encoding="utf-8") if stamp.exists() else None
            if written != self._issue_stamp(period_row) or not folder.is_dir():
                self._issue(period_row)
        return folder

    def restart_command(self) -> str:
        """``zhishui serve`` as this server must be started again to give units an address they can open: its own
        data folder, database and port (the bare command opened an empty desk in the default folder)."""
        from urllib.parse import urlsplit
        port = urlsplit(self.public_url).port or 8765
        parts = ["zhishui serve", "--data", _arg(str(self.data))]
        if self.store.kind == "postgresql":
            url = re.sub(r"^postgresql\+psycopg://", "postgresql://", self.store.url)
            parts += ["--db", re.sub(r"(://[^:/@?]*:)[^@/?]*@", r"\1密码@", url)]    # the password is not shown
        else:
            db = Path(self.store.engine.url.database or "")
            if db.resolve() != (self.data / "督办台.sqlite").resolve():
                parts += ["--db", _arg(str(db))]
        parts += ["--host", "0.0.0.0", "--port", str(port), "--public-url", f"http://本机在办公网的地址:{port}"]
        return " ".join(parts)

    @property
    def links_reach_units(self) -> bool:
        """False when the links' address is this machine's own (127.0.0.1, localhost): no other unit can open them
        (the session-16 trial sent such links; ``zhishui serve --public-url`` names the office network's address)."""
        from ..generators.month_documents import reachable      # (generators import late, as documents.py does)
        return reachable(self.public_url)

    def links(self, period_row) -> dict[str, str]:
        return {u: self.link(t) for u, t in self.store.tokens(period_row["id"]).items()}

    # --- uploads ----------------------------------------------------------------------
    def new_receipt_no(self, when: dt.datetime) -> str:
        while True:
            # letters only after the date: the number is part of the file's name in the inbox, and
            # the reader takes 「1203-03」 in a name for a period
            no = f"{when:%Y%m%d}-" + "".join(secrets.choice(RECEIPT_LETTERS) for _ in range(8))
            if self.store.upload(no) is None:
                return no

    def receive(self, period_row, unit: str, original_name: str, data: bytes, *, via: str = VIA_LINK,
                client_addr: str | None = None) -> UploadResult:
        """A unit's upload: stored by hash whatever it is, read by the same reader as e-mailed
        files, judged against the token's unit; the server's time is the evidence of arrival.
        Journalled from before its file is stored until its row is: a server killed in between leaves an
        entry the next start records as 「上传中断，未确认收到」 (journal.py)."""
        received = dt.datetime.now()
        no = self.new_receipt_no(received)
        tl = self.task_list(self.store.get_list(period_row["list_id"]))
        refused = None
        try:
            kind = accept(data, RETURN_KINDS, "报送表")
        except ZhishuiError as e:
            # every refusal is kept by hash and recorded, so the clerk sees it (README 「被拒的上传也按哈希存档」):
            # too big and empty ones too (trial 13: a 25 MB upload was refused and seen by nobody but the unit)
            refused = e
            kind = _kept_suffix(data, ".zip" if e.code.startswith(("ZIP_", "CORRUPT_")) else ".bin") if data else ".bin"
        sha = hashlib.sha256(data).hexdigest()
        entry = self.journal.begin({"receipt_no": no, "period_id": period_row["id"], "unit": unit, "via": via,
                                    "sha256": sha, "size": len(data), "suffix": kind, "original_name": original_name,
                                    "received_at": received.isoformat(), "client_addr": client_addr})
        stored = self.files.put(data, kind)
        crash_point("upload stored")
        if refused is not None:
            summary = {"refused": refused.message, "unit": unit, "accepted": False, "state": "未能采用",
                       "received": received.isoformat(sep=" "), "due": period_row["due"], "fixes": [], "rows": [],
                       "missing": [], "files": []}
        else:
            due = dt.date.fromisoformat(period_row["due"])
            try:
                summary = read_upload(tl, self.files, period_date(period_row["period"]), due, unit, no, stored.sha256,
                                      kind, received, on_time_upload(self.store.uploads(period_row["id"], unit=unit), due),
                                      form=via == VIA_FORM)
            except Exception:
                # the unit is told the server failed; what it sent is still kept and shown, as after a kill
                self.record_interrupted(json.loads(entry.read_text(encoding="utf-8")))
                self.journal.end(entry)
                raise
        crash_point("upload read")
        row = self.store.add_upload(period_id=period_row["id"], unit=unit, via=via, sha256=stored.sha256,
                                    size=stored.size, suffix=kind, original_name=original_name,
                                    received_at=received, accepted=summary["accepted"], summary=summary,
                                    client_addr=client_addr, receipt_no=no)
        crash_point("upload recorded")
        self.journal.end(entry)
        return UploadResult(row, summary)

    def record_interrupted(self, entry: dict, *, how: str = "") -> dict:
        """An upload whose server stopped before its row was written: recorded as 上传中断，未确认收到, not part of
        the month (the unit had no receipt); the unit's page and the clerk's say so and what to do."""
        prow = self.store.period_by_id(entry["period_id"])
        received = dt.datetime.fromisoformat(entry["received_at"])
        lost = not self.files.path(entry["sha256"], entry["suffix"]).exists()
        summary = {"interrupted": True, "lost": lost, "refused": INTERRUPTED_LOST if lost else INTERRUPTED,
                   "unit": entry["unit"], "accepted": False, "state": INTERRUPTED_STATE,
                   "received": received.isoformat(sep=" "), "received_how": how, "due": prow["due"] if prow else "",
                   "fixes": [], "rows": [], "missing": [], "files": []}
        return self.store.add_upload(period_id=entry["period_id"], unit=entry["unit"], via=entry["via"],
                                     sha256=entry["sha256"], size=entry["size"], suffix=entry["suffix"],
                                     original_name=entry["original_name"], received_at=received, accepted=False,
                                     summary=summary, client_addr=entry.get("client_addr"),
                                     receipt_no=entry["receipt_no"])

    def recover(self) -> list[dict]:
        """On start: the uploads servers that are gone were receiving (their journal entries), and stored files no
        row names (cut off by an older version, which stored before it journalled): each recorded as
        「上传中断，未确认收到」 for its unit, so no page is silent about what a unit sent (trial 13)."""
        out = []
        for entries, release in self.journal.orphaned():
            for e in entries:
                if self.store.upload(e["receipt_no"]) is None and self.store.period_by_id(e["period_id"]) is not None:
                    out.append(self.record_interrupted(e))
            release()
        return out + self._unrecorded_files()

    def _unrecorded_files(self) -> list[dict]:
        # listed before the rows and the journals are read: a file another live server is receiving has its
        # journal entry until its row is written (checked once more just before recording)
        on_disk = {p.name.split(".", 1)[0]: p for p in self.files.folder.glob("??/*.*")
                   if re.fullmatch(r"[0-9a-f]{64}\.[a-z0-9]{1,5}", p.name)}
        if not on_disk:
            return []
        seen = set(json.loads(self.store.setting(UNRECORDED_KEY) or "[]"))
        loose = set(on_disk) - self.store.stored_hashes() - self.journal.hashes() - seen
        out = []
        for sha in sorted(loose):
            if sha in self.store.stored_hashes():
                continue
            path = on_disk[sha]
            whose = self._whose(path)
            if whose is None:      # (a list that failed its checks is kept so too): not read again at each start
                seen.add(sha)
                continue
            prow, unit = whose
            when = dt.datetime.fromtimestamp(path.stat().st_mtime)
            out.append(self.record_interrupted(
                {"receipt_no": self.new_receipt_no(when), "period_id": prow["id"], "unit": unit, "via": VIA_LINK,
                 "sha256": sha, "size": path.stat().st_size, "suffix": path.suffix, "original_name": f"原文件名不明{path.suffix}",
                 "received_at": when.isoformat()},
                how="文件保存的时间（没有收件记录：按文件里写的单位和报送期）"))
        if seen:
            self.store.set_setting(UNRECORDED_KEY, json.dumps(sorted(seen)))
        return out

    def _whose(self, path: Path):
        """(period row, unit) an issued return says it is (its hidden sheet), when that period has that unit."""
        from ..collect import book_identity
        from ..workbook_reader import SPREADSHEET_SUFFIXES, read_file_as
        if path.suffix not in SPREADSHEET_SUFFIXES:
            return None
        try:
            meta = book_identity(read_file_as(path, Path(path.name)))
        except ZhishuiError:
            return None
        prow = self.store.period(meta.get("period", "")) if meta else None
        if prow is None or meta.get("unit") not in self.store.tokens(prow["id"]):
            return None
        return prow, meta["unit"]

    def add_clerk_files(self, period_row, files: list[tuple[str, bytes]], user: str) -> list[dict]:
        """Files the clerk received by e-mail or on paper-and-disk: kept by hash, read with the month."""
        out = []
        for name, data in files:
            kind = clerk_kind(name, data)
            stored = self.files.put(data, kind)
            received = dt.datetime.now()
            out.append(self.store.add_upload(
                period_id=period_row["id"], unit=None, via=VIA_CLERK, sha256=stored.sha256, size=stored.size,
                suffix=kind, original_name=Path(name.replace("\\", "/")).name or "未命名", received_at=received,
                accepted=True, summary={"by": user}, receipt_no=self.new_receipt_no(received)))
        return out

    # --- the month ----------------------------------------------------------------------
    def report_date(self, period_row) -> dt.date:
        return dt.date.fromisoformat(period_row["report_date"]) if period_row["report_date"] else dt.date.today()

    def month(self, period_row, report_date: dt.date | None = None, *, date_typed: bool = False) -> Month:
        """run_month over the period's inbox; computed again only when what it is made from changed.
        ``date_typed``: the clerk typed the date for the documents, checked as the CLI checks it."""
        return self.month_and_basis(period_row, report_date, date_typed=date_typed)[0]

    def month_and_basis(self, period_row, report_date: dt.date | None = None, *,
                        date_typed: bool = False) -> tuple[Month, dict]:
        """The month and what it was computed from (``basis``): the one kept is used while the basis is the
        same, so a decision another process recorded in the history counts as an upload does."""
        report_date = report_date or self.report_date(period_row)
        uploads = self.store.uploads(period_row["id"])
        basis = self.basis(period_row, uploads)
        key = (json.dumps(basis, sort_keys=True), report_date, date_typed)
        with self._locks[period_row["id"]]:
            hit = self._months.get(period_row["id"])
            if hit and hit[0] == key:
                return hit[1], basis
            tl = require_month_columns(self.task_list(self.store.get_list(period_row["list_id"])))
            with tempfile.TemporaryDirectory(prefix="zhishui-month-") as tmp:
                m = run_month(tl, [self.inbox(period_row, Path(tmp), uploads)], period_date(period_row["period"]),
                              report_date, due=dt.date.fromisoformat(period_row["due"]), history_folder=self.history_folder,
                              allow_empty=True, history_db=self.history_db, front="web", date_typed=date_typed)
            # (keyed on what the history is once this month is recorded: recording it is no change another made)
            basis = self.basis(period_row, uploads)
            self._months[period_row["id"]] = ((json.dumps(basis, sort_keys=True), report_date, date_typed), m)
            return m, basis

    def not_read(self, period_row, m: Month) -> list[tuple[str, str, str]]:
        """Returns of the period another run recorded (the command line over an e-mail folder, on the server's
        database) that the page's month did not read: asked of the history each time the page is shown (trial 28)."""
        from ..history import History
        if not historydb.exists(self.history_folder, self.history_db):
            return []
        h = History(self.history_folder, readonly=True, db=self.history_db)
        try:
            return h.earlier_not_read(m.col.submissions, period_row["period"])
        finally:
            h.close()

    def basis(self, period_row, uploads=None) -> dict:
        """What the period's month is made from, as it is now: the list (and 名录), every upload and whether it is
        adopted, the deadline, the mail folder's files, and the history's decisions (``zhishui extend`` on the
        server's database, from another process: the trial-13 page kept an extended task 逾期 until a restart).
        The month kept for the page is keyed on it; each set of documents records the one it was made from
        (``changes_since``)."""
        lrow = self.store.get_list(period_row["list_id"])
        uploads = self.store.uploads(period_row["id"]) if uploads is None else uploads
        folder = period_row["inbox_folder"]
        return {"list_id": lrow["id"], "list_sha": lrow["sha256"], "list_name": lrow["name"],
                "uploads": [[u["receipt_no"], bool(u["accepted"])] for u in uploads],
                "due": period_row["due"], "inbox_folder": folder, "folder_files": _folder_digest(folder),
                # (no history yet is what the first month leaves it: no decision, no attribution, no earlier month)
                "history": history_signature(self.history_folder, self.history_db, period_row["period"])
                or {"decisions": [0, 0], "assignments": [0, None], "runs_before": 0, "unread": [0, 0]}}

    def changes_since(self, period_row, set_folder: Path, now: dict | None = None) -> list[str] | None:
        """What changed since the set of documents in ``set_folder`` was made, one Chinese line each ([]: nothing,
        the set is what the page shows; None: a set made before sets recorded their basis).  ``now``: the period's
        basis, when the caller has it."""
        path = set_folder / BASIS_NAME
        if not path.is_file():
            return None
        then = json.loads(path.read_text(encoding="utf-8"))
        uploads = self.store.uploads(period_row["id"])
        now = now or self.basis(period_row, uploads)
        out = []
        if then["list_id"] != now["list_id"]:
            out.append(f"本期改用了清单「{now['list_name']}」")
        seen = {no for no, _ in then["uploads"]}
        new = [u for u in uploads if u["receipt_no"] not in seen]
        sent = [u for u in new if u["via"] != VIA_CLERK]
        added = [u for u in new if u["via"] == VIA_CLERK]
        if sent:
            out.append(f"生成后又收到{len(sent)}份报送（" + "、".join(
                f"{u['unit']} {u['received_at']:%m月%d日 %H:%M:%S}" for u in sent[:5]) + ("等" if len(sent) > 5 else "") + "）")
        if added:
            out.append(f"生成后办事员又添加了{len(added)}个文件（" + "、".join(
                f"「{u['original_name']}」" for u in added[:5]) + ("等" if len(added) > 5 else "") + "）")
        if then["due"] != now["due"]:
            out.append(f"截止日期已改（由{then['due']}改为{now['due']}）")
        if then["inbox_folder"] != now["inbox_folder"]:
            out.append(f"邮件收到的报送表文件夹已改为「{now['inbox_folder'] or '（无）'}」")
        elif then["folder_files"] != now["folder_files"]:
            out.append(f"邮件收到的报送表文件夹「{now['inbox_folder']}」里的文件有变动")
        out += self._decisions_since(period_row, then["history"]["decisions"][1], now["history"]["decisions"][1])
        if then["history"]["assignments"] != now["history"]["assignments"]:
            out.append("生成后又人工指定了文件的单位（zhishui collect --assign）")
        return out

    def _decisions_since(self, period_row, since: int, top: int) -> list[str]:
        """「延期已办理：序号5，市住建局申请延期至2027-03-31已同意（…）」 for each decision recorded after ``since`` that
        this period's month obeys (news in this period or an earlier one, ``Decision.news_in``)."""
        if top <= since:
            return []
        from ..history import History
        from ..recall import decisions_of
        h = History(self.history_folder, readonly=True, db=self.history_db)
        try:
            # (one news in a later month leaves this one as reported: README 「延期申请带到以后各期」)
            new = [d for d in decisions_of(h) if d.seq > since and d.news_in <= period_row["period"]]
        finally:
            h.close()
        labels = {t.key: t.label for t in self.task_list(self.store.get_list(period_row["list_id"])).tasks}
        return [f"生成后{d.kind}已办理：序号{labels.get(d.task, d.task)}，{d.text(clerk=True)}" for d in new]

    def inbox(self, period_row, root: Path, uploads=None) -> Path:
        """The period's uploads laid out as one inbox folder (hard links to the stored files):
        ``收到/网页上传/<单位>_<回执>.xlsx``, ``收到/办事员添加/<回执>/<原名>``, and the server's
        receipt log ``收到/网页上传收件记录.csv``, which the reader finds by its name as it finds a
        clerk's 收件记录; the period's local mail folder under ``收到/本机文件夹/`` (hard links: the
        file times the reader may date a return by stay the originals').  The same folder, exported,
        gives the same month on the command line."""
        inbox = root / INBOX_DIR
        inbox.mkdir(parents=True, exist_ok=True)
        folder = period_row["inbox_folder"]
        if folder and Path(folder).is_dir():
            try:
                shutil.copytree(folder, inbox / LOCAL_DIR, symlinks=False, copy_function=_link_or_copy)
            except (shutil.Error, OSError) as e:
                bad = e.args[0][0][0] if isinstance(e, shutil.Error) and e.args and e.args[0] else getattr(e, "filename", folder)
                raise ZhishuiError(f"本期的邮件文件夹里有文件读不了（{Path(str(bad)).name}）", file=folder, code="INBOX_UNREADABLE",
                                   hint="请检查这个文件的权限，或把它移出文件夹后再看报送情况") from None
        log_rows, refused = [], []
        for u in self.store.uploads(period_row["id"]) if uploads is None else uploads:
            if not u["accepted"]:
                if u["via"] != VIA_CLERK and u["unit"]:
                    refused.append((f"{u['receipt_no']}_{_clerk_name(u)}", u["unit"], u["received_at"], u["receipt_no"],
                                    refusal(json.loads(u["summary"] or "{}"))))
                continue
            if u["via"] == VIA_CLERK:
                self.files.link(u["sha256"], u["suffix"], inbox / CLERK_DIR / u["receipt_no"] / _clerk_name(u))
            else:
                name = upload_name(u["unit"], u["receipt_no"], u["suffix"])
                self.files.link(u["sha256"], u["suffix"], inbox / UPLOADS_DIR / name)
                log_rows.append((name, u["unit"], u["received_at"], u["receipt_no"]))
        if log_rows or refused:
            write_log(inbox / LOG_NAME, log_rows, refused)
        return inbox

    def inbox_zip(self, period_row) -> bytes:
        """``收到/`` as the month reads it, and beside it ``未采用的上传/``: every upload that was
        refused (nothing a unit sent is lost), kept out of 收到 so the month stays the same; and
        ``清单/``: the period's list and its separate 单位名录, which ``cli_command`` names (without the
        名录 a 「各乡镇」 does not expand and the counts differ: the trial-10 clerk's command did)."""
        with tempfile.TemporaryDirectory(prefix="zhishui-export-") as tmp:
            root = Path(tmp)
            self.inbox(period_row, root)
            for u in self.store.uploads(period_row["id"]):
                # (an upload cut off before its file was saved has none)
                if not u["accepted"] and self.files.path(u["sha256"], u["suffix"]).exists():
                    self.files.link(u["sha256"], u["suffix"], root / REFUSED_DIR / f"{u['receipt_no']}_{_clerk_name(u)}")
            (root / LIST_DIR).mkdir()
            for path, name in self._exported_list(period_row):
                _link_or_copy(path, root / LIST_DIR / name)
            return zip_of(root)

    def _exported_list(self, period_row) -> list[tuple[Path, str]]:
        """(stored file, its name under 清单/) for the period's list and its separate 单位名录, the zip and
        ``cli_command`` alike; a 名录 named as the list is (kept in a folder apart) is told apart by a prefix."""
        lrow = self.store.get_list(period_row["list_id"])
        lpath, dpath = self.list_path(lrow), self.directory_path(lrow)
        out = [(lpath, lpath.name)]
        if dpath is not None:
            out.append((dpath, dpath.name if dpath.name != lpath.name else f"单位名录_{dpath.name}"))
        return out

    def cli_command(self, period_row) -> str:
        """The command that gives this period's documents from the exported zip, unpacked: runs as printed (its
        --out included) in the folder holding ``收到/`` and ``清单/``."""
        files = [name for _, name in self._exported_list(period_row)]
        parts = ["zhishui docs", _arg(f"{LIST_DIR}/{files[0]}"), INBOX_DIR]
        if len(files) > 1:
            parts += ["--directory", _arg(f"{LIST_DIR}/{files[1]}")]
        # (the date the page counts the month on, today's until documents fix it: without it the command run another
        # day judged another day's month, or stopped — trial 21)
        parts += ["--period", period_row["period"], "--due", period_row["due"],
                  "--date", self.report_date(period_row).isoformat()]
        return " ".join(parts + ["--out", "文书"])

    # --- 销号 and 延期 (README 「一年怎么用」) ---------------------------------------------------
    def decide(self, period_row, kind: str, task: str, yes: bool, *, period: str | None = None, unit: str | None = None,
               to: dt.date | None = None, reason: str = "", by: str = "", login: str = "") -> list[str]:
        """A 销号 or 延期 decision on the period's report, made by ``decisions.close_out``/``extend`` exactly as
        ``zhishui close``/``extend`` make it (same checks, same history, same lines), in one transaction; a refusal
        raises the engine's ZhishuiError and records nothing.  ``period``: the period the decision is kept on (an
        extension decided before is changed on the period that asked; default this one); ``login``: the signed-in
        clerk, kept (never printed) when no 办理人 is typed.  Returns the engine's lines, then the command line's
        files of the period that are now out of date (outputs.stale_after)."""
        from .. import outputs
        from ..archives import locate
        from ..decisions import CLOSE, WEB, close_out, extend
        self.month(period_row)           # the period as the page shows it is the one recorded in the history
        tl = self.task_list(self.store.get_list(period_row["list_id"]))
        place = locate(tl, self.history_folder, self.history_db)
        if place.stored is None:
            raise ZhishuiError("这份清单还没有历史记录", code="NO_HISTORY", hint="请先打开报送情况页（汇总本期）再办理")
        on = period or period_row["period"]
        with self._locks[period_row["id"]]:     # (not while this period's month is being recorded)
            h = place.open(tl)
            try:
                with h.transaction():
                    before = outputs.decisions_top(h)
                    if kind == CLOSE:
                        lines = close_out(h, tl, [task], on, approve=yes, reason=reason, by=by, source=WEB, login=login)
                    else:
                        lines = [extend(h, tl, task, on, agree=yes, unit=unit or None, to=to, reason=reason, by=by,
                                        source=WEB, login=login)]
                    stale = outputs.stale_after(h, before)
            finally:
                h.close()
        return lines + stale

    # --- the history query (zhishui history, README 「随时查」) ------------------------------------
    def ask_history(self, unit: str | None = None, task: str | None = None, period: str | None = None) -> dict:
        """``historyquery.ask`` over the desk's history on the current list, as ``zhishui history`` asks it with
        the same list (the same rows: ``rows``); a refusal is the engine's ZhishuiError in the page's words.
        ``meant``: the unit the name typed was taken for, ``said``: that sentence when it is another name."""
        from ..decisions import WEB
        from ..historyquery import ask, meant_note
        unit, task = (unit or "").strip() or None, (task or "").strip() or None
        period = parse_period(period) if (period or "").strip() else None
        rows = ask(self.task_list(), self.history_folder, unit=unit, task=task, period=period, db=self.history_db,
                   source=WEB)
        meant = rows.meant or None
        return {"rows": rows, "meant": meant, "said": meant_note(unit, meant),
                "asked": "".join(x for x in (meant or "", rs.period_cn(period_date(period)) if period else "",
                                             f"序号{task}" if task else ""))}

    def history_periods(self) -> list[str]:
        """The periods the desk's history holds for the current list (none yet: [])."""
        from ..archives import locate
        try:
            place = locate(self.task_list(), self.history_folder, self.history_db)
        except ZhishuiError:
            return []
        if place.stored is None:
            return []
        h = place.history(readonly=True)
        try:
            return h.periods()
        finally:
            h.close()

    def source_words(self, file: str | None) -> dict:
        """Where a report the history keeps came from, as the clerk knows it (the history names the file by its
        place in the month's inbox, 收到/网页上传/<单位>_<回执>.xlsx, which nobody uploaded under that name): the
        name it was uploaded or added under and how, with its receipt (``period``/``receipt``: the receipt page);
        a mail-folder file or a file the command line collected by its own name, never a folder on the server."""
        outer, _, member = (file or "").replace("\\", "/").partition("!")
        parts = Path(outer).parts
        inside = f"中的「{member.split('/')[-1]}」" if member else ""
        if len(parts) >= 3 and parts[0] == INBOX_DIR and parts[1] in (UPLOADS_DIR, CLERK_DIR):
            no = Path(parts[2]).stem.rsplit("_", 1)[-1] if parts[1] == UPLOADS_DIR else parts[2]
            u = self.store.upload(no)
            if u is not None:
                prow = self.store.period_by_id(u["period_id"])
                if u["via"] == VIA_FORM:
                    text = f"单位在网页上填写（回执{no}）"
                else:
                    how = "办事员添加" if u["via"] == VIA_CLERK else "单位通过报送链接上传"
                    text = f"「{u['original_name']}」{inside}（{how}，回执{no}）"
                return {"text": text, "period": prow["period"] if prow else None, "receipt": no}
        return {"text": adopted_words(file) if file else "", "period": None, "receipt": None}

    # --- the year's report (zhishui docs --year) ----------------------------------------------
    def year_list(self, year: int) -> tuple[dict, str]:
        """(list row, its period) the year's report is made on: the list the year's last period on this desk used
        (year.load_year checks it against the history's last period, as ``docs --year`` checks the file given)."""
        rows = [p for p in self.store.periods() if p["period"].startswith(f"{year}-")]
        if not rows:
            known = "、".join(sorted({p["period"][:4] for p in self.store.periods()})) or "（还没有）"
            raise ZhishuiError(f"督办台上没有{year}年的报送期", code="NO_YEAR", hint=f"有报送期的年份：{known}")
        last = max(rows, key=lambda p: p["period"])
        return self.store.get_list(last["list_id"]), last["period"]

    def year_folder(self, year: int) -> Path:
        return self.data / "years" / str(year)

    def make_year_docs(self, year: int, on: dt.date | None = None) -> Path:
        """The annual summary and the 考核 result (Word and workbook) by ``make_year_documents`` over
        ``load_year``, as ``zhishui docs --year`` makes them, in a dated set of the year's folder."""
        from ..generators.year_documents import make_year_documents
        from ..year import load_year, report_date
        lrow, last = self.year_list(year)
        tl = self.task_list(lrow)
        # the last period recorded as the desk has it now (its list changed since its page was last computed, say)
        self.month(self.store.period(last))
        try:
            y = load_year(tl, year, self.history_folder, self.history_db)
        except ZhishuiError as e:
            if e.code != "NOT_LAST_LIST":
                raise
            # a later month of the history was collected elsewhere (command line, 督办台账) on another list: said in
            # the page's terms, not as a command to run here
            raise ZhishuiError(e.what, code=e.code, hint=(
                f"历史记录里这一年的最后一期不是在督办台上汇总的（督办台上{year}年最后一个报送期是{last}，用的是清单"
                f"「{lrow['name']}」）：请在那一版清单所在的电脑上用命令行生成（{e.hint}），或在督办台上载入那一版清单、"
                f"开始那个报送期后再生成")) from None
        root = self.year_folder(year)
        tmp = making_folder(root)
        date = report_date(y, on)
        make_year_documents(y, tl, tmp, date)
        (tmp / "报告日期.txt").write_text(date.isoformat(), encoding="utf-8")
        (tmp / "月份.txt").write_text(f"{len(y.periods)}个月：{y.periods[0]}至{y.periods[-1]}", encoding="utf-8")
        # what the year was read from: the 年度 page says what changed since (as the 文书 page does for a month)
        (tmp / BASIS_NAME).write_text(json.dumps(self._year_basis(year), ensure_ascii=False), encoding="utf-8")
        return publish(tmp, root)   # (twice in one second: a second set beside the first, not over it)

    def _year_basis(self, year: int) -> dict:
        sig = history_signature(self.history_folder, self.history_db, f"{year + 1}-01") or {}
        return {"decisions": (sig.get("decisions") or [0, 0])[1], "runs": sig.get("runs_before", 0)}

    def year_changes(self, year: int, set_folder: Path) -> list[str] | None:
        """What changed in the history since the year's set in ``set_folder`` was made: each decision of the year
        recorded since (「生成后销号已办理：序号1，…」), and months collected again ([]: nothing; None: no record)."""
        path = set_folder / BASIS_NAME
        if not path.is_file():
            return None
        then, now = json.loads(path.read_text(encoding="utf-8")), self._year_basis(year)
        out = []
        if now["decisions"] > then["decisions"]:
            from ..history import History
            from ..recall import decisions_of
            h = History(self.history_folder, readonly=True, db=self.history_db)
            try:
                new = [d for d in decisions_of(h) if d.seq > then["decisions"] and d.period.startswith(f"{year}-")]
            finally:
                h.close()
            labels = {t.key: t.label for t in self.task_list(self.year_list(year)[0]).tasks}
            out += [f"生成后{d.kind}已办理：序号{labels.get(d.task, d.task)}，{d.text(clerk=True)}" for d in new]
        if now["runs"] != then["runs"]:
            out.append("生成后历史记录里又汇总过（报送情况页按新收到的报送或新的办理重新计算，或命令行、督办台账汇总），各月的结果可能已变")
        return out

    # --- documents and the web form -------------------------------------------------------
    def make_docs(self, period_row, report_date: dt.date) -> Path:
        m, basis = self.month_and_basis(period_row, report_date, date_typed=True)
        # the set keeps what it was made from: the 文书 page says what changed since (the trial-13 set stayed on
        # 逾期4, 完成率8.3% after a correction and a new deadline, the live page on 逾期3, 16.7%, and nothing said so)
        folder = make_docs(m, self.period_folder(period_row["period"]) / "文书", self.links(period_row),
                           {BASIS_NAME: json.dumps(basis, ensure_ascii=False, indent=1)})
        self._record_set(period_row, m, folder)
        return folder

    def _record_set(self, period_row, m, folder: Path) -> None:
        """The set is kept in the history's ``outputs`` as the command line's are: a decision its 通报 said is not
        news again next month (recall.is_news; the trial-18 October decisions were in October's and November's)."""
        from .. import outputs
        from ..archives import locate
        tl = self.task_list(self.store.get_list(period_row["list_id"]))
        place = locate(tl, self.history_folder, self.history_db)
        if place.stored is None:
            return
        with self._locks[period_row["id"]]:
            h = place.open(tl)
            try:
                with h.transaction():
                    outputs.record_web_set(h, m, folder)
            finally:
                h.close()

    def doc_sets(self, key: str) -> list[Path]:
        return doc_sets(self.period_folder(key) / "文书")

    def form_workbook(self, period_row, unit: str, values: dict) -> bytes:
        tl = self.task_list(self.store.get_list(period_row["list_id"]))
        return form_workbook(tl, unit, period_date(period_row["period"]), dt.date.fromisoformat(period_row["due"]),
                             values, self.links(period_row).get(unit), self.issue_of(period_row))

    def issue_of(self, period_row):
        """What the history says to the period's returns (decisions.Issue: the tasks closed out, the 办理意见), as
        issue_period gives it to the issued sheets: the unit's page and web form ask for what its sheet asks for."""
        from ..archives import issue_for
        # kept while the history's decisions and earlier months are the same (each unit's page asks for it)
        key = (period_row["list_id"], self._issue_stamp(period_row))
        hit = self._issues.get(period_row["id"])
        if hit and hit[0] == key:
            return hit[1]
        tl = self.task_list(self.store.get_list(period_row["list_id"]))
        issue = issue_for(tl, period_row["period"], self.history_folder, db=self.history_db)
        self._issues[period_row["id"]] = (key, issue)
        return issue

def clerk_kind(name: str, data: bytes) -> str:
    """The clerk's own files are all kept (a lock file, a scan): the content's kind where it is
    clear, else the name's suffix, so the reader treats the file as it would in a folder."""
    if len(data) > MAX_UPLOAD:
        raise ZhishuiError(f"「{Path(name).name}」有{len(data) / 1048576:.1f}MB，超过{MAX_UPLOAD // 1048576}MB的上限",
                           code="UPLOAD_TOO_LARGE", hint="请只添加报送表、邮件和收件记录")
    kind = kind_of(data)
    if kind in (".bin", ".txt"):
        own = Path(name).suffix.lower()
        kind = own if re.fullmatch(r"\.[a-z0-9]{1,5}", own) else kind
    if kind == ".zip":
        try:
            check_zip(data)
        except ZhishuiError as e:
            raise ZhishuiError(f"「{Path(name).name}」：{e.what}", code=e.code, hint=e.hint) from None
    return kind


def _directory_file(name: str, kind: str) -> str:
    """The 名录 file as the engine reads it: the clerk's name (sanitised), the content's kind as its suffix."""
    return safe_filename(Path(name.replace("\\", "/")).stem, default="单位名录") + kind


def _arg(text: str) -> str:
    """A path as typed on a command line (Windows cmd and a Unix shell alike): quoted when it has a space or a
    character a shell would take."""
    return f'"{text}"' if re.search(r"[\s&|<>^;'()$`]", text) else text


def _clerk_name(u) -> str:
    stem = safe_filename(Path(u["original_name"]).stem, default="未命名")
    return stem + u["suffix"]


def _kept_suffix(data: bytes, kind: str) -> str:
    from .files import kind_of
    k = kind_of(data)
    return k if k.startswith(".") and len(k) <= 6 else kind


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:        # another file system: a copy that keeps the file's time
        shutil.copy2(src, dst)


def _folder_digest(folder: str | None) -> str | None:
    """The mail folder's files (names, sizes, times) in one digest: kept in a set's basis, compared later."""
    if not folder or not Path(folder).is_dir():
        return None
    import hashlib
    files = sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in Path(folder).rglob("*") if p.is_file())
    return hashlib.sha256(json.dumps(files).encode()).hexdigest()


def adopted_words(file: str) -> str:
    """Where the file the month adopted for a unit came from, in the clerk's words: 「网页上传，回执…」,
    「办事员添加的「工信局_邮件.xlsx」」, 「邮件文件夹里的「…」」 (``file`` as the month names it: 收到/网页上传/…,
    a member of a zip or an e-mail after a 「!」)."""
    outer, _, member = (file or "").replace("\\", "/").partition("!")
    parts = Path(outer).parts
    inside = f"中的「{member.split('/')[-1]}」" if member else ""
    if len(parts) < 3 or parts[0] != INBOX_DIR:
        return f"「{Path(outer).name}」{inside}" if file else ""
    if parts[1] == UPLOADS_DIR:
        return f"网页上传，回执{Path(parts[2]).stem.rsplit('_', 1)[-1]}" + (f"，其中的「{member.split('/')[-1]}」" if member else "")
    where = "办事员添加的" if parts[1] == CLERK_DIR else "邮件文件夹里的" if parts[1] == LOCAL_DIR else ""
    return f"{where}「{parts[-1]}」{inside}"


def summary_json(row) -> dict:
    return json.loads(row["summary"]) if row and row["summary"] else {}


# The list's checks word their advice for the command line (its options, the folders on this machine); the page says
# what to do here: the 「列对应」 of the list's 设置 sheet (the page's 「读取的列」 gives its value), the 单位名录 chosen
# beside the list in 「载入清单」, a 设置 sheet's 成文日期 (the trial-16 page told a browser user 「命令行加 --columns」
# and showed the server's folder).  Every list the page loads has a folder of its own, so a mapping 「记住」 there is
# never read again: the 设置 sheet, which travels with the list, is the way.
PAGE_COLUMNS = ("如果读错了，在清单里加一张「设置」表（A列「项目」、B列「值」），写一项「列对应」，值照本页「读取的列」下面写的"
                "（改成正确的列字母），再在「载入清单」重新载入")
PAGE_DIRECTORY = "在清单工作簿中加一张「单位名录」表，或者在「载入清单」时把单位名录文件和清单一起选上，再载入"
PAGE_DOC_DATE = "把清单另存为Excel工作簿（.xlsx），加一张「设置」表（A列「项目」、B列「值」）填上「成文日期」，再在「载入清单」重新载入"
PAGE_ADVICE = {
    "COLUMN_AMBIGUOUS": PAGE_COLUMNS,
    "NO_DIRECTORY": PAGE_DIRECTORY,
    "DEADLINE_UNREADABLE": "在清单里写明年份，如「2024年6月30日前」；或者" + PAGE_DOC_DATE,
    "DEADLINE_RELATIVE": "核对年份是否正确；文件日期不对的，" + PAGE_DOC_DATE,
    "NO_OFFICE": "把清单另存为Excel工作簿（.xlsx），加一张「设置」表（A列「项目」、B列「值」），写一行「汇总单位」及其名称，"
                 "如「县治水办」，再在「载入清单」重新载入",
}
_OPTION_RE = re.compile(r"(?<![\w-])--[a-z]")


def findings_on_the_page(findings: list, tl: TaskList) -> list:
    """The list's findings as the page says them: advice naming a command-line option is said as what to do on
    the page, and no finding shows a folder on the server (the 列对应 the command line remembers)."""
    from dataclasses import replace
    from ..column_mappings import store_path
    kept = str(store_path(tl.path))
    out = []
    for f in findings:
        message, suggestion = f.message, f.suggestion
        if f.code == "COLUMN_MAPPING":
            # 「…；已记住，以后读取同样表头的清单自动使用（<folder>/列对应.json）」: true of the command line only
            message = message.split("；已记住")[0].replace(f"（{kept}）", "")
        if f.code in PAGE_ADVICE and (_OPTION_RE.search(suggestion) or kept in suggestion):
            suggestion = PAGE_ADVICE[f.code]
        out.append(replace(f, message=message, suggestion=suggestion))
    return out


def _on_the_page(e: ZhishuiError, path: Path) -> ZhishuiError:
    """A list that cannot be read, said for the page: a 断面清单 (断面名称, 水质目标…) uploaded as the
    责任清单 is named and sent to where 水质研判 is done; the command line's --sheet is not offered
    on a page that has no such option (the session-18 trial)."""
    from ..water.sections import section_sheet
    from ..workbook_reader import read_book
    try:
        book = read_book(path)
    except ZhishuiError:
        book = None
    sheet = section_sheet(book) if book else None
    if sheet is not None:
        return ZhishuiError(f"上传的是断面清单（工作表「{sheet}」有断面名称、水质目标等列），不是责任清单",
                            code="SECTIONS_NOT_LIST",
                            hint="断面清单请在督办台的「水质」页（页面上方）载入，在那里每天添加监测数据、研判，"
                                 "出水质预警、督办、日报和月报。这里请上传列有任务内容、牵头单位和完成时限的责任清单")
    from ..listreader import COLUMNS_OPTION_HINT
    from ..tasks import SHEET_OPTION_HINT
    hint = (e.hint or "").replace(SHEET_OPTION_HINT, "；如果工作簿里有好几张表，请把责任清单单独另存为一个工作簿再上传")
    hint = hint.replace(COLUMNS_OPTION_HINT, "表头用的是别的词时，在清单里加一张「设置」表（A列「项目」、B列「值」），"
                                             "写一项「列对应」，值如「内容=B,时限=C,牵头=D」，再上传")
    if hint != (e.hint or ""):
        return ZhishuiError(e.what, file=e.file, sheet=e.sheet, cell=e.cell, code=e.code, hint=hint)
    return e
