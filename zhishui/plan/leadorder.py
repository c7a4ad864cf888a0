"""A plan's own convention for the lead unit: 「列第一位者为牵头部门」「县政府部门中列在首位的为牵头部门」
「排在第一位的为牵头单位」「第一个单位为牵头单位」「列第一位的责任单位为牵头单位或汇总单位」.

Written in a bracket after a task (attributions.py reads those), in a table's header or one of its cells (a
division-of-work table's 负责单位 column lists the offices and says once which of them leads), in a note under
the table or in the body (二、责任分解中，列第一位的责任单位为牵头单位).  Wherever it is, it says how to read
every list of units the plan gives without a lead of its own: the first office named leads, the others do
their part (责任单位), or help where the sentence says so (其他为配合单位).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..unitnames import classify_group

# which unit: the one listed first (列第一位者 / 列在首位的 / 排在第一位的 / 排名第一的 / 居首位的 / 第一个单位)
_FIRST = (r"(?:(?:(?:排|所)?列|排|位列|名列|排名|排序)(?:在|于)?(?:第一位|第1位|首位|第一|最前面?)|居(?:于)?首位)"
          r"(?:者|的)?(?:责任|牵头)?(?:单位|部门)?"
          r"|(?:第一|首)(?:个|位|家)?(?:列出的|列明的)?(?:责任)?(?:单位|部门)")
# 县政府部门中 / 责任分解中， / 各项任务的责任单位中: which lists (or which names in them) the rule speaks of
_SCOPE = r"(?:(?<![\u4e00-\u9fff])(?P<scope>[\u4e00-\u9fff]{2,12}?)中[，,]?\s*)?"
# …为牵头部门 / 为工作牵头单位或汇总单位
_LEADS = r"(?:为|是|作为|系)(?:工作)?牵头(?:单位|部门|责任单位)(?:或汇总(?:单位|部门))?"
# ，有关部门按职责分工负责 / ，其他为配合单位 / ，其余单位配合: what the others do
_OTHERS = (r"(?:[，,；;]\s*(?P<others>(?:其他|其余|其它|有关|相关)(?:有关|相关)?(?:责任)?(?:单位|部门)?(?:为|作为)?"
           r"(?:按照?职责(?:分工)?|分别)?(?:负责|配合|协助|协办|参与|责任)(?:单位|部门)?))?")
_SAME = r"(?:[，,]\s*(?P<same>下同))?"
# the rule's words alone (also inside a longer bracket)
RULE = _SCOPE + r"(?:" + _FIRST + r")" + _LEADS + _OTHERS + _SAME
RULE_RE = re.compile(RULE)
# the rule in a bracket of its own after a list of names: （县政府部门中列在首位的为牵头部门，…，下同）
BRACKETED_RE = re.compile(r"\s*[（(]\s*" + RULE + r"[。.]?\s*[）)]")
_HELPS_RE = re.compile(r"配合|协助|协办|参与")
# bodies nobody named (县政府其他有关部门, 各有关单位): no one to lead, said as the list reader says them
_RELATIVE_RE = re.compile(r"(?:其他|其它|有关|相关)(?:[\u4e00-\u9fff]{0,4})?(?:部门|单位|方面)$")
# 各牵头单位和汇总单位要…: the roles the rule defines, named as bodies — no office to put first
_ROLE_NAME_RE = re.compile(r"(?:牵头|责任|汇总|成员|配合|协办|主办|参与)(?:单位|部门)$")


@dataclass
class LeadRule:
    words: str                      # the document's own words (县政府部门中列在首位的为牵头部门，有关部门按职责分工负责，下同)
    where: str                      # 第3段 / 表1第2行: where it is written, as the tasks' 来源 write it
    others: str = "responsible"     # what the units after the first are
    offices_only: bool = False      # 县政府部门中…: the first office leads, a group before it (各镇) does not
    tasks: list = field(default_factory=list, repr=False)   # the tasks it decided (their 序号 come later)


def find_rule(text: str, where: str = "") -> LeadRule | None:
    m = RULE_RE.search(text or "")
    if not m:
        return None
    others = m.group("others") or ""
    scope = m.group("scope") or ""
    return LeadRule(m.group().strip(" ，,。；;"), where, "cooperating" if _HELPS_RE.search(others) else "responsible",
                    offices_only=bool(re.search(r"部门|局|委|办", scope)))


def strip_rule(text: str) -> str:
    """A cell of names without the rule written in it (县民政局、…，各镇人民政府（县政府部门中列在首位的为牵头部门…））."""
    out = BRACKETED_RE.sub("", text or "")
    return RULE_RE.sub("", out).rstrip(" ，,。；;") if RULE_RE.search(out) else out


def is_relative(name: str) -> bool:
    """县政府其他有关部门, 有关部门, 各相关单位: bodies nobody named (the list reader says 泛指 and sends them nothing)."""
    _group, relative = classify_group(name)
    return relative or bool(_RELATIVE_RE.search(name))


def apply_rule(pt, rule: LeadRule) -> bool:
    """The first office of a task's list leads, the others do their part; said in its 待核实.  Only a list of two or
    more names with no lead of its own is read so (a lone name is the one who does the task)."""
    if pt.lead or len(pt.responsible) < 2 or any(_ROLE_NAME_RE.search(u) for u in pt.responsible):
        return False
    names = list(pt.responsible)
    first = next((u for u in names if not is_relative(u) and not (rule.offices_only and classify_group(u)[0])), None)
    if first is None:
        return False
    rest = [u for u in names if u != first]
    pt.lead = [first]
    if rule.others == "cooperating":
        pt.responsible = []
        pt.cooperating = rest + [u for u in pt.cooperating if u not in rest]
    else:
        pt.responsible = rest
    role = "配合单位" if rule.others == "cooperating" else "责任单位"
    skipped = "" if names[0] == first else f"（排在它前面的「{'、'.join(names[:names.index(first)])}」不是{'部门' if rule.offices_only else '具体单位'}）"
    pt.review.append(f"按原文「{rule.words}」（{rule.where}），第一个单位「{first}」作牵头单位{skipped}"
                     + (f"，其余作{role}" if rest else "") + "，请核对")
    vague = [u for u in rest if is_relative(u)]
    if vague:
        # (as check and split will say: a 泛指 gets no return sheet)
        pt.review.append(f"「{'」「'.join(vague)}」是泛指，不下发报送表；知道是哪些单位的，请写明")
    rule.tasks.append(pt)
    return True


def _in_bracket(text: str) -> bool:
    """Is the end of ``text`` inside a bracket (（省经信委、省发改委(省能源局)。 before 列第一位者…)?"""
    depth = 0
    for ch in text:
        depth += 1 if ch in "（(" else -1 if ch in "）)" and depth else 0
    return depth > 0


def document_rules(doc) -> tuple[dict, list[LeadRule], list[LeadRule]]:
    """The document's lead conventions: (table where -> the rules written in that table's cells, the rules of the
    body said as sentences of their own, those the body says in a bracket after a task).  Read once per import."""
    from .document import Para, Table
    in_tables: dict[str, list[LeadRule]] = {}
    sentences: list[LeadRule] = []
    bracketed: list[LeadRule] = []
    for b in doc.blocks:
        if isinstance(b, Table):
            for r in range(b.grid.nrows):
                for c in range(b.grid.ncols):
                    rule = find_rule(b.grid.text(r, c), f"{b.where}第{r + 1}行")
                    if rule is not None and all(x.words != rule.words for x in in_tables.get(b.where, [])):
                        in_tables.setdefault(b.where, []).append(rule)
        elif isinstance(b, Para):
            m = RULE_RE.search(b.text or "")
            if m is None:
                continue
            rule = find_rule(b.text, b.where)
            (bracketed if _in_bracket(b.text[:m.start()]) else sentences).append(rule)
    return in_tables, sentences, bracketed


def apply_document_rules(doc, tasks: list, table_where: set[str]) -> list[LeadRule]:
    """Each task without a lead of its own, whose list names two or more units, read by the rule that speaks of
    it: a table's rows by the rule in that table (or else one the body states, in a sentence of its own or in a
    bracket: a note under the table is a paragraph too); the body's tasks by a sentence of its own only (a
    bracket's rule is the bracket reader's, for the tasks after it).  The rules that decided something."""
    in_tables, sentences, bracketed = document_rules(doc)
    for pt in tasks:
        table = next((w for w in table_where if pt.source.startswith(w + "第")), None)
        if table is not None:
            rules = in_tables.get(table) or sentences or bracketed
        else:
            rules = sentences
        if rules:
            apply_rule(pt, rules[0])
    return [r for rs in (*in_tables.values(), sentences, bracketed) for r in rs if r.tasks]
