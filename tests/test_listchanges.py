"""README 「清单改了以后」, row by row, on two versions of a list written here (the expected kind of each change is
written out by hand from the table, not computed): and the two lists the session-17 trials revised."""
from __future__ import annotations

import pytest

from conftest import readme_rows
from zhishui.listchanges import match, VersionTask

A = "查找双石污水处理厂污水溢流原因,制定整改措施,解决污水溢流问题。"
B = "查找石庙污水处理站经常污水溢流原因,制定整改措施,解决污水溢流问题。"
C = "加强工业污染源管理,建立重点排污单位名录。"
D = "建成城南污水处理厂一期工程并投入运行。"
E = "编制水库消落带治理专项规划。"


def t(seq, text, deadline="2021年6月底", units="区住房城乡建委"):
    return VersionTask(seq, seq, text, deadline, units)


def kinds(old, new) -> list[tuple[str, list, list]]:
    return sorted((c.kind, c.old, c.new) for c in match(old, new))


OLD = [t("1", A), t("2", B), t("3", C), t("4", D), t("5", E)]
CASES = {
    # row 1: a new task holding two old ones (双石 and 石庙 in one)
    1: ([t("1", "查找双石污水处理厂、石庙污水处理站污水溢流原因,制定整改措施,解决污水溢流问题。"), t("3", C), t("4", D), t("5", E)],
        ("合并", ["1", "2"], ["1"])),
    # row 2: the same 序号, similar text (a deadline changed: 修改)
    2: ([t("1", A), t("2", B, "2021年9月底"), t("3", C), t("4", D), t("5", E)], ("修改", ["2"], ["2"])),
    # row 3: another 序号, very similar text
    3: ([t("1", A), t("2", B), t("3", C), t("4", D), t("9", E)], ("重新编号", ["5"], ["9"])),
    # row 4: most of a new task's text from one old task that is not all in it
    4: ([t("1", A), t("2", B), t("3", "加强工业污染源管理。"), t("6", "建立重点排污单位名录。"), t("4", D), t("5", E)],
        ("拆分", ["3"], ["3", "6"])),
    # row 5: a new task like no old one
    5: ([*OLD, t("6", "开展全区入河排污口排查整治。")], ("新增", [], ["6"])),
    # row 6: an old task with no new one
    6: ([t("1", A), t("2", B), t("3", C), t("4", D)], ("删除", ["5"], [])),
}


def test_the_table_s_rows_are_the_code_s():
    from zhishui.listchanges import KINDS
    assert list(readme_rows("清单改了以后").values()) == KINDS


@pytest.mark.parametrize("row", sorted(CASES))
def test_each_row(row):
    new, want = CASES[row]
    got = kinds(OLD, new)
    assert want in got, got
    # every other task is the same task, nothing else changed
    assert all(k == "相同" for k, o, n in got if (k, o, n) != want), got


def test_two_near_identical_tasks_left_as_they_were_are_no_merge():
    # the session-17 trial: 37 and 38 (双石 / 石庙) unchanged were reported 「合并」 and 「新增」
    assert kinds(OLD, list(OLD)) == [("相同", [k], [k]) for k in ("1", "2", "3", "4", "5")]


def test_a_true_merge_of_the_two_under_the_second_number():
    # the second trial: old 37 and 38 became new 38 (「查找双石污水处理厂、石庙污水处理站…」), reported 修改 and 删除
    new = [t("2", "查找双石污水处理厂、石庙污水处理站污水溢流原因,制定整改措施,解决污水溢流问题。"), t("3", C), t("4", D), t("5", E)]
    assert ("合并", ["1", "2"], ["2"]) in kinds(OLD, new)
