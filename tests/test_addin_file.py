"""Checks on addin/zhishui.xlam, its build script, the installer and the
xlwings remote-client helpers. Everything runs on Linux without Excel: the
VBA is read with olevba from the very vbaProject.bin inside the built file.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from zhishui.addin import build_addin, install as inst
from zhishui.addin.xlwings_clients import client_actions, emitted_actions, unsupported_actions
from zhishui.errors import ZhishuiError

ROOT = Path(__file__).resolve().parents[1]
XLAM = ROOT / "addin" / "zhishui.xlam"
CUI = "customUI/customUI.xml"
CUI_NAMESPACES = {"http://schemas.microsoft.com/office/2006/01/customui",
                  "http://schemas.microsoft.com/office/2009/07/customui"}
HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_addin.build_bytes()


@pytest.fixture(scope="module")
def shipped() -> zipfile.ZipFile:
    return zipfile.ZipFile(build_addin.shipped_xlam())


@pytest.fixture(scope="module")
def vba_modules(built) -> dict[str, str]:
    """Module name -> VBA source, extracted from the built file's vbaProject.bin."""
    olevba = pytest.importorskip("oletools.olevba")
    vba_bin = zipfile.ZipFile(io.BytesIO(built)).read("xl/vbaProject.bin")
    parser = olevba.VBA_Parser("vbaProject.bin", data=vba_bin)
    try:
        modules = {Path(vba_filename).stem: code
                   for _, _, vba_filename, code in parser.extract_macros()}
    finally:
        parser.close()
    assert modules, "olevba found no VBA modules"
    return modules


def ribbon_callbacks(modules: dict[str, str]) -> set[str]:
    """Module.Sub for every non-private Sub taking exactly one IRibbonControl."""
    pat = re.compile(r"^[ \t]*(?:Public[ \t]+)?Sub[ \t]+(\w+)[ \t]*\([ \t]*(?:ByVal[ \t]+|ByRef[ \t]+)?"
                     r"\w+[ \t]+As[ \t]+IRibbonControl[ \t]*\)", re.I | re.M)
    return {f"{mod}.{sub}" for mod, code in modules.items() for sub in pat.findall(code)}


# --- the file ---------------------------------------------------------------

def test_built_file_is_valid_zip_with_same_entries(built, shipped):
    z = zipfile.ZipFile(io.BytesIO(built))
    assert z.testzip() is None
    assert [i.filename for i in z.infolist()] == [i.filename for i in shipped.infolist()]
    for new, old in zip(z.infolist(), shipped.infolist()):
        assert (new.date_time, new.compress_type, new.extra, new.flag_bits, new.external_attr) == \
               (old.date_time, old.compress_type, old.extra, old.flag_bits, old.external_attr), new.filename
        if new.filename != CUI:
            assert z.read(new.filename) == shipped.read(old.filename), new.filename
    assert z.read("xl/vbaProject.bin") == shipped.read("xl/vbaProject.bin")
    assert z.read(CUI) != shipped.read(CUI)


def test_unchanged_entries_keep_their_compressed_bytes(built, shipped):
    # The builder copies entries raw, so not even the deflate stream changes.
    src = build_addin.shipped_xlam().read_bytes()
    z = zipfile.ZipFile(io.BytesIO(built))
    for new, old in zip(z.infolist(), shipped.infolist()):
        if new.filename == CUI:
            continue
        n0 = new.header_offset + 30 + len(new.filename) + len(new.extra)
        o0 = old.header_offset + 30 + len(old.filename) + len(old.extra)
        assert built[n0:n0 + new.compress_size] == src[o0:o0 + old.compress_size], new.filename


def test_config_sheet_stays_inactive(built):
    # Decision (see addin/README.md): an active "myaddin.conf" sheet in the add-in
    # would shadow the user config file with its empty Interpreter_Win row.
    wb = zipfile.ZipFile(io.BytesIO(built)).read("xl/workbook.xml").decode("utf-8")
    assert 'name="_myaddin.conf"' in wb
    assert 'name="myaddin.conf"' not in wb


