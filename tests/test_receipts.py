"""When a return arrived: from the e-mail it came in, the receipt log, the 填报日期; never from a
copy's file time (README 「报送情况和收到时间」)."""
from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import os
import shutil
from email.utils import format_datetime

import pytest
from click.testing import CliRunner

from conftest import LIST001, SAMPLES
from returns_factory import fill_return, set_mtime
from zhishui.cli import cli
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list

PERIOD, REPORT, DUE = dt.date(2020, 11, 1), dt.date(2020, 11, 30), dt.date(2020, 11, 25)
BJ = dt.timezone(dt.timedelta(hours=8))
AGRI, WATER, RIVER, ECO = "区农业农村委", "区水利局", "区河长办", "区生态环境局"


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    tl = load_list(LIST001)
    root = tmp_path_factory.mktemp("issued")
    return tl, {f.unit: f.path for f in split_returns(tl, PERIOD, root, due=DUE)}


def message(attachments: list[tuple[str, bytes]], *, received: dt.datetime | None, sender: str,
            name_style: str = "rfc2231", date: dt.datetime | None = None) -> bytes:
    """An e-mail as a mail client saves it, made with the standard library.  ``name_style``:
    RFC 2231 in UTF-8 (Outlook) or RFC 2047 in GBK (Foxmail, 网易)."""
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    msg = MIMEMultipart()
    msg["From"] = f"=?GBK?B?{base64.b64encode('填报员'.encode('gbk')).decode()}?= <{sender}>"
    msg["To"] = "shuiban@example.com"
    msg["Subject"] = "=?GBK?B?" + base64.b64encode("报送11月进展情况".encode("gbk")).decode() + "?="
    if date:
        msg["Date"] = format_datetime(date.replace(tzinfo=BJ))
    if received:
        msg["Received"] = f"from a.example.cn by mx.example.com; {format_datetime(received.replace(tzinfo=BJ))}"
    msg.attach(MIMEText("附件是报送表，请查收。", "plain", "gbk"))
    for name, data in attachments:
        part = MIMEApplication(data, "octet-stream")
        if name_style == "gbk":
            part["Content-Disposition"] = ('attachment; filename="=?GBK?B?'
                                           + base64.b64encode(name.encode("gbk")).decode() + '?="')
        else:
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
        msg.attach(part)
    raw = msg.as_bytes()
    assert name_style != "gbk" or b"=?GBK?B?" in raw
    return raw


def test_eml_gives_received_time_sender_and_attachments(issued, tmp_path):
    tl, files = issued
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    late = fill_return(files[AGRI], tmp_path / "a.xlsx", AGRI, report_date=dt.date(2020, 11, 20))
    ontime = fill_return(files[WATER], tmp_path / "w.xlsx", WATER, report_date=dt.date(2020, 11, 20))
    # one message, two attachments with GBK names; the server received it after the due date
    (inbox / "邮件1.eml").write_bytes(message(
        [("农业农村委11月报送表.xlsx", late.path.read_bytes()), ("水利局报送表.xlsx", ontime.path.read_bytes())],
        received=dt.datetime(2020, 11, 26, 8, 5), date=dt.datetime(2020, 11, 26, 8, 1), sender="nyw@example.cn",
        name_style="gbk"))
    # a message with only a Date header (no Received): its time is the sender's
    river = fill_return(files[RIVER], tmp_path / "r.xlsx", RIVER, report_date=dt.date(2020, 11, 29))
    (inbox / "邮件2.eml").write_bytes(message([("河长办.xlsx", river.path.read_bytes())], received=None,
                                             date=dt.datetime(2020, 11, 24, 17, 30), sender="hzb@example.cn"))
    for p in inbox.iterdir():
        set_mtime(p, dt.datetime(2020, 12, 1, 9))      # copied after the month: says nothing
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    subs = {s.file: s for s in m.col.submissions}
    a = subs["收件箱/邮件1.eml!农业农村委11月报送表.xlsx"]
    w = subs["收件箱/邮件1.eml!水利局报送表.xlsx"]
    r = subs["收件箱/邮件2.eml!河长办.xlsx"]
    assert (a.unit, a.received, a.received_how, a.late) == (AGRI, dt.datetime(2020, 11, 26, 8, 5), "邮件", True)
    assert (w.unit, w.received, w.late) == (WATER, dt.datetime(2020, 11, 26, 8, 5), True)
    assert a.sender == "nyw@example.cn" and "收件服务器时间" in a.received_source and "邮件1.eml" in a.received_source
    # the e-mail's time beats the later 填报日期 the unit wrote
    assert (r.received, r.received_how, r.late) == (dt.datetime(2020, 11, 24, 17, 30), "邮件", False)
    assert "发件时间" in r.received_source
    assert subs["收件箱/邮件1.eml"].status == "email"
    units = {u.unit: u for u in m.units}
    assert (units[AGRI].state, units[WATER].state, units[RIVER].state) == ("逾期报送", "逾期报送", "已报送")
    # every value of the attachments is there, with the message as provenance
    assert any(v.file == a.file and v.used for v in m.col.values)


