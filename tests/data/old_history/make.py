"""Build-time: make the old histories test_history_storage.py upgrades (run once, output committed).

A history as an earlier zhishui left it: the code of a commit before schema versions (issue 12),
exported with ``git archive <commit> | tar -x -C /tmp/old`` and run by this script with
``PYTHONPATH=/tmp/old``, on the small plan of tests/plan_lists.py with three units' returns for
2020-11.  Usage (from the project root):
    PYTHONPATH=/tmp/old .venv/bin/python tests/data/old_history/make.py <name>
writes tests/data/old_history/<name>/ (the list, the returns and the history.sqlite; the archive of
received files is left out: the returns themselves are here).
"""
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))     # tests/: plan_lists, returns_factory

from plan_lists import PLAN_A, TASKS_A, UNITS, write_list  # noqa: E402
from returns_factory import fill_return  # noqa: E402

import zhishui  # noqa: E402
from zhishui.month import run_month  # noqa: E402
from zhishui.split import split_returns  # noqa: E402
from zhishui.tasks import load_list  # noqa: E402


def main(name: str) -> None:
    print("code:", zhishui.__file__)
    out = HERE / name
    shutil.rmtree(out, ignore_errors=True)
    work = Path(tempfile.mkdtemp())
    lst = write_list(work / "清单.xlsx", TASKS_A, plan_name=PLAN_A)
    issued = {f.unit: f.path for f in split_returns(load_list(lst), dt.date(2020, 11, 1), work / "下发")}
    box = work / "收到"
    for unit in UNITS[:3]:
        fill_return(issued[unit], box / f"{unit}.xlsx", unit, mtime=None)
    m = run_month(load_list(lst), [box], dt.date(2020, 11, 1), dt.date(2020, 11, 30))
    out.mkdir(parents=True)
    shutil.copy2(lst, out / "清单.xlsx")
    shutil.copytree(box, out / "收到")
    shutil.copy2(m.history_folder / "history.sqlite", out / "history.sqlite")
    shutil.rmtree(work)
    print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[1])
