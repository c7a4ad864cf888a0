"""Settings (设置): the plan's metadata and the office's preferences.

Read from a 设置 sheet (项目 | 值) in the list workbook or from a separate
workbook / UTF-8 ``项目=值`` text file; command-line options override both.
Unknown items are kept (templates may use them); known ones are typed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ZhishuiError
from .workbook_reader import Book, cell_ref, cell_text, read_book

SETTINGS_SHEET_NAMES = ("设置", "参数", "配置")

# Chinese item name -> (attribute, type, default)
ITEMS = {
    "发文机关": ("issuer", str, ""),
    "文件标题": ("notice_title", str, ""),
    "文号": ("notice_number", str, ""),
    "成文日期": ("doc_date", dt.date, None),
    "方案名称": ("plan_name", str, ""),
    "方案编号": ("plan_id", str, ""),
    "地区": ("region", str, ""),
    "汇总单位": ("office", str, ""),
    "发文单位": ("office_full", str, ""),
    "联系人": ("contact", str, ""),
    "联系电话": ("phone", str, ""),
    "电子邮箱": ("email", str, ""),
    "临期天数": ("due_soon_days", int, 15),
    "汛期开始": ("flood_start", dt.date, None),     # month and day: the year is not used (SEASON_ITEMS)
    "汛期结束": ("flood_end", dt.date, None),
    "报送截止日": ("report_day", int, 25),
    "报送方式": ("channel", str, ""),
    "督办文号前缀": ("supervise_prefix", str, ""),
    "督办起始编号": ("supervise_next", int, 1),
    "催报文号前缀": ("chase_prefix", str, ""),
    "催报起始编号": ("chase_next", int, 1),
    "通报文号前缀": ("bulletin_prefix", str, ""),
    "通报起始编号": ("bulletin_next", int, 1),
    # the water letters (水质预警; their 督办 use 督办文号前缀): in the 督办台账's 设置 so a clerk sees where to put them
    "预警文号前缀": ("warning_prefix", str, ""),
    "预警起始编号": ("warning_next", int, 1),
    "签发人": ("signer", str, ""),
    "回复时限工作日": ("reply_workdays", int, 5),
    "催报方式": ("chase_mode", str, "合并"),
    "催报期限工作日": ("chase_workdays", int, 2),
    "逾期后果": ("consequence", str, ""),
    "通报主送": ("bulletin_recipients", str, ""),
    "抄送": ("cc", str, ""),
    "节假日": ("holidays", list, None),
    "调休上班日": ("workdays", list, None),
}
SEASON_ITEMS = ("汛期开始", "汛期结束")
ATTR_TO_ITEM = {v[0]: k for k, v in ITEMS.items()}


def parse_date(v) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = cell_text(v).strip()
    if not s:
        return None
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s.*)?", s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


@dataclass
class Settings:
    values: dict = field(default_factory=dict)     # attr -> typed value
    extra: dict = field(default_factory=dict)      # unknown items, verbatim
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, Chinese)
    source: str = ""
    cells: dict = field(default_factory=dict)      # item -> where its value is (设置!B7), to point at it
    sheet_name: str = ""                           # the 设置 sheet read, if any
    free_row: int = 0                              # its first row after the last item (to add one)

    def __getattr__(self, name):
        if name in ("values", "extra", "problems", "source", "cells", "sheet_name", "free_row"):
            raise AttributeError(name)
        if name in ATTR_TO_ITEM:
            item = ATTR_TO_ITEM[name]
            return self.values.get(name, ITEMS[item][2])
        raise AttributeError(name)

    def set(self, item_or_attr: str, raw, where: str = "") -> None:
        item = item_or_attr if item_or_attr in ITEMS else ATTR_TO_ITEM.get(item_or_attr)
        if item is not None and where:
            self.cells.setdefault(item, where)
        if item is None:
            self.extra[item_or_attr] = cell_text(raw).strip()
            if re.fullmatch(r"主?汛期(?:时间|起止|起止日期|日期|时段|范围)?", item_or_attr.strip()):
                # (汛期 | 6月1日-9月30日: one row where two are read; said, not ignored)
                self.problems.append((where, f"设置项「{item_or_attr}」认不出：汛期请分两行写「汛期开始」「汛期结束」"
                                             "（如6月1日、9月30日）"))
            return
        attr, typ, _ = ITEMS[item]
        text = cell_text(raw).strip()
        if text == "":
            return
        if typ is dt.date:
            d = parse_date(raw)
            md = re.fullmatch(r"(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*[日号]?", text) if d is None and item in SEASON_ITEMS else None
            if md and 1 <= int(md.group(1)) <= 12 and 1 <= int(md.group(2)) <= 31:
                # 汛期开始 6月1日: the season comes back every year, only its month and day are used (a leap year
                # keeps 2月29日)
                try:
                    d = dt.date(2000, int(md.group(1)), int(md.group(2)))
                except ValueError:
                    d = None
            if d is None:
                hint = "6月1日或2025年6月1日" if item in SEASON_ITEMS else "2020年9月23日"
                self.problems.append((where, f"设置项「{item}」的值「{text}」不是日期，应写成{hint}"))
                return
            self.values[attr] = d
        elif typ is int:
            # 「25日」「2个工作日」「5天」: the number with the word README writes after it (trial 25 wrote 25日)
            number = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:个工作日|工作日|个|日|天|号|项|份|名)?\s*", text)
            try:
                self.values[attr] = int(float(number.group(1) if number else text))
            except ValueError:
                self.problems.append((where, f"设置项「{item}」的值「{text}」不是整数"))
        elif typ is list:
            days = []
            for part in re.split(r"[、，,；;\s]+", text):
                if part:
                    d = parse_date(part)
                    if d is None:
                        self.problems.append((where, f"设置项「{item}」中的「{part}」不是日期"))
                    else:
                        days.append(d)
            self.values[attr] = days
        else:
            self.values[attr] = text

    def flood_season(self):
        if self.flood_start and self.flood_end:
            return ((self.flood_start.month, self.flood_start.day), (self.flood_end.month, self.flood_end.day))
        return None



def settings_from_book(book: Book) -> Settings:
    st = Settings(source=str(book.path))
    for name in SETTINGS_SHEET_NAMES:
        g = book.sheet(name)
        if g is None:
            continue
        st.source = f"{Path(str(book.path)).name}!{name}"
        st.sheet_name, st.free_row = name, 1
        for r in range(g.nrows):
            key = g.text(r, 0).strip().rstrip("：:")
            if key:
                st.free_row = r + 2
            if not key or key in ("项目", "设置项", "名称"):
                continue
            st.set(key, g.raw(r, 1), f"{name}!{cell_ref(r, 1)}")
        break
    return st


def load_settings_file(path, st: Settings | None = None) -> Settings:
    """A separate settings file: a workbook with a 设置 sheet, or text lines 项目=值."""
    path = Path(path)
    st = st or Settings()
    if path.suffix.lower() in (".txt", ".ini", ".conf", ".cfg"):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise ZhishuiError(f"无法读取设置文件（{e}）", file=path, hint="设置文件应为UTF-8编码的「项目=值」文本")
        for i, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                st.problems.append((f"{path.name} 第{i}行", "应写成「项目=值」"))
                continue
            k, v = line.split("=", 1)
            st.set(k.strip(), v.strip(), f"{path.name} 第{i}行")
        return st
    other = settings_from_book(read_book(path))
    st.values.update(other.values)
    st.extra.update(other.extra)
    st.problems.extend(other.problems)
    return st
