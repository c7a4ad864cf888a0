"""The clerk's own files and settings: messages say what the clerk does; a wrong --out is
refused before any work; a handled error prints one message and no library noise; what we
write gets the user's normal permissions (umask), not mkstemp's 0600."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest

from conftest import LIST001, SAMPLES

INBOX = SAMPLES / "seed001" / "2020年11月报送"


def zs(*args, umask=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "zhishui.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


@pytest.mark.parametrize("damage", ["truncated", "password", "word"])
def test_a_damaged_list_says_what_the_clerk_does(tmp_path, damage):
    p = tmp_path / "清单.xlsx"
    if damage == "truncated":
        p.write_bytes(LIST001.read_bytes()[:5000])
    elif damage == "password":
        import io
        from msoffcrypto.format.ooxml import OOXMLFile
        out = io.BytesIO()
        with open(LIST001, "rb") as f:
            OOXMLFile(f).encrypt("123456", out)
        p.write_bytes(out.getvalue())
    else:
        import docx
        docx.Document().save(p)
    r = zs("check", p)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    msg = r.stderr
    assert "清单.xlsx" in msg and "报送单位" not in msg and "重新发送" not in msg
    assert {"truncated": "另存为", "password": "取消这个文件的打开密码", "word": "责任清单"}[damage] in msg


def test_out_with_the_wrong_extension_is_refused_before_any_work(tmp_path):
    r = zs("collect", LIST001, INBOX, "--period", "2020-11", "--no-history", "--out", tmp_path / "汇总.docx")
    assert r.returncode == 2 and "--out 应是汇总结果工作簿（.xlsx）" in r.stderr and "汇总.xlsx" in r.stderr
    assert list(tmp_path.iterdir()) == []
    r = zs("collect", LIST001, INBOX, "--period", "2020-11", "--no-history", "--out", tmp_path / "汇总.xlsx",
           "--json", tmp_path / "报告.txt")
    assert r.returncode == 2 and "--json 应是JSON报告（.json）" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_unwritable_out_gives_one_message_and_no_noise(tmp_path):
    for out in ("/proc/汇总.xlsx", tmp_path / "一个文件.txt" / "汇总.xlsx"):
        (tmp_path / "一个文件.txt").write_text("x")
        r = zs("collect", LIST001, INBOX, "--period", "2020-11", "--no-history", "--out", out)
        assert r.returncode == 2, r.stderr
        lines = [x for x in r.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and lines[0].startswith("错误：") and "Exception" not in r.stderr, r.stderr


@pytest.mark.parametrize("mask", [0o022, 0o002])
def test_outputs_archive_and_history_get_the_users_permissions(tmp_path, mask, monkeypatch):
    # a computer that has not seen this plan before: its history is made here, beside the list
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path.parent / f"home-{mask}"))
    lst = tmp_path / "清单.xlsx"
    shutil.copy(LIST001, lst)
    r = zs("collect", lst, INBOX, "--period", "2020-11", "--date", "2020-11-30", "--out", tmp_path / "结果" / "汇总.xlsx",
           "--json", tmp_path / "结果" / "汇总.json", umask=mask)
    # exit 1: done, and the list's slip (区市场管理局, not in the directory) is reported
    assert r.returncode == 1 and "区市场管理局" in r.stderr, r.stderr
    r = zs("docs", lst, INBOX, "--period", "2020-11", "--date", "2020-11-30", "--out", tmp_path / "文书",
           "--kind", "进展通报", umask=mask)
    assert r.returncode == 1 and "区市场管理局" in r.stderr, r.stderr
    r = zs("split", lst, "--period", "2020-12", "--out", tmp_path / "下发", umask=mask)
    assert r.returncode == 1 and "区市场管理局" in r.stderr, r.stderr
    want_file, want_dir = 0o666 & ~mask, 0o777 & ~mask
    files = [p for p in tmp_path.rglob("*") if p != lst]
    assert any("archive" in p.parts for p in files) and any(p.name == "history.sqlite" for p in files)
    for p in files:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (want_dir if p.is_dir() else want_file), (p.relative_to(tmp_path), oct(mode))
