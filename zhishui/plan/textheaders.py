"""Header rows of tables printed as text: which column each header cell names.

Shared by the readers of tables printed with tabs or spaces (texttables), with bars
(pipetables) and one cell per line (celllines).
"""
from __future__ import annotations

import re

from ..columns import header_role as match_field
from ..rolewords import label_field

# 扫一扫在手机上查看当前页面 / 【打印本页】 / 关闭窗口: the web page's own furniture after a table
FOOTER_RE = re.compile(r"^\s*(?:抄送|印发|主题词|附件\s*\d|注\s*[:：]|备注\s*[:：]|扫一扫|【?\s*(?:打印本页|关闭窗口))")
SEQ_RE = re.compile(r"^\d{1,3}$")
UNIT_FIELDS = ("lead", "responsible", "cooperating")
# 完成情况 / 当前进展情况 / 目前完成情况、存在问题及下一步工作措施 / 进度评价: a report column, never the task
PROGRESS_HEADER_RE = re.compile(r"(?:完成|进展|推进|落实|办理|进度)(?:情况|进度|评价)|存在问题|^进度|评价$")


SECTION_HEADER_RE = re.compile(r"(?:责任|牵头|主办)(?:科室|处室|股室)(?:[（(]单位[）)])?")


def field_of(header: str) -> str | None:
    """The role a header cell names; a report column (完成情况、存在问题…) has none."""
    if PROGRESS_HEADER_RE.search(header):
        return None
    # 牵头科室 / 主要责任单位 / 整改期限: a label of the role lexicon the table vocabulary does not list
    return match_field(header) or label_field(re.sub(r"\s+", "", header))


def _header_fields(cells: list[str]) -> list[str | None]:
    return [field_of(c) if c and len(c) <= 12 else None for c in cells]


def header_fields(headers: list[str]) -> list[str | None]:
    """The role of each header cell; of two text columns (项目内容 | 工作要求) the first is the
    category the rows are grouped under, the second the task."""
    fields = [field_of(h) for h in headers]
    if fields.count("content") == 2 and "category" not in fields:
        fields[fields.index("content")] = "category"
    if not any(f in UNIT_FIELDS for f in fields):
        # 责任股室(单位) / 责任科室 with no unit column beside it: the section of the office that wrote the plan does the
        # row (plan/tables.py reads the rebuilt table so too)
        fields = ["responsible" if f is None and SECTION_HEADER_RE.fullmatch(re.sub(r"\s+", "", h)) else f
                  for f, h in zip(fields, headers)]
    return fields


def _is_header(fields: list[str | None]) -> bool:
    known = set(f for f in fields if f)      # 类别 and 主要任务 may both read as the category
    return (len(known) >= 3
            and bool(set(known) & {"deadline", *UNIT_FIELDS}) and bool(set(known) & {"content", "category", "seq"}))
