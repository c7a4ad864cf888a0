"""``zhishui serve`` as the clerk starts it, and the plan import on the page against ``zhishui import``."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from conftest import SEEDS, seed_text
from web_helpers import clerk_client, free_port
from zhishui.cli import cli
from zhishui.tasks import load_list


def test_serve_starts_prints_the_setup_code_and_answers(tmp_path):
    port = free_port()
    exe = shutil.which("zhishui", path=str(Path(sys.executable).parent))
    p = subprocess.Popen([exe, "serve", "--data", str(tmp_path / "d"), "--port", str(port), "--no-browser"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        t = time.time()
        while time.time() - t < 60:
            lines.append(p.stdout.readline())
            if "设置码" in lines[-1]:
                break
        code = re.search(r"设置码 ([0-9A-F]{8})", "".join(lines)).group(1)
        assert f"http://127.0.0.1:{port}/" in lines[0] and "sqlite" in lines[0]
        for _ in range(200):   # the banner is printed just before the server binds
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/setup?code={code}", timeout=30).read().decode()
                break
            except OSError:
                time.sleep(0.05)
        assert f'value="{code}"' in html and "设置办事员账号" in html
    finally:
        p.terminate()
        p.wait(timeout=30)
    assert (tmp_path / "d" / "督办台.sqlite").exists()


def test_serve_bad_database_is_a_chinese_message(tmp_path):
    r = CliRunner().invoke(cli, ["serve", "--data", str(tmp_path / "d"), "--db", "postgresql://nobody@/none?host=/nonexistent",
                                 "--no-browser"])
    assert r.exit_code == 2 and "无法打开数据库" in r.output and "Traceback" not in r.output


def test_plan_imported_on_the_page_is_the_cli_import(tmp_path):
    seed_text("001")                                  # skips, saying why, without ../shared
    plan = next(SEEDS.glob("001_*.txt"))
    out = tmp_path / "cli.xlsx"
    assert CliRunner().invoke(cli, ["import", str(plan), "--out", str(out)]).exit_code == 0
    app, c, tok = clerk_client(tmp_path / "data", "PLAN0001")
    r = c.post("/list/import", data={"csrf_token": tok, "plan": (plan.open("rb"), "整改方案.txt")},
               content_type="multipart/form-data", follow_redirects=True)
    html = r.get_data(as_text=True)
    cli_tl = load_list(out)
    web_tl = app.config["WORKSPACE"].task_list()
    assert f"已从方案导入 {len(cli_tl.tasks)} 项任务" in html
    assert [(t.label, t.full_content, t.deadline_text, t.lead_units()) for t in web_tl.tasks] == \
        [(t.label, t.full_content, t.deadline_text, t.lead_units()) for t in cli_tl.tasks]
    app.config["STORE"].close()
