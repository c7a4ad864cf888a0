"""「连续N个月未报送」 and a trial run in another folder (session 19's new-user trial).

The trial recorded January 2014 of its 南湖 list in one folder, then tried September 2016 with ``--no-history`` on a
copy of the list in another folder: three units were 「连续2个月」 not reporting, though the only period recorded
before was 32 months earlier.  A run of silent months counts consecutive months only (README 「谁被催报」); the
trial run reads this plan's record wherever 「历史记录跟着方案走」 finds it (its 销号 and 延期 still apply), says
which record and how it was found, and writes nothing.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from trial11_nanhu import write_list
from zhishui.archives import read_stored
from zhishui.cli import cli


def run(*args, code=0) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r.output


def month(lst: Path, period: str, *extra) -> str:
    inbox = lst.parent / "收回"
    inbox.mkdir(exist_ok=True)
    return run("collect", lst, inbox, "--period", period, "--date", f"{period}-28", "--allow-empty",
               "--out", lst.parent / f"汇总{period}.xlsx", *extra)


@pytest.fixture
def recorded(tmp_path) -> Path:
    """January 2014 collected in folder A, nobody reporting: every unit silent that month."""
    (tmp_path / "A").mkdir()
    lst = write_list(tmp_path / "A" / "南湖责任清单.xlsx")
    month(lst, "2014-01")
    return lst


def test_a_period_32_months_earlier_is_no_run_and_the_trial_says_whose_record_it_read(recorded, tmp_path):
    other = tmp_path / "B"
    other.mkdir()
    lst = other / "清单.xlsx"
    shutil.copy(recorded, lst)
    history = recorded.parent / "南湖责任清单_督办档案"
    text = month(lst, "2016-09", "--no-history")
    assert "连续" not in text, text
    assert "市城管局" in text and "未报送单位" in text
    trial = next(x for x in text.splitlines() if x.startswith("试算（--no-history）"))
    assert f"「{history}」" in trial and "不在清单旁" in trial and "找到" in trial
    # nothing written: the record keeps its one period, none is made beside the copy
    assert read_stored(history).periods == ["2014-01"]
    assert not (other / "清单_督办档案" / "history.sqlite").exists()
    # the recorded run in the other folder (the same plan's record, continued) says no run either
    text = month(lst, "2016-09")
    assert "连续" not in text and read_stored(history).periods == ["2014-01", "2016-09"]


def test_consecutive_months_count_and_a_month_not_collected_breaks_the_run(recorded):
    month(recorded, "2014-02")
    text = month(recorded, "2014-03")
    assert "市城管局（连续3个月）" in text
    text = month(recorded, "2014-05", "--no-history")      # April was never collected
    assert "连续" not in text, text
    month(recorded, "2014-04")
    assert "市城管局（连续5个月）" in month(recorded, "2014-05")
