"""Fuzzing: mutated real files and random text fed to the readers (list, return, CSV, zip),
to collect, to the deadline parser and to the unit splitter.  No traceback, no hang (each
input is timed), every failure a Chinese message or a reported anomaly.

`make test` runs a small, derandomised set (about 20 s); `make fuzz` runs thousands of new
inputs (ZHISHUI_FUZZ=1) and saves any input that fails to tests/data/fuzz/, where
test_regression_corpus replays it for ever after.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LIST001, SAMPLES
from zhishui.collect import collect
from zhishui.deadlines import parse_deadline
from zhishui.errors import ZhishuiError
from zhishui.intake import gather
from zhishui.tasks import list_from_book, load_list
from zhishui.unitnames import split_units
from zhishui.workbook_reader import read_bytes

CORPUS = Path(__file__).parent / "data" / "fuzz"
FUZZ = os.environ.get("ZHISHUI_FUZZ") == "1"
CJK = re.compile(r"[\u4e00-\u9fff]")
READ_SECONDS = 20          # one input, read in the child (its own limit is 60 s)
TEXT_SECONDS = 2           # one deadline or unit text

settings.register_profile("test", max_examples=40, derandomize=True, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz", max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile("fuzz" if FUZZ else "test")

from zhishui.mail import read_message  # noqa: E402

RETURNS = SAMPLES / "seed001" / "2020年11月报送"
SEEDS = {
    "list.xlsx": LIST001.read_bytes(),
    "return.xlsx": (RETURNS / "2020年11月_区交通局_进展情况报送表.xlsx").read_bytes(),
    "return.xls": (RETURNS / "2020年11月_区水利局_进展情况报送表.xls").read_bytes(),
    # 区财政局's GBK CSV arrived attached to an e-mail: the attachment, and the message itself
    "return.csv": read_message((RETURNS / "报送2020年11月进展情况（区财政局）.eml").read_bytes()).attachments[0][1],
    "return.eml": (RETURNS / "报送2020年11月进展情况（区财政局）.eml").read_bytes(),
    "oa.xls": ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="GBK">'
               '<x:Name>报送表</x:Name></head><body><table><tr><td colspan="3">区河长办2020年11月进展情况报送表</td></tr>'
               '<tr><td>序号</td><td>完成状态</td><td>进展情况</td></tr><tr><td rowspan="2">1</td><td>已完成</td>'
               '<td>已完成<br>验收</td></tr></table></body></html>').encode("gbk"),
    "unicode.txt": b"\xff\xfe" + "序号\t完成状态\t完成比例\t进展情况\r\n1\t序时推进\t60%\t推进中\r\n".encode("utf-16-le"),
}
XML_TOKENS = ['<c r="XFD1048576"><v>1</v></c>', '<dimension ref="A1:XFD1048576"/>', 'uniqueCount="4294967295"',
              '<c r="A1" t="s"><v>99999</v></c>', "_x0001_", "&#1;", "<row r=\"0\">", '<c r="ZZZZ1">', "]]>", "<",
              '<mergeCell ref="A1:XFD1048576"/>', "\x00", '<c r="B2" t="inlineStr"><is><t>' + "长" * 40000 + "</t></is></c>"]


def save_failure(data: bytes, suffix: str) -> None:
    """make fuzz: keep a failing input as a regression file."""
    if FUZZ:
        CORPUS.mkdir(parents=True, exist_ok=True)
        (CORPUS / f"found-{hashlib.sha256(data).hexdigest()[:12]}{suffix}").write_bytes(data)


def check_read(data: bytes, name: str):
    t = time.monotonic()
    try:
        book = read_bytes(data, Path(name))
    except ZhishuiError as e:
        assert e.code and CJK.search(e.message) and Path(name).name in e.message, e.message
        book = None
    except BaseException:
        save_failure(data, Path(name).suffix)
        raise
    took = time.monotonic() - t
    if took > READ_SECONDS:
        save_failure(data, Path(name).suffix)
    assert took <= READ_SECONDS, f"{name}: {took:.1f} s"
    return book


def mutate(data: bytes, edits, cut, insert) -> bytes:
    b = bytearray(data)
    for pos, val in edits:
        b[pos % len(b)] = val
    if insert:
        pos, chunk = insert
        b[pos % len(b):pos % len(b)] = chunk
    if cut:
        del b[max(1, len(b) - cut):]
    return bytes(b)


byte_edits = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=12)
inserts = st.none() | st.tuples(st.integers(0, 1 << 20), st.binary(min_size=1, max_size=64))
cuts = st.none() | st.integers(1, 4096)


@given(st.sampled_from(sorted(SEEDS)), byte_edits, cuts, inserts)
def test_mutated_files_are_read_or_refused_in_chinese(seed, edits, cut, insert):
    check_read(mutate(SEEDS[seed], edits, cut, insert), f"报送表-{seed}")


def _rezip(data: bytes, member_pick: int, pos: int, span: int, token: str) -> bytes:
    """A workbook whose XML part is edited (a token put in place of a few characters) and zipped
    again, so the damage reaches the parser instead of stopping at the zip's checksum."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    infos = [i for i in zin.infolist() if i.filename.endswith(".xml")]
    target = infos[member_pick % len(infos)].filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == target:
                text = body.decode("utf-8", errors="replace")
                p = pos % max(1, len(text))
                body = (text[:p] + token + text[p + span:]).encode("utf-8", errors="replace")
            zout.writestr(info, body)
    return out.getvalue()