def test_sender_identifies_a_file_nothing_else_does(issued, tmp_path):
    tl, files = issued
    eco_mail = tl.directory.get(ECO).email
    assert eco_mail                                  # seed 001 gives 区生态环境局's mailbox
    import openpyxl
    filled = fill_return(files[ECO], tmp_path / "e.xlsx", ECO)
    wb = openpyxl.load_workbook(filled.path)
    del wb["_zhishui"]                               # identity gone, title and sheet name neutral
    ws = wb.worksheets[0]
    ws.title = "Sheet1"
    ws["A1"], ws["A2"] = "进展情况", ""
    wb.save(filled.path)
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    (inbox / "无题.eml").write_bytes(message([("报送表.xlsx", filled.path.read_bytes())],
                                            received=dt.datetime(2020, 11, 20, 9), sender=eco_mail.upper()))
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    s = next(s for s in m.col.submissions if s.file.endswith("报送表.xlsx"))
    assert (s.unit, s.unit_how, s.status) == (ECO, "sender", "counted")


def test_receipt_log_in_the_inbox_by_file_and_by_unit(issued, tmp_path):
    tl, files = issued
    inbox = tmp_path / "收件"
    inbox.mkdir()
    a = fill_return(files[AGRI], inbox / "农业.xlsx", AGRI, report_date=dt.date(2020, 11, 20))
    w = fill_return(files[WATER], inbox / "水利.xlsx", WATER, report_date=dt.date(2020, 11, 20))
    e = fill_return(files[ECO], inbox / "环境.xlsx", ECO, report_date=None)
    with open(inbox / "11月收件记录.csv", "w", encoding="gbk", newline="") as fh:   # saved by Chinese Excel
        wr = csv.writer(fh)
        wr.writerow(["文件", "单位", "收到时间"])
        wr.writerow(["农业.xlsx", "", "2020-11-27 10:00"])
        wr.writerow(["", "区水利局", "2020/11/24 16:00"])
        wr.writerow(["别的.xlsx", "", "2020-11-21 10:00"])
        wr.writerow(["", "", "不记得了"])
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    subs = {s.file.split("/")[-1]: s for s in m.col.submissions}
    assert (subs["农业.xlsx"].received, subs["农业.xlsx"].received_how, subs["农业.xlsx"].late) == \
        (dt.datetime(2020, 11, 27, 10), "收件记录", True)
    assert (subs["水利.xlsx"].received, subs["水利.xlsx"].late) == (dt.datetime(2020, 11, 24, 16), False)
    assert subs["环境.xlsx"].received is None and not subs["环境.xlsx"].late      # no evidence: not late
    assert subs["11月收件记录.csv"].status == "receipts"
    codes = {(f.code, f.cell) for f in m.anomalies}
    assert ("RECEIPT_UNMATCHED", "C4") in codes and ("RECEIPT_TIME_INVALID", "C5") in codes
    units = {u.unit: u for u in m.units}
    assert units[ECO].state == "已报送" and units[ECO].received_text == "收到时间不明"
    assert m.unit_counts["时间不明"] == 1


def test_filled_date_is_evidence_and_copy_times_are_not(issued, tmp_path):
    tl, files = issued
    inbox = tmp_path / "收件"
    inbox.mkdir()
    late = fill_return(files[AGRI], inbox / "农业.xlsx", AGRI, report_date=dt.date(2020, 11, 27),
                       mtime=dt.datetime(2020, 11, 1))
    copied = fill_return(files[WATER], inbox / "水利.xlsx", WATER, report_date=None, mtime=dt.datetime(2020, 12, 9))
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    subs = {s.file.split("/")[-1]: s for s in m.col.submissions}
    assert (subs["农业.xlsx"].received_how, subs["农业.xlsx"].late) == ("填报日期", True)
    assert subs["水利.xlsx"].received is None and not subs["水利.xlsx"].late