def test_ribbon_xml(built, shipped):
    z = zipfile.ZipFile(io.BytesIO(built))
    root = ET.fromstring(z.read(CUI))  # raises on malformed XML
    ns = root.tag[1:].split("}")[0]
    shipped_ns = ET.fromstring(shipped.read(CUI)).tag[1:].split("}")[0]
    assert ns == shipped_ns and ns in CUI_NAMESPACES
    assert root.tag == f"{{{ns}}}customUI"
    q = lambda tag: f"{{{ns}}}{tag}"  # noqa: E731
    tabs = root.findall(f"{q('ribbon')}/{q('tabs')}/{q('tab')}")
    assert [(t.get("id"), t.get("label")) for t in tabs] == [("zhishuiTab", "治水督办")]
    buttons = list(root.iter(q("button")))
    assert len(buttons) == 1
    b = buttons[0]
    assert b.get("label") == "运行" and b.get("size") == "large"
    assert b.get("onAction") == "RibbonMyAddin.RunMain"
    for action in ["一键生成", "校验清单", "生成报送表", "汇总报送", "生成催报通知", "生成督办通知", "生成进展通报"]:
        assert action in b.get("supertip")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    # The ribbon part is still the one _rels/.rels points at.
    assert 'Target="customUI/customUI.xml"' in z.read("_rels/.rels").decode()


def test_every_on_action_is_a_ribbon_sub_in_the_vba(built, vba_modules):
    callbacks = ribbon_callbacks(vba_modules)
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(built)).read(CUI))
    actions = {e.get("onAction") for e in root.iter() if e.get("onAction")}
    assert actions and actions <= callbacks, (actions, callbacks)


def test_vba_facts_the_addin_relies_on(vba_modules):
    # Only one ribbon callback exists, and it ignores control.Id/Tag -> one button.
    assert ribbon_callbacks(vba_modules) == {"RibbonMyAddin.RunMain"}
    assert not re.search(r"control\.(Id|Tag|Context)", "\n".join(vba_modules.values()), re.I)
    # RunMain imports the module named after the add-in file: zhishui.xlam -> zhishui.
    run_main = vba_modules["RibbonMyAddin"]
    assert "ThisWorkbook.Name" in run_main and '".main()"' in run_main
    assert XLAM.stem == "zhishui"
    # The installer writes the file GetConfigFilePath computes.
    xl = vba_modules["xlwings"]
    assert f'PROJECT_NAME As String = "{inst.PROJECT_NAME}"' in xl
    assert ('Environ("USERPROFILE") & "\\." & PROJECT_NAME & "\\" & PROJECT_NAME & ".conf"') in xl
    assert 'interpreter = GetConfig("INTERPRETER_WIN", "")' in xl


def test_build_is_deterministic(tmp_path):
    a = build_addin.build(tmp_path / "a.xlam").read_bytes()
    b = build_addin.build(tmp_path / "b.xlam").read_bytes()
    assert a == b == build_addin.build_bytes()


def test_committed_xlam_is_fresh(built):
    assert XLAM.is_file(), "run: python -m zhishui.addin.build_addin"
    assert XLAM.read_bytes() == built, "addin/zhishui.xlam is stale: run python -m zhishui.addin.build_addin"


def test_build_script_runs_as_file_and_module(tmp_path):
    for cmd in ([sys.executable, str(ROOT / "addin" / "build_addin.py"), "-o", str(tmp_path / "f.xlam")],
                [sys.executable, "-m", "zhishui.addin.build_addin", "-o", str(tmp_path / "m.xlam")]):
        subprocess.run(cmd, check=True, capture_output=True, cwd=tmp_path)
    assert (tmp_path / "f.xlam").read_bytes() == (tmp_path / "m.xlam").read_bytes() == XLAM.read_bytes()


# --- xlwings remote clients -------------------------------------------------

SUPPORTED = {"setValues", "setRangeColor", "setNumberFormat", "setAutofit", "addSheet",
             "setSheetName", "alert", "addTable"}
UNSUPPORTED = {"setFontProperty", "setColumnWidth", "freezePaneAtRange", "setFormula"}


@pytest.mark.parametrize("kind", ["vba", "js", "gas"])
def test_client_actions(kind):
    actions = client_actions(kind)
    assert SUPPORTED <= actions
    assert not (UNSUPPORTED & actions)
    assert "getRange" not in actions  # helper with the action signature, not an action


def test_client_actions_unknown_kind():
    with pytest.raises(ValueError):
        client_actions("python")