@given(st.sampled_from(["list.xlsx", "return.xlsx"]), st.integers(0, 50), st.integers(0, 1 << 16),
       st.integers(0, 40), st.sampled_from(XML_TOKENS) | st.text(max_size=30))
def test_workbooks_with_damaged_xml_are_read_or_refused(seed, member, pos, span, token):
    check_read(_rezip(SEEDS[seed], member, pos, span, token), f"报送表-{seed}")


@given(st.lists(st.lists(st.text(max_size=12), max_size=8), max_size=12),
       st.sampled_from([",", "\t", ";"]), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"]),
       st.sampled_from(["报送表.csv", "报送表.txt", "报送表.xls"]))
def test_random_text_tables(rows, sep, enc, name):
    text = "\r\n".join(sep.join(r) for r in rows)
    check_read(text.encode(enc, errors="replace"), name)


@given(st.lists(st.tuples(st.sampled_from(sorted(SEEDS)), byte_edits), min_size=1, max_size=3), cuts,
       st.booleans())
def test_mutated_zips_are_unpacked_or_reported(tmp_path_factory, members, cut, gbk):
    d = tmp_path_factory.mktemp("zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (seed, edits) in enumerate(members):
            info = zipfile.ZipInfo(f"第{i}份{seed}", date_time=(2020, 11, 20, 10, 0, 0))
            if gbk:
                info.flag_bits &= ~0x800
            z.writestr(info, mutate(SEEDS[seed], edits, None, None))
    data = mutate(buf.getvalue(), [], cut, None)
    (d / "报送.zip").write_bytes(data)
    anomalies = []
    try:
        recs = gather([d], anomalies)
    except BaseException:
        save_failure(data, ".zip")
        raise
    for a in anomalies:
        assert CJK.search(a.message) and a.file
    for r in recs:
        assert r.size == len(r.data) and hashlib.sha256(r.data).hexdigest() == r.sha256


@pytest.fixture(scope="module")
def tl():
    return load_list(LIST001)


@settings(max_examples=12 if not FUZZ else 300)
@given(st.sampled_from(["return.xlsx", "return.xls", "return.csv", "oa.xls", "unicode.txt"]), byte_edits, cuts)
def test_collect_reports_every_damaged_return(tl, tmp_path_factory, seed, edits, cut):
    d = tmp_path_factory.mktemp("inbox")
    data = mutate(SEEDS[seed], edits, cut, None)
    (d / f"区交通局-{seed}").write_bytes(data)
    try:
        col = collect(tl, [d], dt.date(2020, 11, 1), due=dt.date(2020, 11, 25))
    except BaseException:
        save_failure(data, Path(seed).suffix)
        raise
    (sub,) = col.submissions
    if sub.status not in ("counted", "superseded"):
        assert any(a.file == sub.file for a in col.anomalies), sub.status
    for a in col.anomalies:
        assert CJK.search(a.message)


@settings(max_examples=10 if not FUZZ else 200)
@given(byte_edits, cuts)
def test_mutated_lists_load_or_say_what_the_clerk_does(edits, cut):
    data = mutate(SEEDS["list.xlsx"], edits, cut, None)
    try:
        book = read_bytes(data, Path("清单.xlsx"))
        list_from_book(book)
    except ZhishuiError as e:
        assert CJK.search(e.message)
    except BaseException:
        save_failure(data, ".list.xlsx")
        raise


DEADLINE_WORDS = ["2020", "2021", "年", "月", "日", "底", "前", "上旬", "中旬", "下旬", "每", "季度", "半年", "汛期",
                  "长期坚持", "立行立改", "适时", "第", "个", "工作日", "至", "—", "-", "/", ".", "、", "，", "；", "（",
                  "）", "二〇二〇", "十二", "三十一", "12", "31", "0", "99", "每月", "5", "号", "完成", "并", "起", "内",
                  "年底", "上半年", "下半年", "1季度", "Q3", "周", "天", "元旦", "春节", "\n", " "]
UNIT_WORDS = ["区", "县", "市", "局", "委", "办", "各镇街", "相关镇街", "、", "，", ",", "；", "（", "）", "(", ")",
              "牵头", "配合", "等", "相关", "单位", "及", "和", "与", "农业农村委", "生态环境局", "各", "部门", "负责",
              "/", " ", "\n", "镇", "街道", "公司", "指挥部", "★", "1", "：", ":"]


def words(vocab):
    return st.lists(st.sampled_from(vocab) | st.text(max_size=3), max_size=25).map("".join)


@settings(max_examples=300 if not FUZZ else 20000)
@given(words(DEADLINE_WORDS) | st.text(max_size=60), st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
def test_deadline_parser_never_fails_inside(text, ref):
    t = time.monotonic()
    d = parse_deadline(text, ref)
    assert time.monotonic() - t < TEXT_SECONDS
    internal = [p for p in d.problems if p.startswith("解析完成时限")]
    if internal:
        save_failure(text.encode("utf-8"), ".deadline.txt")
    assert not internal, (text, internal)
    assert d.understood or d.problems, text   # what is not understood is said


@settings(max_examples=300 if not FUZZ else 20000)
@given(words(UNIT_WORDS) | st.text(max_size=60))
def test_unit_splitter_never_fails(text):
    t = time.monotonic()
    try:
        toks = split_units(text)
    except BaseException:
        save_failure(text.encode("utf-8"), ".units.txt")
        raise
    assert time.monotonic() - t < TEXT_SECONDS
    for tok in toks:
        assert tok.text.strip()


def corpus():
    return sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_regression_corpus(path, tmp_path):
    """Every input that once failed (round 1's crashes of issue 14, what fuzzing found) is replayed."""
    data = path.read_bytes()
    if path.suffix == ".zip":
        (tmp_path / path.name).write_bytes(data)
        found = []
        for r in gather([tmp_path], found):
            check_read(r.data, r.name)
        assert all(CJK.search(a.message) for a in found)
    elif path.name.endswith(".deadline.txt"):
        d = parse_deadline(data.decode("utf-8"), dt.date(2020, 9, 23))
        assert not [p for p in d.problems if p.startswith("解析完成时限")]
    elif path.name.endswith(".units.txt"):
        split_units(data.decode("utf-8"))
    else:
        check_read(data, path.name)
