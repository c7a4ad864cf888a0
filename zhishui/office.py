"""The 汇总单位: the office that consolidates the returns and signs the month's documents.

Two things about it, used by the plan import, ``check`` and ``docs``:

* ``consolidating_office(text)``: the office a plan names for the job, read from its sentences
  (「县治水办：发挥牵头抓总作用」, 「办公室设在市生态环境局代县分局」, 「县治水办每月通报工作进展」,
  「报送至区生态环境局」); a proposal the clerk is told to check, never a silent guess: none found,
  none proposed.
* ``office_gap(settings)``: when 设置 gives neither 汇总单位 nor 发文单位 nor 地区, the documents carry
  a placeholder in the masthead, the signature and the 印发 line; what to tell the clerk, and where
  to write it (the cell of the 设置 sheet).
"""
from __future__ import annotations

import re

PLACEHOLDER = "（请在设置中填写汇总单位）"

_UNIT = r"[\u4e00-\u9fff（）()]{2,24}?(?:办公室|办|局|委员会|委|中心)"
# the office does the consolidating: 汇总、通报、督办、调度 (「县治水办每月通报工作进展」)
_DOES = re.compile(rf"(?P<u>{_UNIT})(?:负责|要|将|应)?(?:每月|每季度|每半年|每年|定期|按月|按季度|及时)?"
                   r"(?:汇总|通报|督办|督查|调度|统计)")
# the returns go to it (「报县河长办」「报送区生态环境局」「送至市治水办」)
_GETS = re.compile(rf"(?:报送至|报送到|报送|上报|报至|报到|送至|送交|报)(?P<u>{_UNIT})(?![\u4e00-\u9fff])")
# the office leads and coordinates (牵头抓总, DOMAIN) or the leading group's office sits in it
_LEADS = re.compile(rf"(?P<u>{_UNIT})[：:*\s]*(?:发挥|负责)?牵头抓总")
_SITS = re.compile(r"办公室设在(?P<u>[\u4e00-\u9fff（）()]{2,24}?)(?=[，。,；;、\s]|$)")
_LEAD = "由将请并和及向经对在按其各"


def _clean(name: str) -> str:
    name = name.lstrip(_LEAD)
    return name if len(name) >= 3 else ""


def consolidating_office(text: str) -> tuple[str, str]:
    """(office, the sentence it was read from) or ("", "").  An office that consolidates or
    circulates is preferred to one that only receives; an 办/办公室 to a bureau; the first named."""
    found = []
    for rank, rx in ((0, _LEADS), (0, _SITS), (0, _DOES), (1, _GETS)):
        for m in rx.finditer(text or ""):
            name = _clean(m.group("u"))
            if name:
                start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
                end = min(x for x in (text.find("。", m.end()), text.find("\n", m.end()), len(text)) if x >= 0)
                found.append((rank, 0 if name.endswith(("办", "办公室")) else 1, m.start(), name,
                              text[start:end + 1].strip()))
    if not found:
        return "", ""
    _r, _k, _p, name, sentence = min(found)
    return name, sentence


def office_gap(settings, no_sheet: bool = False) -> tuple[str, str, str] | None:
    """(message, what to do, where) when the documents would carry the placeholder; None otherwise.
    ``no_sheet``: the list is a text table (CSV) that cannot hold a 设置 sheet."""
    if settings.office_full or settings.office or settings.region:
        return None
    msg = (f"设置中没有填写「汇总单位」，催报通知、督办通知和进展通报的发文机关标志、署名和印发机关"
           f"将印成占位文字「{PLACEHOLDER}」")
    cell = settings.cells.get("汇总单位")
    if cell:
        where = cell
        todo = f"请在清单「设置」工作表 {cell.split('!')[-1]} 单元格（「汇总单位」一行的「值」）填写汇总单位名称，如「县治水办」"
    elif settings.sheet_name:
        row = settings.free_row
        where = f"{settings.sheet_name}!A{row}"
        todo = (f"请在清单「{settings.sheet_name}」工作表第{row}行加一行：A{row}写「汇总单位」，"
                f"B{row}写汇总单位名称，如「县治水办」")
    elif no_sheet:
        # a CSV holds one table: the 设置 comes beside it (the session-18 re-trial's 鄞州 CSV was told to add a sheet)
        where = ""
        todo = ("清单是文本表格（CSV），放不下「设置」工作表：另建一个设置工作簿（A列「项目」、B列「值」，写一行「汇总单位」"
                "及其名称，如「县治水办」），运行时加 --settings 设置.xlsx")
    else:
        where = ""
        todo = "请在清单工作簿中加一张「设置」工作表（A列「项目」、B列「值」），写一行「汇总单位」及其名称，如「县治水办」"
    return msg, todo, where