def test_emitted_actions_from_a_remote_book():
    # The remote engine registers only with a licence key at import time, so a
    # fresh process gets one ("noncommercial": government use is permitted).
    code = textwrap.dedent("""
        import json, xlwings as xw
        book = xw.Book(json={"client": "VBA", "version": xw.__version__,
            "book": {"name": "t.xlsx", "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": [{"name": "控制台", "values": [["操作"]],
            "pictures": [], "tables": []}]})
        rng = book.sheets[0]["A1"]
        rng.value = [["一键生成", 1]]
        rng.color = (255, 255, 0)
        rng.autofit()
        rng.font.bold = True
        book.app.alert("完成")
        print(json.dumps(book.json()))
    """)
    env = dict(os.environ, XLWINGS_LICENSE_KEY="noncommercial")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=env).stdout
    book_json = json.loads(out)
    assert emitted_actions(book_json) == ["setValues", "setRangeColor", "setAutofit", "setAutofit",
                                          "setFontProperty", "alert"]
    assert unsupported_actions(book_json, "vba") == ["setFontProperty"]
    assert emitted_actions({}) == []


# --- installer --------------------------------------------------------------

def test_write_user_config_creates_file(tmp_path):
    cfg = inst.user_config_path(tmp_path)
    assert cfg == tmp_path / ".myaddin" / "myaddin.conf"
    inst.write_user_config(cfg, r"C:\Python311\python.exe")
    assert cfg.read_bytes() == b'"INTERPRETER_WIN","C:\\Python311\\python.exe"\r\n'


def test_write_user_config_merges(tmp_path):
    cfg = inst.user_config_path(tmp_path)
    cfg.parent.mkdir(parents=True)
    cfg.write_bytes(b'"PYTHONPATH","D:\\code"\r\n"Interpreter_Win","C:\\old\\python.exe"\r\n'
                    b'"SHOW CONSOLE","False"\r\n')
    merged = inst.write_user_config(cfg, r"C:\new\python.exe")
    assert merged == {"PYTHONPATH": "D:\\code", "SHOW CONSOLE": "False",
                      "INTERPRETER_WIN": "C:\\new\\python.exe"}
    lines = cfg.read_bytes().split(b"\r\n")
    assert lines[-1] == b""
    assert all(re.fullmatch(rb'"[^"]*","[^"]*"', ln) for ln in lines[:-1])
    assert inst.read_user_config(cfg) == merged
    # Second run changes nothing.
    before = cfg.read_bytes()
    inst.write_user_config(cfg, r"C:\new\python.exe")
    assert cfg.read_bytes() == before


def test_write_user_config_encoding(tmp_path):
    cfg = tmp_path / "myaddin.conf"
    path = r"C:\Users\张三\Python311\python.exe"
    inst.write_user_config(cfg, path, encoding="gbk")  # as on Chinese Windows ("mbcs")
    assert cfg.read_bytes().decode("gbk") == f'"INTERPRETER_WIN","{path}"\r\n'
    with pytest.raises(ZhishuiError) as exc:
        inst.write_user_config(tmp_path / "b.conf", path, encoding="cp1252")
    assert HAS_CJK.search(exc.value.message)


def test_install_dry_run_returns_plan(tmp_path):
    cfg = inst.user_config_path(tmp_path)
    cfg.parent.mkdir(parents=True)
    cfg.write_bytes(b'"PYTHONPATH","D:\\code"\r\n')
    lines = inst.install(r"C:\Py\python.exe", dry_run=True, home=tmp_path)
    text = "\n".join(lines)
    assert str(cfg) in text and str(inst.ADDIN_FILE) in text
    assert '"INTERPRETER_WIN","C:\\Py\\python.exe"' in text
    assert "PYTHONPATH" in text and "演练" in text
    assert cfg.read_bytes() == b'"PYTHONPATH","D:\\code"\r\n'  # untouched
    assert sorted(p.name for p in tmp_path.rglob("*")) == [".myaddin", "myaddin.conf"]


@pytest.mark.skipif(sys.platform == "win32", reason="Linux/macOS behaviour")
def test_install_refuses_off_windows(tmp_path):
    with pytest.raises(ZhishuiError) as exc:
        inst.install(home=tmp_path)
    msg = exc.value.message
    assert HAS_CJK.search(msg) and "Windows" in msg and "zhishui check" in msg
    assert not (tmp_path / ".myaddin").exists()


def test_diagnose(tmp_path):
    lines = inst.diagnose(home=tmp_path)
    assert any("不存在" in ln for ln in lines)
    inst.write_user_config(inst.user_config_path(tmp_path), str(tmp_path / "nope" / "python.exe"))
    lines = inst.diagnose(home=tmp_path)
    assert any("nope" in ln for ln in lines) and any("不存在" in ln for ln in lines)
    inst.write_user_config(inst.user_config_path(tmp_path), sys.executable)
    lines = inst.diagnose(home=tmp_path)
    assert any("zhishui" in ln for ln in lines)
    assert all(HAS_CJK.search(ln) for ln in lines)
