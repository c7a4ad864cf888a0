"""Small responsibility lists written the way a clerk types them into Excel (openpyxl), for the tests
of plans and of months in a row: a 责任清单 sheet, a 单位名录 and a 设置 sheet."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

UNITS = ["区住房城乡建委", "区农业农村委", "区河长办", "区水利局"]

# two plans run side by side: the same units, the same 序号, other tasks
PLAN_A = "永川区水污染防治整改方案"
TASKS_A = {
    "1": ("建成城南污水处理厂并投入运行", "2021年6月底", "区住房城乡建委"),
    "2": ("完成生猪屠宰场布点专项规划编制", "2020年12月底", "区农业农村委"),
    "3": ("清理临江河河道两岸生活垃圾和漂浮物", "2021年3月底", "区河长办"),
    "4": ("开展临江河日常巡河并建立巡河台账", "长期坚持", "区河长办"),
    "5": ("编制水库消落带治理专项规划", "2021年6月底", "区水利局"),
    "6": ("完成城区雨污分流管网改造一期工程", "2021年6月底", "区住房城乡建委"),
}
PLAN_B = "永川区汛期水环境安全专项整治行动方案"
TASKS_B = {
    "1": ("排查城区易涝点并完成应急排涝设施检修", "2021年5月底", "区住房城乡建委"),
    "2": ("开展畜禽养殖场汛前粪污设施安全检查", "2021年4月底", "区农业农村委"),
    "3": ("清除行洪通道阻水障碍物和违章搭建", "2021年5月底", "区河长办"),
    "4": ("汛期每日开展水库和山坪塘安全巡查", "长期坚持", "区河长办"),
    "5": ("完成病险水库除险加固工程", "2021年5月底", "区水利局"),
    "6": ("修订城区防汛应急预案并组织演练", "2021年4月底", "区住房城乡建委"),
}


def write_list(path: Path, tasks: dict, *, plan_name: str = "", doc_date=dt.date(2020, 9, 1),
               settings: dict | None = None, units=UNITS) -> Path:
    """tasks: 序号 -> (具体举措, 完成时限, 牵头单位[, 责任单位])."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "责任单位"])
    for seq, row in tasks.items():
        content, deadline, lead, *rest = row
        ws.append([int(seq), content, deadline, lead, rest[0] if rest else ""])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for n in units:
        d.append([n, "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["成文日期", dt.datetime.combine(doc_date, dt.time())])
    if plan_name:
        s.append(["方案名称", plan_name])
    for k, v in (settings or {}).items():
        s.append([k, v])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
