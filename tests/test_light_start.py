"""A click starts fast: what a fresh Python imports for the add-in and for the command line.

Excel starts a new Python for every click; xlwings would pull in numpy, pandas and
matplotlib (0.6–0.9 s) and openpyxl would pull in numpy too.  Each check runs in a
subprocess, so nothing this test session imported can hide an import.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT, SAMPLES

HEAVY = ("numpy", "pandas", "matplotlib", "PIL", "plotly", "openpyxl", "docx", "docxtpl", "lxml", "jinja2")
MASTER = SAMPLES / "seed001" / "永川区督办台账.xlsx"


def heavy_after(code: str, *, remote: bool = False) -> dict:
    """Run code in a fresh Python; return which heavy modules it left imported, and what it printed.
    ``remote``: with xlwings' licence key (its remote engine needs it; with a key xlwings also loads
    its report templates, jinja2)."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_LICENSE_KEY"}
    if remote:
        env["XLWINGS_LICENSE_KEY"] = "noncommercial"
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    *printed, last = r.stdout.strip().splitlines()
    return {"heavy": json.loads(last), "printed": printed}


def test_the_ribbon_entry_point_imports_no_heavy_package():
    assert heavy_after("import zhishui; import zhishui.addin.macros")["heavy"] == []


def test_the_month_and_the_result_workbook_import_no_heavy_package():
    code = "import zhishui.cli, zhishui.month, zhishui.result_writer, zhishui.split, zhishui.progress"
    assert heavy_after(code)["heavy"] == []


def test_packages_hidden_from_xlwings_are_importable_afterwards():
    """The 通报's charts import matplotlib after xlwings was imported without it."""
    got = heavy_after("import zhishui.addin.macros\nimport matplotlib.pyplot, numpy\nprint('ok')")
    assert got["printed"] == ["ok"] and {"matplotlib", "numpy"} <= set(got["heavy"])


def test_an_action_runs_with_the_light_xlwings(tmp_path):
    """xlwings imported without numpy/pandas still runs a whole action (the remote engine, as a
    client would): the list is checked and the findings table written."""
    code = f"""
import datetime as dt
from pathlib import Path
import zhishui.addin.macros as m                      # first: xlwings comes in light
from zhishui.addin.remote import Replay, remote_book
book, payload = remote_book(Path({str(MASTER)!r}), {{("控制台", "B4"): "校验清单", ("控制台", "B9"): {str(tmp_path)!r}}})
out = m.run(book, today=dt.date(2020, 11, 30))
rows = Replay(payload, book.json()["actions"]).table("校验结果")
print(out.outcome, len(rows), rows[0][1] if rows else "")
"""
    got = heavy_after(code, remote=True)
    outcome, n, first = got["printed"][-1].split(" ")
    assert outcome == "完成（有错误）" and int(n) > 0 and first
    assert set(got["heavy"]) <= {"jinja2"}
