"""Which remote-engine actions the xlwings clients shipped with the INSTALLED
xlwings can actually execute.

Python's remote engine (``xw.Book(json=...)``) records every write as an
action ``{"func": "setValues", ...}``; a client then dispatches on ``func``.
Python emits more funcs than the shipped clients implement (e.g.
``setFontProperty``), and the VBA client would fail with "cannot run the
macro". The lists are parsed from the package files, never copied, so an
xlwings upgrade is picked up automatically.

Clients in xlwings 0.37.8:
* ``vba``: ``addin/Remote.bas`` dispatches ``Application.Run action("func"), wb, action``
  -> every ``Sub name(wb As Workbook, action As Dictionary)``.
* ``js``: ``js/xlwings.ts`` (Office Scripts) dispatches
  ``globalThis.callbacks[action.func]`` -> every ``registerCallback(name)``.
* ``gas``: ``js/xlwings.js`` (Google Apps Script) dispatches ``funcs[action.func]``
  with ``let funcs = this`` -> every ``function name(workbook, action)`` after that line
  (the helper ``getRange`` above it has the same signature but is no action).
"""
from __future__ import annotations

import re
from pathlib import Path

_VBA_SUB = re.compile(
    r"^[ \t]*(?:(?:Public|Private|Friend)[ \t]+)?Sub[ \t]+(\w+)[ \t]*\("
    r"[ \t]*(?:ByRef[ \t]+|ByVal[ \t]+)?wb[ \t]+As[ \t]+Workbook[ \t]*,"
    r"[ \t]*(?:ByRef[ \t]+|ByVal[ \t]+)?action[ \t]+As[ \t]+Dictionary[ \t]*\)",
    re.IGNORECASE | re.MULTILINE,
)
_TS_REGISTER = re.compile(r"^\s*registerCallback\(\s*(\w+)\s*\)\s*;", re.MULTILINE)
_JS_FUNC = re.compile(r"^function\s+(\w+)\s*\(\s*workbook\s*,\s*action\s*\)", re.MULTILINE)
_GAS_MAP_MARKER = "let funcs = this;"


def xlwings_dir() -> Path:
    import xlwings

    return Path(xlwings.__file__).resolve().parent


def client_file(kind: str) -> Path:
    files = {
        "vba": Path("addin", "Remote.bas"),
        "js": Path("js", "xlwings.ts"),
        "gas": Path("js", "xlwings.js"),
    }
    if kind not in files:
        raise ValueError(f"unknown client kind {kind!r}; use one of {sorted(files)}")
    path = xlwings_dir() / files[kind]
    if not path.is_file():
        raise FileNotFoundError(f"the installed xlwings ships no {files[kind]}")
    return path


def client_actions(kind: str) -> set[str]:
    """Action names ("func") the shipped client of this kind implements."""
    text = client_file(kind).read_text(encoding="utf-8", errors="replace")
    if kind == "vba":
        names = set(_VBA_SUB.findall(text))
    elif kind == "js":
        names = set(_TS_REGISTER.findall(text))
    else:
        at = text.find(_GAS_MAP_MARKER)
        names = set(_JS_FUNC.findall(text[at:] if at >= 0 else text))
    if not names:
        # A silent empty set would make every action look unsupported.
        raise RuntimeError(f"no actions found in {client_file(kind)}; its format changed")
    return names


def emitted_actions(book_json: dict) -> list[str]:
    """``func`` names, in order, of a remote book's ``book.json()``.

    ``book.json()`` is ``{"actions": [{"func": ..., "args": [...], "values": ...,
    "sheet_position": ..., "start_row": ..., ...}, ...]}``.
    """
    return [a["func"] for a in book_json.get("actions", [])]


def unsupported_actions(book_json: dict, kind: str = "vba") -> list[str]:
    """Emitted funcs the given client cannot run (order kept, no duplicates)."""
    known = client_actions(kind)
    return list(dict.fromkeys(f for f in emitted_actions(book_json) if f not in known))
