"""Column mappings the clerk gave once, remembered beside the list.

A mapping (role -> column) comes from ``--columns 内容=D,牵头=E`` or from the
「列对应」 item of the 设置 sheet.  It is stored in the list's archive folder
(``<清单名>_督办档案/列对应.json``) under the header signature of the table it
was given for, so the next reading of the same list (or of next year's list
with the same header) uses it without being told again.
"""
from __future__ import annotations

import json
from pathlib import Path

from .columns import mapping_text, parse_mapping
from .errors import ZhishuiError
from .fileutil import atomic_path

FILE_NAME = "列对应.json"


def store_path(list_path) -> Path:
    from .history import default_folder
    return default_folder(list_path) / FILE_NAME


def load_store(list_path) -> dict:
    p = store_path(list_path)
    if not p.exists():
        return {}
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}   # a damaged memory is not a reason to refuse the list; the columns are read afresh
    return data if isinstance(data, dict) else {}


def remembered(list_path):
    """signature -> mapping, as read_list wants it."""
    store = load_store(list_path)

    def get(signature: str):
        entry = store.get(signature)
        if not entry:
            return None
        mapping, _ = parse_mapping(entry.get("列对应", ""))
        return mapping or None
    return get


def remember(list_path, signature: str, mapping: dict, sheet: str) -> Path | None:
    if not signature or not mapping:
        return None
    p = store_path(list_path)
    store = load_store(list_path)
    store[signature] = {"列对应": mapping_text(mapping), "工作表": sheet, "清单": Path(str(list_path)).name}
    try:
        with atomic_path(p) as tmp:
            tmp.write_text(json.dumps(store, ensure_ascii=False, indent=1), encoding="utf-8")
    except (OSError, ZhishuiError):
        return None     # read-only folder: the mapping still applies this time
    return p


def mapping_from(text: str, where: str) -> dict:
    mapping, problems = parse_mapping(text)
    if problems:
        raise ZhishuiError(f"{where}的列对应写法有误：{'；'.join(problems)}", code="BAD_MAPPING",
                           hint="请写成「内容=D,牵头=E,配合=F」：列名在前，列字母在后，用逗号隔开")
    return mapping