def test_readme_commands_on_the_sample_agree_with_the_receipt_log_and_mails(tmp_path):
    """`zhishui collect` as the README writes it, on a copy of samples/seed001: a unit is late
    exactly when its e-mail or its receipt-log line says it arrived after the due date."""
    import email
    import email.policy
    import email.utils
    sample = SAMPLES / "seed001" / "2020年11月报送"
    inbox = tmp_path / "2020年11月报送"
    shutil.copytree(sample, inbox)
    for p in inbox.iterdir():                     # the copy's times: all after the month
        os.utime(p, (dt.datetime(2020, 12, 3).timestamp(),) * 2)
    arrived = {}
    with open(sample / "收件记录.csv", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            arrived[row["文件"]] = dt.datetime.strptime(row["收到时间"], "%Y-%m-%d %H:%M")
    for p in sample.glob("*.eml"):
        msg = email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        when = email.utils.parsedate_to_datetime(str(msg["Received"]).rpartition(";")[2].strip())
        for part in msg.iter_attachments():
            arrived[part.get_filename()] = when.astimezone(BJ).replace(tzinfo=None)
    r = CliRunner().invoke(cli, ["collect", str(LIST001), str(inbox), "--period", "2020-11", "--date", "2020-11-30",
                                 "--out", str(tmp_path / "汇总.xlsx"), "--json", str(tmp_path / "r.json"),
                                 "--no-history"])
    assert r.exit_code == 1, r.output            # the list's slip 区市场管理局 is reported
    d = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    for u in d["units"]:
        if u["state"] in ("未报送", "空表", "无法读取"):
            continue
        name = u["file"].split("!")[-1].split("/")[-1]
        assert name in arrived, u
        assert u["state"] == ("逾期报送" if arrived[name].date() > DUE else "已报送"), u
        assert u["received"] == arrived[name].isoformat(sep=" ")
    late = sorted(u["unit"] for u in d["units"] if u["state"] == "逾期报送")
    assert late == sorted(["区委编办", "何埂镇", "重庆市渝西水务有限公司"])
    assert d["unit_counts"] == {"已报送": 48, "逾期报送": 3, "未报送": 1, "空表": 0, "无法读取": 0, "应报": 52, "时间不明": 0}


def test_upload_rows_of_the_servers_log_are_upload_evidence(tmp_path):
    """zhishui serve writes a 收件记录 whose 方式 is 上传: the server's receipt time, to the
    microsecond, is the evidence, named as an upload with its receipt number."""
    from zhishui.findings import Finding  # noqa: F401 - anomalies list type
    from zhishui.receipts import UPLOAD, read_log
    log = ("文件,单位,收到时间,方式,回执编号\n"
           "区水利局_20201120-AB12CD34.xlsx,区水利局,2020-11-20 09:30:12.345678,上传,20201120-AB12CD34\n"
           "区河长办.xlsx,区河长办,2020-11-21 10:00,,\n").encode("utf-8-sig")
    anomalies = []
    entries = read_log(log, "网页上传收件记录.csv", 2020, anomalies)
    assert anomalies == []
    up, plain = entries
    assert up.arrival.how == UPLOAD == "上传" and up.arrival.when == dt.datetime(2020, 11, 20, 9, 30, 12, 345678)
    assert "回执20201120-AB12CD34" in up.arrival.source and not up.arrival.date_only
    assert plain.arrival.how == "收件记录" and plain.arrival.when == dt.datetime(2020, 11, 21, 10, 0)


def test_outlook_msg_is_reported_with_what_to_do(issued, tmp_path):
    tl, files = issued
    inbox = tmp_path / "收件"
    inbox.mkdir()
    fill_return(files[AGRI], inbox / "农业.xlsx", AGRI)
    # the signature of an OLE compound file, as Outlook's .msg files start
    (inbox / "区水利局报送.msg").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    a = next(f for f in m.anomalies if f.code == "EMAIL_MSG")
    assert a.file == "收件/区水利局报送.msg" and "另存到报送表文件夹" in a.suggestion
    assert next(s for s in m.col.submissions if s.file == a.file).status == "attachment"


@pytest.mark.parametrize("filled_on", [None, dt.date(2020, 11, 24)])
def test_a_copy_of_a_late_attachment_saved_apart_is_the_same_late_return(issued, tmp_path, filled_on):
    """Trial 31: the mail system saved a late e-mail (26 Nov, after the 25th) and, as many do, its attachment again in a
    folder of its own.  The copy — no time of its own, or only a 填报日期 before the deadline — was taken as a first,
    on-time return (「逾期更正：首次报送收到时间不明」), and the late unit scored 20 for reporting instead of 10."""
    tl, files = issued
    inbox = tmp_path / "收件箱"
    sheet = fill_return(files[AGRI], tmp_path / "a.xlsx", AGRI, report_date=filled_on, mtime=None)
    data = sheet.path.read_bytes()
    (inbox / "邮件").mkdir(parents=True)
    (inbox / "邮件" / "农业农村委.eml").write_bytes(message(
        [("农业农村委11月报送表.xlsx", data)], received=dt.datetime(2020, 11, 26, 8, 30), sender="nyw@example.cn"))
    (inbox / "附件").mkdir()
    (inbox / "附件" / "农业农村委11月报送表.xlsx").write_bytes(data)
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    unit = next(u for u in m.units if u.unit == AGRI)
    assert unit.state == "逾期报送", (unit.state, unit.check)
    assert "收到时间不明" not in unit.check and "逾期更正" not in unit.check
    copy = next(s for s in m.col.submissions if s.file == "收件箱/附件/农业农村委11月报送表.xlsx")
    assert copy.received == dt.datetime(2020, 11, 26, 8, 30) and "内容相同" in copy.received_source
    # (one version, not two told apart by the files' own times: trial 32)
    dup = next(a for a in m.anomalies if a.code == "DUPLICATE_SUBMISSION")
    # (and not a newer version of itself: trial 34)
    assert "同一份报送表收到了2次（内容完全相同）" in dup.message and "文件修改时间" not in dup.message, dup.message
