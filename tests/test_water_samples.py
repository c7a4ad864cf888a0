"""Seed 002's sample water month (samples/seed002): the committed files are what the script
builds, and the demo's story holds - on 13 July the 国考 section exceeds for the third day
(督办), the other two are warned, the mistyped value is reported at its cell."""
from __future__ import annotations

import json
import sys

import python_calamine as pc
from click.testing import CliRunner

from conftest import SAMPLES
from zhishui.cli import cli

SEED002 = SAMPLES / "seed002"
sys.path.insert(0, str(SEED002))
import build_water_samples  # noqa: E402


def values(path):
    wb = pc.CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def test_committed_samples_are_what_the_script_builds(tmp_path):
    build_water_samples.build(tmp_path)
    for rel in ("代县断面清单.xlsx", "代县督办台账.xlsx", "2021年7月监测数据/国家地表水自动监测_2021年6-7月.xlsx",
                "2021年7月监测数据/峪河入滹沱河口_7月手工日报.xlsx"):
        assert values(tmp_path / rel) == values(SEED002 / rel), rel
    csv = "2021年7月监测数据/7月手工监测化验结果.csv"
    assert (tmp_path / csv).read_bytes() == (SEED002 / csv).read_bytes()


def test_the_demo_month(tmp_path):
    js = tmp_path / "r.json"
    r = CliRunner().invoke(cli, ["water", str(SEED002 / "2021年7月监测数据"), "--sections", str(SEED002 / "代县断面清单.xlsx"),
                                 "--period", "2021-07", "--date", "2021-07-13", "--out", str(tmp_path / "r.xlsx"),
                                 "--json", str(js), "--docs", str(tmp_path / "文书")])
    assert r.exit_code == 0, r.output
    assert "滹沱河阳明堡：7月13日超标，已连续3日（11日氨氮、总磷；12日氨氮、总磷；13日氨氮）（督办）" in r.output
    made = sorted(p.name for p in (tmp_path / "文书" / "水质预警").glob("*.docx"))
    assert made == ["水质督办_滹沱河阳明堡_7月13日.docx", "水质预警_峪河入滹沱河口_7月13日.docx",
                    "水质预警_滹沱河峨河口_7月13日.docx"]
    report = json.loads(js.read_text(encoding="utf-8"))
    bad = [f for f in report["findings"] if f["severity"] == "错误"]
    assert [(f["sheet"], f["cell"]) for f in bad] == [("峪河入滹沱河口", "E20")] and "0..85" in bad[0]["message"]
    runs = [(a["section"], a["start"], a["end"]) for a in report["alerts"] if a["kind"] == "连续3日超标"]
    assert runs == [("滹沱河阳明堡", "2021-07-11", "2021-07-13")]
    assert all(s["class"] for s in report["sections"])
