"""A receipt-log line naming a container (zip archive, folder, e-mail) applies to what came out of it,
and zip member names are read in the encoding the tool that made the archive used (README
「报送情况和收到时间」, 「压缩包」).  Archives are made the way the real tools make them: Info-ZIP
``zip`` on Linux (UTF-8 names, no UTF-8 flag) and a Windows tool (GBK names, no flag)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile

import pytest

from conftest import LIST001
from returns_factory import fill_return, set_mtime, write_zip
from test_receipts import message
from zhishui.intake import decode_name_bytes
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list

PERIOD, REPORT, DUE = dt.date(2020, 11, 1), dt.date(2020, 11, 30), dt.date(2020, 11, 25)
AGRI, WATER, RIVER = "区农业农村委", "区水利局", "区河长办"
ZIP = shutil.which("zip")


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    tl = load_list(LIST001)
    root = tmp_path_factory.mktemp("issued")
    return tl, {f.unit: f.path for f in split_returns(tl, PERIOD, root, due=DUE)}


def linux_zip(folder, archive, *names):
    """Info-ZIP ``zip`` as a Linux/mac user runs it in a UTF-8 locale."""
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    subprocess.run([ZIP, "-q", "-X", str(archive), *names], cwd=folder, env=env, check=True)
    return archive


def log(path, rows):
    path.write_text("文件,单位,收到时间\n" + "".join(f"{f},{u},{t}\n" for f, u, t in rows), encoding="utf-8-sig")


def subs_of(m):
    return {s.file: s for s in m.col.submissions}


@pytest.mark.skipif(ZIP is None, reason="Info-ZIP zip is not installed")
def test_log_line_naming_a_zip_gives_its_returns_their_time(issued, tmp_path):
    """The trial's 收回3z: the log names 城关镇3月.zip (received after the due date), not the return
    inside it; the return is late, and the line is not reported as unmatched."""
    tl, files = issued
    src, inbox = tmp_path / "src", tmp_path / "收回"
    src.mkdir(), inbox.mkdir()
    agri = fill_return(files[AGRI], src / "区农业农村委11月报送表.xlsx", AGRI, report_date=dt.date(2020, 11, 20))
    linux_zip(src, inbox / "农业农村委11月.zip", agri.path.name)
    water = fill_return(files[WATER], inbox / "区水利局报送表.xlsx", WATER, report_date=dt.date(2020, 11, 20))
    log(inbox / "收件记录.csv", [("农业农村委11月.zip", "", "2020-11-28 10:00"),
                                 (water.path.name, "", "2020-11-22 10:00")])
    for p in inbox.iterdir():
        set_mtime(p, dt.datetime(2020, 12, 1, 9))
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    s = subs_of(m)["收回/农业农村委11月.zip!区农业农村委11月报送表.xlsx"]
    assert (s.unit, s.status, s.received, s.received_how, s.late) == (
        AGRI, "counted", dt.datetime(2020, 11, 28, 10), "收件记录", True)
    assert "农业农村委11月.zip" in s.received_source and "第2行" in s.received_source
    w = subs_of(m)["收回/区水利局报送表.xlsx"]
    assert (w.received, w.late) == (dt.datetime(2020, 11, 22, 10), False)
    assert not [a for a in m.col.anomalies if a.code == "RECEIPT_UNMATCHED"]
    assert m.unit_counts["逾期报送"] == 1


def test_own_line_beats_the_archive_line_and_nested_folder_and_zip_in_zip(issued, tmp_path):
    """Innermost first: a line naming the file itself, then the inner zip, then the outer zip; a
    folder the clerk unpacked an archive into is a container too."""
    tl, files = issued
    inbox = tmp_path / "收回"
    (inbox / "河长办（解压）").mkdir(parents=True)
    agri = fill_return(files[AGRI], tmp_path / "a.xlsx", AGRI, report_date=dt.date(2020, 11, 20))
    water = fill_return(files[WATER], tmp_path / "w.xlsx", WATER, report_date=dt.date(2020, 11, 20))
    river = fill_return(files[RIVER], inbox / "河长办（解压）" / "报送表.xlsx", RIVER, report_date=dt.date(2020, 11, 20))
    inner = write_zip(tmp_path / "内层.zip", {"农业.xlsx": agri.path.read_bytes()}, gbk_names={"农业.xlsx"})
    write_zip(inbox / "汇总包.zip", {"内层.zip": inner.read_bytes(), "水利.xlsx": water.path.read_bytes()},
              gbk_names={"内层.zip", "水利.xlsx"})
    log(inbox / "收件记录.csv", [("汇总包.zip", "", "2020-11-21 08:00"), ("内层.zip", "", "2020-11-27 08:00"),
                                 ("水利.xlsx", "", "2020-11-23 08:00"), ("河长办（解压）", "", "2020-11-26 08:00")])
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    subs = subs_of(m)
    a = subs["收回/汇总包.zip!内层.zip!农业.xlsx"]
    w = subs["收回/汇总包.zip!水利.xlsx"]
    r = subs["收回/河长办（解压）/报送表.xlsx"]
    assert (a.unit, a.received, a.late) == (AGRI, dt.datetime(2020, 11, 27, 8), True)
    assert (w.unit, w.received, w.late) == (WATER, dt.datetime(2020, 11, 23, 8), False)
    assert (r.unit, r.received, r.late) == (RIVER, dt.datetime(2020, 11, 26, 8), True)
    assert not [a for a in m.col.anomalies if a.code == "RECEIPT_UNMATCHED"]


def test_log_line_naming_an_eml_is_matched_and_the_mail_time_stays_first(issued, tmp_path):
    tl, files = issued
    inbox = tmp_path / "收回"
    inbox.mkdir()
    agri = fill_return(files[AGRI], tmp_path / "a.xlsx", AGRI, report_date=dt.date(2020, 11, 20))
    (inbox / "农业.eml").write_bytes(message([("农业.xlsx", agri.path.read_bytes())],
                                            received=dt.datetime(2020, 11, 24, 9), sender="a@example.cn"))
    (inbox / "无时间.eml").write_bytes(message([("水利.xlsx", fill_return(
        files[WATER], tmp_path / "w.xlsx", WATER, report_date=None).path.read_bytes())], received=None,
        sender="w@example.cn"))
    log(inbox / "收件记录.csv", [("农业.eml", "", "2020-11-29 08:00"), ("无时间.eml", "", "2020-11-27 08:00")])
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    subs = subs_of(m)
    a, w = subs["收回/农业.eml!农业.xlsx"], subs["收回/无时间.eml!水利.xlsx"]
    assert (a.received, a.received_how, a.late) == (dt.datetime(2020, 11, 24, 9), "邮件", False)
    assert (w.received, w.received_how, w.late) == (dt.datetime(2020, 11, 27, 8), "收件记录", True)
    assert not [a for a in m.col.anomalies if a.code == "RECEIPT_UNMATCHED"]


def test_unit_of_an_archive_line_names_what_nothing_else_identifies(issued, tmp_path):
    tl, files = issued
    inbox = tmp_path / "收回"
    inbox.mkdir()
    bare = fill_return(files[WATER], tmp_path / "表.xlsx", WATER, report_date=dt.date(2020, 11, 20))
    import openpyxl
    wb = openpyxl.load_workbook(bare.path)
    del wb["_zhishui"]
    for ws in wb.worksheets:      # nothing inside says whose it is
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and ("水利" in c.value or "单位" in c.value) and c.row < 4:
                    c.value = None
    wb.save(tmp_path / "表.xlsx")
    write_zip(inbox / "无名.zip", {"表.xlsx": (tmp_path / "表.xlsx").read_bytes()})
    log(inbox / "收件记录.csv", [("无名.zip", WATER, "2020-11-22 08:00")])
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    s = subs_of(m)["收回/无名.zip!表.xlsx"]
    assert (s.unit, s.unit_how, s.received) == (WATER, "receipts", dt.datetime(2020, 11, 22, 8))


# --- member names -----------------------------------------------------------------------------

@pytest.mark.skipif(ZIP is None, reason="Info-ZIP zip is not installed")
def test_linux_zip_utf8_names_without_flag_and_windows_gbk_names(issued, tmp_path):
    tl, files = issued
    src, inbox = tmp_path / "src", tmp_path / "收回"
    (src / "子目录").mkdir(parents=True), inbox.mkdir()
    agri = fill_return(files[AGRI], src / "2020年11月_区农业农村委_进展情况报送表.xlsx", AGRI)
    river = fill_return(files[RIVER], src / "子目录" / "说明.xlsx", RIVER)   # 说明 in UTF-8 is valid GBK too
    linux_zip(src, inbox / "linux.zip", agri.path.name, "子目录/说明.xlsx")
    with zipfile.ZipFile(inbox / "linux.zip") as z:     # really UTF-8 bytes, no flag
        infos = [i for i in z.infolist() if not i.is_dir()]
        assert all(not i.flag_bits & 0x800 for i in infos)
        assert [i.filename.encode("cp437").decode("utf-8") for i in infos] == [
            agri.path.name, "子目录/说明.xlsx"]
    water = fill_return(files[WATER], tmp_path / "w.xlsx", WATER)
    # 水源 in GBK is valid UTF-8 too (ˮԴ): a Windows archive
    write_zip(inbox / "windows.zip", {"水源保护区水利局报送表.xlsx": water.path.read_bytes(),
                                      "水源.txt": "说明".encode("gbk")},
              gbk_names={"水源保护区水利局报送表.xlsx", "水源.txt"})
    with zipfile.ZipFile(inbox / "windows.zip") as z:
        assert z.infolist()[1].filename.encode("cp437").decode("utf-8") == "ˮԴ.txt"
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    names = {s.file for s in m.col.submissions}
    assert {f"收回/linux.zip!{agri.path.name}", "收回/linux.zip!子目录/说明.xlsx",
            "收回/windows.zip!水源保护区水利局报送表.xlsx", "收回/windows.zip!水源.txt"} <= names
    assert {s.unit for s in m.col.submissions if s.status == "counted"} == {AGRI, RIVER, WATER}
    assert not [a for a in m.col.anomalies if a.code == "ZIP_NAME_ENCODING"]
    assert not [v for v in m.col.values if "σ" in v.file or "Φ" in v.file]


@pytest.mark.parametrize("name, raw, expected", [
    ("UTF-8 only", "城关镇3月报送表.xlsx".encode("utf-8"), ("城关镇3月报送表.xlsx", "utf-8")),
    ("GBK only", "城关镇3月报送表.xlsx".encode("gbk"), ("城关镇3月报送表.xlsx", "gbk")),
    ("UTF-8, also GBK (璇存槑)", "说明.txt".encode("utf-8"), ("说明.txt", "utf-8")),
    ("GBK, also UTF-8 (ˮԴ)", "水源.xlsx".encode("gbk"), ("水源.xlsx", "gbk")),
    ("GBK, also UTF-8 (ԭʼ)", "原始.xlsx".encode("gbk"), ("原始.xlsx", "gbk")),
    ("mac NFD", "Café报送表.xlsx".encode("utf-8").replace("é".encode(), "e\u0301".encode()),
     ("Café报送表.xlsx", "utf-8")),
    ("ASCII", b"report-11.xlsx", ("report-11.xlsx", "gbk")),
    ("neither", bytes([0x81, 0x30, 0xFF, 0xFE]) + b".xlsx", (bytes([0x81, 0x30, 0xFF, 0xFE]).decode("cp437") + ".xlsx", "")),
])
def test_member_name_encoding_decided_per_entry(name, raw, expected):
    assert decode_name_bytes(raw) == expected


def test_undecodable_member_name_is_kept_and_said(issued, tmp_path):
    tl, files = issued
    inbox = tmp_path / "收回"
    inbox.mkdir()
    water = fill_return(files[WATER], tmp_path / "w.xlsx", WATER)
    raw = bytes([0x81, 0x30, 0xFF, 0xFE]) + ".xlsx".encode()

    class Raw(zipfile.ZipInfo):
        def _encodeFilenameFlags(self):
            return raw, self.flag_bits & ~0x800
    with zipfile.ZipFile(inbox / "怪名.zip", "w") as z:
        z.writestr(Raw("x.xlsx", date_time=(2020, 11, 20, 9, 0, 0)), water.path.read_bytes())
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    shown = "收回/怪名.zip!" + raw.decode("cp437")
    s = {s.file: s for s in m.col.submissions}[shown]
    assert (s.unit, s.status) == (WATER, "counted")
    a = [a for a in m.col.anomalies if a.code == "ZIP_NAME_ENCODING"]
    assert len(a) == 1 and a[0].file == shown and a[0].severity == "警告" and "编码" in a[0].message


def test_rar_and_7z_are_said_and_the_unit_is_asked_again(issued, tmp_path):
    """Archives we cannot open (their headers as WinRAR 5 and 7-Zip write them) are kept and said;
    the unit named by the file is chased as 「无法读取」, not as if nothing arrived."""
    tl, files = issued
    inbox = tmp_path / "收回"
    inbox.mkdir()
    (inbox / "区水利局11月报送.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(range(256)) * 4)
    (inbox / "区河长办报送.7z").write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(range(256)) * 4)
    fill_return(files[AGRI], inbox / "农业.xlsx", AGRI, report_date=dt.date(2020, 11, 20))
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    subs = subs_of(m)
    for name, unit in (("区水利局11月报送.rar", WATER), ("区河长办报送.7z", RIVER)):
        s = subs[f"收回/{name}"]
        assert (s.status, s.unit) == ("unreadable", unit)
        a = [a for a in m.col.anomalies if a.code == "ARCHIVE_UNSUPPORTED" and a.file == f"收回/{name}"]
        assert len(a) == 1 and a[0].severity == "错误" and "只能解压 zip" in a[0].message
    states = {u.unit: u.state for u in m.chase}
    assert states[WATER] == states[RIVER] == "无法读取"
