"""Trial 18's water mornings (July 2021, 代县-like), what the 问题清单 said:

- a cell holding 「--」 was said to be 「标为「无数据」」: the clerk looked for a word that is not in the file;
- the 文件 column held the server's paths (/tmp/…/data/水质/监测数据/2021-07/…): it names the file as it sits in
  the folder given (for the browser desk: the name it was uploaded under);
- 峨口镇's hand-typed daily sheet, named 「峨口桥」, was read as section 「峨口」 with no word: a section found
  inside another name is a guess, said in the 问题清单 and the 概况.

The data are written the way the systems write them (openpyxl; the station export and a town's sheet)."""
from __future__ import annotations

import json

import openpyxl
from click.testing import CliRunner

from water_factory import write_sections
from zhishui.cli import cli

DRJ, EK = "大茹解", "峨口"
SECTIONS = [(DRJ, "滹沱河", "国考", "河流", "Ⅲ类", "上馆镇、峨口镇", "县住建局"),
            (EK, "峨河", "县考", "河流", "Ⅳ类", "峨口镇", "县住建局")]
HEAD = ["pH(无量纲)", "溶解氧(mg/L)", "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)"]


def export(path, day):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实时数据"
    ws.append(["国家地表水水质自动监测实时数据发布系统 数据导出"])
    ws.append(["省份", "流域", "断面名称", "监测时间"] + HEAD + ["站点情况"])
    for i, hour in enumerate(range(0, 24, 4)):
        tp = "--" if i == 4 else 0.12          # row 7, column I: no value this hour
        ws.append(["山西省", "海河流域", DRJ, f"2021-07-{day:02d} {hour:02d}:00", 7.8, 6.5, 4.2, 0.45, tp, "正常"])
    wb.save(path)


def town(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "峨口桥"
    ws.append(["峨口桥断面水质日报（2021年7月）"])
    ws.append(["日期", "pH", "溶解氧(mg/L)", "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "备注"])
    ws.append([None, "无量纲", "mg/L", "mg/L", "mg/L", "mg/L", None])
    for d in range(8, 13):
        ws.append([f"2021年7月{d}日", 7.5, 5.2, 6.0, 0.9, 0.18, None])
    wb.save(path)


def test_the_findings_say_what_the_cells_hold_and_name_the_files_as_given(tmp_path):
    sections = write_sections(tmp_path, SECTIONS, [("发文单位", "代县治水办")], name="代县断面清单.xlsx")
    data = tmp_path / "监测数据"
    (data / "7月").mkdir(parents=True)
    export(data / "7月" / "自动监测_2021-07-12.xlsx", 12)
    town(data / "7月" / "峨口镇水质日报.xlsx")
    out = tmp_path / "结果.xlsx"
    r = CliRunner().invoke(cli, ["water", str(data), "--sections", str(sections), "--period", "2021-07",
                                 "--date", "2021-07-12", "--out", str(out), "--json", str(tmp_path / "结果.json")])
    assert r.exit_code == 0, r.output
    findings = json.loads((tmp_path / "结果.json").read_text(encoding="utf-8"))["findings"]

    [marker] = [f for f in findings if f["code"] == "MARKER"]
    assert marker["message"] == "「总磷(mg/L)」列有1个值写的是「--」（无数据），按缺测处理：I7", marker
    assert "标为「无数据」" not in marker["message"]

    assert {f["file"] for f in findings} <= {"7月/自动监测_2021-07-12.xlsx", "7月/峨口镇水质日报.xlsx"}, \
        {f["file"] for f in findings}
    wb = openpyxl.load_workbook(out)
    rows = list(wb["问题清单"].iter_rows(values_only=True))
    col = rows[0].index("文件")
    assert all(not str(row[col]).startswith(str(tmp_path)) for row in rows[1:]), [row[col] for row in rows[1:]]

    [guess] = [f for f in findings if f["code"] == "SECTION_BY_NAME"]
    assert guess["severity"] == "警告" and guess["sheet"] == "峨口桥" and guess["file"] == "7月/峨口镇水质日报.xlsx"
    assert guess["message"] == "工作表「峨口桥」没有断面名称列，按表名「峨口桥」中包含的「峨口」读作断面「峨口」"
    overview = "\n".join(str(v) for row in wb["概况"].iter_rows(values_only=True) for v in row if v)
    assert "按表名「峨口桥」中包含的「峨口」读作断面「峨口」（7月/峨口镇水质日报.xlsx），请核对" in overview
    assert "读作断面「峨口」" in r.output          # the terminal too
