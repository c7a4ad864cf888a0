"""A finding: one thing wrong (or worth knowing) about the user's data, pointing at its cell."""
from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "错误", "警告", "提示"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
# what each code means, as a clerk would say it (summaries count findings by these; the code
# itself stays in the tables and the JSON for anyone who needs the stable name)
CODE_CN = {
    "ATTACHMENT": "附件（非报送表）", "COMPLETED_BELOW_100": "已完成但比例不足100%",
    "COMPLETED_NO_EVIDENCE": "已完成但未列佐证材料", "CORRUPT_ARCHIVE": "压缩包损坏", "CORRUPT": "文件损坏",
    "DUPLICATE_ROW": "同一任务填了两行", "DUPLICATE_SUBMISSION": "同一单位报送多份", "EMAIL_MSG": "Outlook邮件读不了",
    "EMAIL_NO_ATTACHMENT": "邮件没有附件", "EMAIL_NO_TIME": "邮件没有时间", "EMAIL_UNREADABLE": "邮件无法解析",
    "EMPTY_RETURN": "空表", "FILENAME_ENCODING": "文件名编码", "LIST_CHANGED": "按旧版清单下发的报送表",
    "LOCK_FILE": "Excel临时锁定文件", "MERGED_FILL_CELLS": "填报栏合并了单元格", "NO_RETURN_TABLE": "找不到报送表格",
    "OTHER_PLAN": "别的方案的报送表", "PASSWORD": "加了密码", "PERCENT_100_NOT_DONE": "比例100%但未报已完成",
    "PERCENT_INVALID": "完成比例看不懂", "PERIOD_ASSUMED": "没写报送期", "PLAN_UNCERTAIN": "属于哪个方案不确定",
    "RECEIPT_TIME_INVALID": "收件记录时间看不懂", "RECEIPT_UNMATCHED": "收件记录里的文件没收到", "UPLOAD_REFUSED": "网上上传未采用",
    "RECEIPTS_NO_HEADER": "收件记录没有表头", "RECEIPTS_UNREADABLE": "收件记录读不了", "REFERENCE_EDITED": "改动了下发内容",
    "REPORT_DATE_INVALID": "填报日期看不懂", "STATE_INVALID": "完成状态不在选项中", "STATE_MISSING": "没有选完成状态",
    "RECEIVED_AFTER_DATE": "收到时间晚于报告日期",
    "STATE_PERCENT_MISMATCH": "状态与比例矛盾", "SYSTEM_FILE": "系统文件", "TASK_MISSING_IN_RETURN": "报送表少了任务",
    "TASK_NOT_ASSIGNED": "报了不属于本单位的任务", "TOO_LARGE": "文件过大", "TOO_MANY_CELLS": "单元格过多",
    "TOO_MANY_FILES": "文件过多", "TOO_MUCH_DATA": "数据过多", "UNEXPECTED_UNIT": "没有任务的单位报送",
    "UNIDENTIFIED_FILE": "认不出单位", "UNMATCHED_ROW": "对不上任务的行", "UNREADABLE": "无法读取", "ARCHIVE_UNSUPPORTED": "打不开的压缩包",
    "UNREADABLE_FILE": "无法读取", "NOT_SPREADSHEET": "不是表格文件", "UNUSED_CELLS": "未归入任务的内容",
    "WRONG_PERIOD": "别的月份的报送表", "ZIP_DATE_INVALID": "压缩包日期无效", "ZIP_NAME_ENCODING": "压缩包内文件名编码", "ZIP_TOO_DEEP": "压缩包层数过多",
    "CONTROL_CHARS": "含控制字符", "FORMULA_TEXT": "公式读作文字", "CELL_TEXT_TOO_LONG": "单元格文字过长", "READ_ABORTED": "读取时中断",
    "READ_TIMEOUT": "读取超时", "ASSIGNED_UNIT": "按指定认定单位", "FILENAME_UNIT_DIFFERS": "文件名与报送表单位不同",
    "SENDER_UNIT_DIFFERS": "发件邮箱与报送表单位不同", "HIDDEN_SHEET": "隐藏的工作表",
    "UNKNOWN_UNIT": "单位不在名录中", "LINK_OUTSIDE": "链接指向文件夹外", "LINKED_FOLDER": "链接的文件夹",
    "NOT_A_FILE": "不是普通文件", "SUPERSEDED": "被新版本替代",
    # the list's own checks (zhishui check)
    "DEADLINE_MISSING": "没有完成时限", "DEADLINE_NONE": "完成时限不是日期", "DEADLINE_PAST": "完成时限已过",
    "DEADLINE_RELATIVE": "完成时限是相对写法", "DEADLINE_UNREADABLE": "完成时限看不懂",
    "DIRECTORY_PROBLEM": "单位名录有问题", "DUPLICATE_SEQ": "序号重复", "EMPTY_CONTENT": "任务内容为空",
    "GROUP_UNEXPANDABLE": "统称无法展开", "GROUP_ONE_UNIT": "「各…」只展开为一个单位", "LEAD_IMPLIED": "按唯一责任单位牵头", "LEAD_JOINT": "多个单位共同负责",
    "LIST_COLUMN_MISSING": "清单缺少列", "MISSING_LEAD": "没有牵头或责任单位", "MISSING_SEQ": "没有序号",
    "NO_DIRECTORY": "没有单位名录", "NO_LEAD_COLUMN": "没有牵头单位列", "NO_OFFICE": "没有汇总单位",
    "PERSON_MISMATCH": "责任人与单位对不上", "SEQ_GAP": "序号不连续", "SEQ_PER_CATEGORY": "序号按分类重新编号",
    "SETTINGS_PROBLEM": "设置有问题", "UNIT_RENAMED": "单位已改名", "UNIT_BRACKET": "单位名称带括注",
    "UNIT_VARIANT": "单位名称写法不一", "COLUMN_MAPPING": "列的对应关系",
    # how the list reader read its rows (listreader.note)
    "BLANK_ROWS": "跳过的空行", "CATEGORY_ROW": "分类标题行", "CONTINUATION_ROW": "续行", "NOTE_ROW": "说明文字行",
    "REPEATED_HEADER": "重复的表头", "MERGED_SEQ_ITEM": "合并序号下的分项", "STRAY_ROW": "无法归属的行", "TOTAL_ROW": "合计行",
    "PLAN_NOT_LIST": "方案原文不是清单", "COLUMN_AMBIGUOUS": "列的对应不确定",
    # the returns' year columns (本期数值, 申请延期至) and rows no longer asked for
    "EXTENSION_INVALID": "申请延期日期看不懂", "VALUE_INVALID": "本期数值看不懂", "VALUE_WITHOUT_TARGET": "没有目标值却报了数值",
    "TASK_CLOSED": "已销号的任务又报了",
    # the water data and the 断面清单 (zhishui water)
    "BAD_TIME": "监测时间看不懂", "DATA_FILE": "监测数据文件读不了", "DUPLICATE": "重复的监测数据",
    "DUPLICATE_CONFLICT": "同一时间的监测值不一致", "FOOTER": "表尾签名行", "HEADER_GUESS": "按推测读取的表头", "MARKER": "标为缺测的值",
    "NEGATIVE": "不可能的负值", "NOT_A_NUMBER": "监测值不是数字", "NO_DATA_TABLE": "没有监测数据表",
    "NO_SECTION": "没有断面名称", "SECTION_BY_NAME": "按名称中包含的断面读取", "NO_YEAR": "日期没有年份", "OUT_OF_PERIOD": "不在报告期内的数据",
    "STATION_STATUS": "站点异常时的数据", "UNIT_CONVERTED": "计量单位已换算", "UNIT_SUSPECT": "计量单位可疑",
    "UNIT_UNKNOWN": "计量单位不对", "UNKNOWN_ITEM": "不是评价项目", "UNKNOWN_SECTION": "断面不在清单中",
    "SECTION_DUPLICATE": "断面重复", "SECTION_LEVEL": "断面级别不明", "SECTION_NO_NAME": "断面没有名称",
    "SECTION_PARAMS": "评价指标不明", "SECTION_TARGET": "水质目标有问题", "SECTION_WATER": "水体类型没填",
}


def code_cn(code: str) -> str:
    return CODE_CN.get(code, code)


@dataclass
class Finding:
    severity: str        # 错误 | 警告 | 提示
    code: str            # stable, e.g. UNKNOWN_UNIT
    message: str         # Chinese: what is wrong
    suggestion: str = ""  # Chinese: what to do
    task: str = ""       # the task's 序号 (or its key when it has none)
    field: str = ""      # Chinese column name, e.g. 牵头单位
    sheet: str = ""
    cell: str = ""
    file: str = ""

    def to_dict(self) -> dict:
        return {"severity": self.severity, "code": self.code, "task": self.task, "field": self.field,
                "sheet": self.sheet, "cell": self.cell, "message": self.message,
                "suggestion": self.suggestion, "file": self.file}

    def sort_key(self):
        return (SEVERITY_ORDER.get(self.severity, 9), self.sheet, _cell_order(self.cell), self.code)


def _cell_order(cell: str):
    import re
    m = re.match(r"([A-Z]+)(\d+)", cell or "")
    return (int(m.group(2)), m.group(1)) if m else (0, "")
