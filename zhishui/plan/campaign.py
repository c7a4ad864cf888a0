"""The time a campaign runs, said once for the whole plan under a heading of its own (二、整治时间: / 从9月10日至9月
17日结束。 — 三、时间安排 / 20*年6月12日——6月18日): a task that sets no time of its own runs in it.  The window is
given verbatim, and the task says where it came from for the review.  So does the one time a notice's cover letter
sets for the problems listed in its attachment (请…于5月20日前将问题整改完成 / 附件:存在问题 / 1.…(责任单位:X))."""
from __future__ import annotations

import re

from .document import Para
from .model import PlanTask, level_of

TIME_HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|[（(][一二三四五六七八九十]{1,3}[）)])\s*"
                             r"(?:活动|整治|行动|宣传|专项行动|集中整治|实施|工作)?时间(?:安排)?\s*[:：]?\s*(?P<rest>.*)$")
_DAY = r"\d{1,2}\s*月\s*\d{1,2}\s*日"
WINDOW_RE = re.compile(rf"\s*(?:从|自)?\s*(?:(?:19|20)[\d*]{{1,2}}\s*年\s*)?{_DAY}\s*起?\s*(?:至|到|—{{1,2}}|-|~|－)\s*"
                       rf"(?:(?:19|20)\d{{2}}\s*年\s*)?(?:\d{{1,2}}\s*月\s*)?\d{{1,2}}\s*日\s*(?:结束|止)?\s*[。；;]?\s*")


def campaign_window(paras: list[Para]) -> tuple[str, str] | None:
    """(the window as written, its heading) when a heading of the plan gives the time the whole campaign runs."""
    for k, p in enumerate(paras):
        m = TIME_HEADING_RE.match(p.text)
        if not m:
            continue
        text = m.group("rest")
        for q in paras[k + 1:k + 3]:
            if text and WINDOW_RE.fullmatch(text) or level_of(q.text.strip()):
                break
            text += q.text.strip()
        if WINDOW_RE.fullmatch(text):
            return text.strip().rstrip("。；;"), p.text.strip()[:20]
    return None


def run_in_window(tasks: list[PlanTask], paras: list[Para]) -> None:
    found = campaign_window(paras)
    if found is None:
        return
    window, heading = found
    for pt in tasks:
        if not pt.deadline.strip():
            pt.deadline = window
            pt.review.append(f"这项任务没有写完成时限，已按「{heading}」填入整个行动的时间「{window}」，请核对")


# 请各事涉部门对存在的问题立即进行整改,并于5月20日前将问题整改完成: the time the letter gives all the work it lists
COVER_DEADLINE_RE = re.compile(r"(?:于|在)(?P<d>[^，,。；;于在]{2,16}?(?:前|底))(?:将|把)?[^，,。；;]{0,12}?(?:整改|完成|办结|落实到位)")
ATTACHMENT_LINE_RE = re.compile(r"^\s*附件\s*\d*\s*[:：]")


def run_by_cover_deadline(tasks: list[PlanTask], paras: list[Para]) -> None:
    """Tasks listed after the 附件 line, with no time of their own, take the one time the cover letter before it asks
    them all to be done by (a 督查通知单 lists its problems in the attachment: a new part's labels give each that time)."""
    cut = next((k for k, p in enumerate(paras) if ATTACHMENT_LINE_RE.match(p.text)), None)
    if cut is None:
        return
    cover = [p.text for p in paras[:cut] if "请" in p.text]
    found = {m.group("d").strip() for t in cover for m in COVER_DEADLINE_RE.finditer(t)}
    if len(found) != 1:
        return
    when = found.pop()
    listed = {p.where for p in paras[cut:]}
    for pt in tasks:
        if not pt.deadline.strip() and pt.source in listed:
            pt.deadline = when
            pt.review.append(f"这项任务没有写完成时限，已按通知正文「请…于{when}…」填入，请核对")
