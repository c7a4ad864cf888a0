"""The words an office's name ends with (县水务局, 市住建委, 区政府办公室…): one list for every reader.

Each reader adds what it may trust in its own place: the list reader also takes 市/县/区/村 and 专班 (a cell of
a unit column is a name whatever it ends with), the plan readers take 处/科/社区 and the like, the headings that
may name a unit take the offices only (a heading 「(二)工业园区」 is a category, not a unit).  The differences are
written where each pattern is made, with ``ending_re``.
"""
from __future__ import annotations

import re

# 建设部 / 铁道部 / 县委组织部: a ministry or a Party department (not 全部, 内部, 干部, 局部, 外部)
MINISTRY = r"(?<![全内干局外细总本各])部"
# 市公路段 / 养护段 / 供电段: a road's or a railway's section office (not 重点路段, 时间段)
SECTION_OFFICE = r"(?:公路|公路管理|养护|工务|机务|车务|电务|供电|车辆|管理)段"
# 镇级河长 / 乡(镇)级河湖长 / 村级林长 / 专职巡河员 / 村级组织: the chiefs and bodies of a level and the
# patrollers a river-chief plan gives duties to (a level written, so 河长制 and 河长办 stay what they are)
LEVEL_BODY = r"级(?:河湖|河|湖|林|田)长|级组织|(?:巡河|巡湖|护林|保洁)员"
OFFICE_ENDINGS = ("政府", "部门", "局", "厅", "委", "委员会", "办", "办公室", "办事处", "中心", "公司", "街道", "镇", "乡",
                  "管委会", "院", "队", "站", "所", "分局", "机关", "机构", "监会", "协会", "馆", MINISTRY, SECTION_OFFICE)


def ending_re(*more: str, after: str = "") -> re.Pattern:
    """A pattern for a name that ends as an office does, or with one of ``more`` (regular-expression
    pieces), followed by ``after`` (a bracket the name may carry) and its end."""
    words = sorted(set(OFFICE_ENDINGS + more), key=len, reverse=True)
    return re.compile("(?:" + "|".join(words) + ")" + after + "$")
