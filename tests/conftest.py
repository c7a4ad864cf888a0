"""Shared test helpers: where the seeds, fixtures and samples are; LibreOffice conversion."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# xlwings registers its remote engine (xw.Book(json=...)) only with a licence key at
# import time; "noncommercial" is xlwings' own key for non-commercial use, which its
# licence grants to government institutions.  Tests only: the add-in itself uses COM.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
# the index of histories this computer has used (zhishui/archives.py): never the developer's
# own, and a new one for every test module, so that a module never finds the history another
# module made of the same sample list
os.environ["ZHISHUI_HOME"] = tempfile.mkdtemp(prefix="zhishui-home-")


@pytest.fixture(scope="module", autouse=True)
def _module_zhishui_home(tmp_path_factory):
    os.environ["ZHISHUI_HOME"] = str(tmp_path_factory.mktemp("zhishui-home"))
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = SHARED / "fixtures" / "calamine"
SAMPLES = ROOT / "samples"
LIST001 = SAMPLES / "seed001" / "永川区整改任务分解表.xlsx"
LIST003 = SAMPLES / "seed003" / "新乡市污水处理提质增效三年行动方案责任清单.xlsx"
DIR003 = SAMPLES / "seed003" / "新乡市单位名录.xlsx"


def list001_without_its_slip(dst: Path) -> Path:
    """Seed 001's list with its one error (配合单位「区市场管理局」, which the directory knows as
    区市场监管局) corrected, for tests that expect a clean run (exit code 0)."""
    import openpyxl
    wb = openpyxl.load_workbook(LIST001)
    for row in wb["整改任务分解表"].iter_rows():
        for c in row:
            if isinstance(c.value, str) and "区市场管理局" in c.value:
                c.value = c.value.replace("区市场管理局", "区市场监管局")
    wb.save(dst)
    return dst


def seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seeds folder {SEEDS} is absent (CI has ../shared beside the project)")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def fixture_file(name: str) -> Path:
    p = FIXTURES / name
    if not p.exists():
        pytest.skip(f"fixture {p} is absent (CI has ../shared beside the project)")
    return p


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.fail("LibreOffice is required (make sysdeps installs it)")
    return exe


def office_convert(src: Path, fmt: str, outdir: Path, timeout: int = 180) -> Path:
    """Convert with LibreOffice headless (a real office suite), private profile per call."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        r = subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", str(outdir), str(src)],
            capture_output=True, text=True, timeout=timeout, env={**os.environ, "HOME": profile})
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    if r.returncode != 0 or not out.exists():
        raise AssertionError(f"LibreOffice could not convert {src.name} to {fmt}: {r.stdout} {r.stderr}")
    return out


def readme_rows(section: str) -> dict[int, str]:
    """A numbered rules table of the README (a ### section): row number -> its first bold cell."""
    import re
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = re.split(r"\n##+ ", text.split(f"### {section}", 1)[1], maxsplit=1)[0]
    return {int(m.group(1)): m.group(2) for m in
            (re.match(r"\|\s*(\d+)\s*\|.*?\*\*(\S+?)\*\*", ln) for ln in part.splitlines()) if m}


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session (tests/pgserver.py); skipped, saying why, where
    Debian's postgresql package is not installed."""
    from pgserver import binaries, postgres_server
    if binaries() is None:
        pytest.skip("PostgreSQL 服务器程序没有安装（initdb/pg_ctl）：scripts/install-system-deps.sh 安装 postgresql；"
                    "PostgreSQL 部分的存储测试未运行")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """Each storage test runs on both databases: a SQLite file, and a new database on the server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'web.sqlite'}"
    from pgserver import fresh_database
    return fresh_database(request.getfixturevalue("pg_server"), f"t_{abs(hash(request.node.nodeid)) % 10 ** 9}")


@pytest.fixture(params=["sqlite", "postgresql"])
def history_db(request, monkeypatch):
    """The month history on each database: the SQLite file beside the list (None), and a new
    database on the PostgreSQL server, given as ZHISHUI_HISTORY_DB the way an office server sets it
    (zhishui/historydb.py), so every path that finds the history (CLI, add-in, run_month) uses it."""
    if request.param == "sqlite":
        monkeypatch.delenv("ZHISHUI_HISTORY_DB", raising=False)
        return None
    from pgserver import fresh_database
    url = fresh_database(request.getfixturevalue("pg_server"), f"h_{abs(hash(request.node.nodeid)) % 10 ** 9}")
    monkeypatch.setenv("ZHISHUI_HISTORY_DB", url)
    return url
