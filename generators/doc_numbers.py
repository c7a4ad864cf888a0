"""Real document numbers (发文字号): the office code from 设置 + 〔year〕 + a sequence number that
continues across months, per kind of document, kept in the month's history.

The same letter of the same period keeps its number when the documents are made again.
Without a code the number is left blank to fill in by hand (〔2020〕　　号), said once; no code
is ever invented.  Without a history (--no-history) the numbers start at the 起始编号 of 设置
and are not remembered, which is said too.
"""
from __future__ import annotations

from zhishui.history import History
from zhishui.month import Month
from zhishui.returnsheet import period_key

KIND_CN = {"chase": "催报", "supervise": "督办", "bulletin": "通报"}


class DocNumbers:
    def __init__(self, m: Month):
        self.m = m
        self.st = m.tl.settings
        self.year = m.report_date.year
        self.period = period_key(m.period)
        self.notes: list[str] = []
        self._counters: dict[str, int] = {}
        self._said: set[str] = set()
        # the month's own open history when it waits to commit with the documents (CLI), else our own
        self.own = m.open_history is None and m.history_folder is not None
        self.hist = m.open_history or (History(m.history_folder, db=m.history_url) if self.own else None)

    def close(self) -> None:
        if self.own:
            self.hist.commit()
            self.hist.close()

    def fields(self, kind: str, recipient: str) -> dict:
        """Context fields for one document: doc_code and doc_seq (the renderer prints them,
        or the blank when there is no code)."""
        code = (getattr(self.st, f"{kind}_prefix") or "").strip()
        start = getattr(self.st, f"{kind}_next") or 1
        if not code:
            if kind not in self._said:
                self._said.add(kind)
                self.notes.append(f"设置中没有填写「{KIND_CN[kind]}文号前缀」（发文机关代字），{KIND_CN[kind]}文号留空，"
                                  f"印发前手工填写：〔{self.year}〕　　号")
            return {"doc_number": "", "doc_code": "", "doc_seq": None}
        if self.hist is not None:
            seq = self.hist.doc_number(kind, self.year, self.period, recipient, start)
        else:
            seq = start + self._counters.get(kind, 0)
            self._counters[kind] = self._counters.get(kind, 0) + 1
            if "nohistory" not in self._said:
                self._said.add("nohistory")
                self.notes.append("本次没有使用历史记录，文号从设置中的起始编号开始，不会接着以前的编号")
        return {"doc_number": "", "doc_code": code, "doc_seq": seq, "doc_year": self.year}
