"""A unit cell's text is never dropped, and a name the 单位名录 lists is never split at its 「/」
(README 「单位照常写」 table, row by row, on a list workbook saved by LibreOffice)."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import office_convert
from zhishui.checks import check_list
from zhishui.cli import cli
from zhishui.split import split_returns
from zhishui.tasks import load_list

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_rows():
    text = README.read_text(encoding="utf-8")
    head = text.index("| 单位格写的 | 单位名录里有 | 读作 |")
    rows = []
    for line in text[head:].splitlines()[2:]:
        line = line.strip()
        if not line.startswith("|"):
            break
        cell, listed, read = [c.strip() for c in line.strip("|").split("|")]
        rows.append((cell.strip("`"), listed.split("、"), re.sub(r"（.*?）", "", read).split("、"),
                     re.search(r"（(.*?)）", read).group(1) if "（" in read else ""))
    return rows


ROWS = readme_rows()


def make_list(tmp: Path, cell: str, listed: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "配合单位"])
    ws.append([1, "推进污水管网建设，新建改造城区污水管网15公里", "2021年12月底前", cell, "县住建局"])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "简称/别名", "类型"])
    for name in dict.fromkeys(listed + ["县住建局"]):
        d.append([name, "", "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["成文日期", "2021-03-10"])
    src = tmp / "src" / "清单.xlsx"
    src.parent.mkdir(parents=True, exist_ok=True)
    wb.save(src)
    return office_convert(src, "xlsx", tmp / "lo")     # saved again by LibreOffice, as a clerk's file is


def test_readme_table_is_all_there():
    assert len(ROWS) >= 9 and {r[0] for r in ROWS} >= {"..", "县城管局/执法局", "../../etc/桥头镇"}


@pytest.mark.parametrize("cell, listed, expected, note", ROWS, ids=[f"{r[0]}|{'、'.join(r[1])}" for r in ROWS])
def test_unit_cell_row(cell, listed, expected, note, tmp_path):
    tl = load_list(make_list(tmp_path, cell, listed))
    t = tl.tasks[0]
    assert [r.raw for r in t.lead] == expected
    unknown = [r.raw for r in t.lead if r.how == "unknown"]
    assert unknown == [x for x in expected if x not in listed]
    findings = check_list(tl)
    assert not [f for f in findings if f.code in ("MISSING_LEAD", "LEAD_IMPLIED", "LEAD_JOINT")]
    said = [f.message for f in findings if f.code == "UNKNOWN_UNIT" and f.field == "牵头单位"]
    assert len(said) == len(unknown) and all(f"「{u}」" in m for u, m in zip(unknown, said))


def test_dotdot_lead_on_the_command_line_and_names_never_paths(tmp_path):
    """The trial's 坏清单: 「..」 is said to be an unknown unit (not 「牵头单位为空」); a unit the
    directory names ../../etc/桥头镇 gets its return inside the output folder."""
    lst = make_list(tmp_path, "..", ["../../etc/桥头镇"])
    res = CliRunner().invoke(cli, ["check", str(lst)])
    assert res.exit_code == 1, res.output
    assert "牵头单位「..」不在单位名录中" in res.output and "牵头单位为空" not in res.output
    lst2 = make_list(tmp_path / "b", "../../etc/桥头镇", ["../../etc/桥头镇"])
    tl = load_list(lst2)
    assert [r.name for r in tl.tasks[0].lead] == ["../../etc/桥头镇"]
    import datetime as dt
    out = tmp_path / "下发"
    made = split_returns(tl, dt.date(2021, 4, 1), out)
    for m in made:
        assert Path(m.path).resolve().parent == out.resolve()
    assert "../../etc/桥头镇" in {m.unit for m in made}
    assert not (tmp_path / "etc").exists()
