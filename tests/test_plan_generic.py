"""Generic readers, meant for layouts no rule was written for (round 7): the run-together table
reader (zhishui/plan/runtogether.py), the role lexicon (rolewords.py) and the last-resort reader
for documents no reader claims (fallback.py).  Each is checked on real corpus text against the
hand labels (tests/data/plans/truth), and on documents of parts it was not written for: a table
another reader reads, its cells run together; a document whose specific reader is left out."""
from __future__ import annotations

import json
import re

import plan_scoring as ps
from test_plan_layouts_round5 import _imported, _text
from zhishui.plan.assemble import assemble
from zhishui.plan.document import Document, Para, Table
from zhishui.plan.fallback import fallback_tasks, units_in
from zhishui.plan.records import split_records
from zhishui.rolewords import label_field, unit_label_role
from zhishui.plan.runheader import segment_header
from zhishui.plan.texttables import blocks_from_lines
from zhishui.plan.unitshapes import split_units_by_shape


def _truth(doc: str) -> list[dict]:
    return json.loads((ps.TRUTH / f"{doc}.json").read_text(encoding="utf-8"))["tasks"]


def _score(doc: str, tasks) -> ps.DocScore:
    return ps.score_tasks(doc, _truth(doc), [t.to_dict() for t in tasks])


def _assembled(lines: list[str]):
    return assemble(Document(ps.CORPUS / "x.txt", "txt", blocks_from_lines(lines, lambda i: f"第{i + 1}行"), [], lines))


# --- tables whose cells ran together --------------------------------------------------------------

def test_a_run_together_header_is_cut_into_known_words():
    # h307 / h503 / d12: 序号项目名称主要内容区政府分管领导牵头单位配合单位 (an unknown prefix stays with its word)
    assert segment_header("序号项目名称主要内容区政府分管领导牵头单位配合单位") == [
        "序号", "项目名称", "主要内容", "区政府分管领导", "牵头单位", "配合单位"]
    assert segment_header("序号工作内容目标任务责任单位备注") == ["序号", "工作内容", "目标任务", "责任单位", "备注"]
    assert segment_header("市委宣传部(市文明办)、市城管委,市住建局") is None


def test_unit_names_run_together_are_cut_by_their_shape():
    # h307: 教育局经开区高新园(邹区镇)各街道市国有公司 / 住建局五星街道南大街街道荷花池街道
    assert split_units_by_shape("教育局经开区高新园(邹区镇)各街道市国有公司")[0] == [
        "教育局", "经开区", "高新园(邹区镇)", "各街道", "市国有公司"]
    names, end = split_units_by_shape("文体旅局晋陵公司轨道公司推进大庙弄核心区改造")
    assert names == ["文体旅局", "晋陵公司", "轨道公司"] and "文体旅局晋陵公司轨道公司推进大庙弄"[end:].startswith("推进")


def test_a_run_together_table_with_one_unit_column_reads_as_the_hand_labels():
    # h503 成都: "序号工作内容目标任务责任单位备注1将生活垃圾分类投放…。2021年2月底前,…。市委宣传部(市文明办)、…"
    res = _imported("h503_chengdu_laji2021")
    sc = _score("h503_chengdu_laji2021", res.tasks)
    assert (sc.found, sc.roles_ok, sc.deadlines_kept) == (4, 4, 4)
    assert any("各格连在一起" in y for _w, _t, y in res.review)


def test_a_run_together_table_with_a_person_and_two_unit_columns_and_sub_rows():
    # h307 钟楼: "…4580个。何海平教育局经开区高新园(邹区镇)各街道市国有公司2促进就业…" and item 3 holding a
    # second sub-row "推进大庙弄核心区改造…。芮春祥住建局五星街道…"; the lead/co-unit cut is said for review
    res = _imported("h307_zhonglou_minsheng2021")
    sc = _score("h307_zhonglou_minsheng2021", res.tasks)
    assert (sc.found, sc.roles_ok) == (4, 4)
    t = next(t for t in res.tasks if "推进大庙弄" in t.content)
    assert t.lead == ["住建局"] and t.cooperating == ["五星街道", "南大街街道", "荷花池街道"]
    assert any("第一个单位「住建局」作为牵头单位" in r for r in t.review)


def test_the_run_together_reader_reads_a_table_of_another_part_whose_cells_are_run_together():
    # generalisation: d12 大竹 (heldout2, printed one cell a line, never run together) and d14 苍南 (dev),
    # their cells joined with nothing between them as h307/h503 were, read as the hand labels say
    for doc, want in (("d12_dazhu_minsheng2016", (11, 11)), ("d14_cangnan_minsheng2022", (13, 13))):
        tab = next(b for b in _imported(doc).document.blocks if isinstance(b, Table))
        joined = "".join("".join(str(v or "") for v in r) for r in tab.grid.rows)
        assert "1启动建设东柳河" in joined or "1新(改、扩)建公办园" in joined
        res = _assembled(["标题", "", joined])
        sc = _score(doc, res.tasks)
        assert (sc.found, sc.roles_ok) == want, (doc, sc.misses[:3])


# --- one role lexicon -----------------------------------------------------------------------------

def test_field_labels_are_recognised_by_how_they_are_built():
    # labels the corpus prints (h510 主要责任单位, h515 问题整改责任单位, h310 牵头督导单位 / 主体责任单位,
    # h502 责任部门 / 配合部门, h406 协办单位, h412 牵头科室, h311 责任单位或牵头单位) and the same build
    # with words no document has used yet (配合科室, 具体实施单位)
    assert [label_field(x) for x in ("主要责任单位", "问题整改责任单位", "牵头督导单位", "主体责任单位", "责任部门",
                                      "配合部门", "协办单位", "牵头科室", "配合科室", "具体实施单位")] == [
        "responsible", "responsible", "lead", "responsible", "responsible",
        "cooperating", "cooperating", "lead", "cooperating", "responsible"]
    assert unit_label_role("责任单位 或牵头单位") == "responsible"
    assert label_field("分管领导") == "person" and label_field("整改期限") == "deadline"
    assert label_field("工作内容") is None and label_field("联系人") is None
    # role verbs after a unit: one lexicon for the attribution and last-resort readers; the words the
    # bracket reader listed before (共同牵头, 按职责分工负责, 协办 …) all come out of it, lead before responsible
    from zhishui.rolewords import role_phrases
    phrases = role_phrases()
    for w, r in (("按照职责分工牵头", "lead"), ("共同牵头", "lead"), ("牵头负责", "lead"), ("分工负责", "responsible"),
                 ("负责落实", "responsible"), ("具体负责", "responsible"), ("协办", "cooperating")):
        assert (w, r) in phrases
    assert phrases.index(("牵头", "lead")) < phrases.index(("按照职责分工负责", "responsible"))
    # the text-table readers' headers use the same lexicon (h412: 序号 | 项目内容 | 服务对象 | 牵头科室 | …)
    from zhishui.plan.textheaders import field_of
    assert (field_of("牵头科室"), field_of("主要责任单位"), field_of("完成情况")) == ("lead", "responsible", None)


def test_every_unit_label_in_the_corpus_gives_the_role_the_hand_labels_give_its_units():
    # oracle: for each "X单位:/X部门:/X科室: unit" printed in a corpus text, the first unit after the
    # label stands in that role in some hand-labelled task of the document
    checked = agree = 0
    for d in ps.manifest():
        text = _text(d["id"])
        truth = _truth(d["id"])
        roles = {"lead": "L", "responsible": "R", "cooperating": "C"}
        for m in re.finditer(r"((?:[\u4e00-\u9fff]{0,4})(?:单位|部门|科室))\s*[:：]\s*([^、，,；;。)）\s]{2,20})", text):
            role = unit_label_role(m.group(1)) or unit_label_role(m.group(1)[-4:])
            unit = ps.canon(m.group(2))
            holders = {k for t in truth for k in "LRC" if any(ps.same_unit(unit, ps.canon(u)) for u in t[k])}
            if role is None or not holders or len(holders) > 1:
                continue
            checked += 1
            agree += roles[role] in holders
    assert checked >= 30 and agree / checked >= 0.9, (agree, checked)


# --- the last resort ---------------------------------------------------------------------------

def test_units_in_a_clause_take_the_role_of_the_nearest_role_word():
    # d11: "即县水务局牵头,组织开展县级河流打击非法采砂专项行动。" / c06: "由市市政委牵头督促有关区县人民政府…"
    assert units_in("即县水务局牵头,组织开展县级河流打击非法采砂专项行动。") == (["县水务局"], [], [])
    lead, resp, _co = units_in("由市水务资产公司负责在7日内完成整改")
    assert (lead, resp) == ([], ["市水务资产公司"])
    # d03: "1、区住建局。排查…": a unit as the heading of its item
    assert units_in("区住建局。排查生活污水直排污染源") == ([], ["区住建局"], [])


def test_a_document_no_reader_claims_is_read_item_by_item_and_flagged():
    # d16 立山 (dev) with its field labels renamed to words no reader knows (牵头:, 责任:) … is still read
    # by numbered items; h512 辽阳 (heldout5) read by the last resort alone gives its 4 tasks, and every task
    # so read says so for the review
    res = _imported("h512_liaoyang_qingjieyue")
    doc = res.document
    tasks = fallback_tasks(split_records([Para(p.text, p.where) for p in doc.paragraphs]))
    sc = _score("h512_liaoyang_qingjieyue", tasks)
    assert sc.found == 4 and sc.roles_ok >= 3
    assert all("按编号条目读出" in t.review[0] for t in tasks)


def test_a_document_that_reads_as_nothing_now_falls_back_to_its_numbered_items():
    # d07 将乐 (heldout2), its "责任单位:" lines labelled "分工:" (a word no reader knows, no bracket): the
    # readers find no task; the last resort gives every item with its units, each flagged
    lines = [re.sub(r"^责任单位[:：]", "分工:", x) for x in _text("d07_jiangle_2022").splitlines()]
    assert sum(x.startswith("分工:") for x in lines) == 8
    res = _assembled(lines)
    sc = _score("d07_jiangle_2022", res.tasks)
    assert (sc.found, sc.roles_ok) == (8, 8), sc.misses[:3]
    assert "编号条目（版式未识别，逐条核对）" in res.layouts
    assert all(any("按编号条目读出" in r for r in t.review) for t in res.tasks)
    # the notice before the first item ("将乐生态环境局制定的《…》经县政府研究同意…") names units but is no task
    assert len(res.tasks) == 8 and not any("经县政府研究同意" in t.content for t in res.tasks)
    # the same lines as written: read by the field-line readers, not the last resort
    assert "编号条目（版式未识别，逐条核对）" not in _imported("d07_jiangle_2022").layouts


# --- tables flattened in a way their reader was not written for ----------------------------------

def _flattened(doc: str, how: str) -> list[str]:
    """The document with its table printed again the way another page would flatten it."""
    lines: list[str] = []
    for b in _imported(doc).document.blocks:
        if not isinstance(b, Table):
            lines += [b.text, ""]
            continue
        lines.append("")
        for r in b.grid.rows:
            cells = [str(v or "").replace("\n", "") for v in r]
            if how == "spaces":                 # empty cells vanish, as on a page
                lines.append("   ".join(c.replace(" ", "") for c in cells if c))
            elif how == "cell-blank":           # one cell a line, an empty cell one more blank line
                for c in cells:
                    lines += [c, ""] if c else [""]
            elif how == "cell-bar":             # each cell closed by " |", an empty cell a lone bar
                lines += [c + " |" for c in cells]
            elif how == "bar-cell":             # each cell opened by "| ", an empty cell a lone bar
                lines += ["| " + c for c in cells]
        lines.append("")
    return lines


def test_a_table_printed_with_spaces_has_its_cells_laid_by_shape():
    # d12 大竹 (heldout2, printed one cell a line) printed with spaces and its empty cells gone:
    # "1   启动建设东柳河…公园。   县水务局、县住建局、县护城河指挥部   12月底前" — the unit column is not the
    # last one, so the pieces go to the columns their shape fits (units, time, text)
    from zhishui.plan.cellshapes import lay_out
    assert lay_out(["新建2座人行天桥。", "县住建局", "9月投入使用"], ["text", "units", "deadline"]) == [
        "新建2座人行天桥。", "县住建局", "9月投入使用"]
    for doc, want in (("d12_dazhu_minsheng2016", 10), ("d14_cangnan_minsheng2022", 13)):
        sc = _score(doc, _assembled(_flattened(doc, "spaces")).tasks)
        assert sc.found >= want and sc.roles_ok >= want, (doc, sc.misses[:3])


def test_empty_cells_printed_one_cell_a_line_keep_the_rows_under_merged_cells():
    # h408 汶上 (heldout4, a " | " table whose continuation rows leave 序号/项目名称/主办单位 empty) and
    # h501 岳阳 (heldout5) printed one cell a line: an empty cell is one more blank line, or a lone bar
    for doc in ("h408_wenshang_minsheng2023", "h501_yueyang_nanhu2013"):
        for how in ("cell-blank", "cell-bar", "bar-cell"):
            if doc.startswith("h501") and how == "cell-bar":
                continue                        # h501 is printed so (cells closed by " |") in the corpus
            sc = _score(doc, _assembled(_flattened(doc, how)).tasks)
            assert sc.found == len(_truth(doc)) and sc.roles_ok == sc.found, (doc, how, sc.misses[:3])
    # a run of bars after a row (h412: "|" / "||||") is padding, not empty cells
    sc = _score("h412_bengbu_zhujian2021", _imported("h412_bengbu_zhujian2021").tasks)
    assert (sc.found, sc.roles_ok) == (5, 5)


def test_a_header_printed_one_cell_a_line_may_hold_text_columns_side_by_side():
    # c04 平顶山: 序号 / 类别 / 主要任务 / 细化措施 / 牵头单位 / 参与单位 / 责任单位 printed one cell a line
    from zhishui.plan.celllines import _cell_run_header
    lines = [x for h in ("序号", "类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位") for x in (h, "")] + ["1"]
    assert _cell_run_header(lines, 0) == 7
    sc = _score("c04_pingdingshan2018", _assembled(_flattened("c04_pingdingshan2018", "cell-bar")).tasks)
    assert (sc.found, sc.roles_ok) == (2, 2)


def test_a_run_together_row_that_fits_no_column_ends_the_row_instead_of_looping():
    # h409's header (序号 牵头单位 工作任务 …, the unit column first) run together over rows whose units
    # cannot be found: the rows are still read, each once, and the reading stops
    from zhishui.plan.runtogether import run_together_table
    line = "序号牵头单位工作任务完成时限1深入推进河长制。加大徐家河国家湿地公园保护力度。2做好农村自来水管网改造。"
    rows, end, _notes, _before = run_together_table([line], 0)
    assert [r[0] for r in rows[1:] if r[0]] == ["1", "2"] and end == 1
    assert "".join(r[2] for r in rows[1:]) == "深入推进河长制。加大徐家河国家湿地公园保护力度。做好农村自来水管网改造。"


def test_the_last_resort_cuts_an_item_at_each_clause_with_its_own_unit():
    # c06 重庆 (dev): "…的污水管网,由市水务资产公司负责在7日内完成整改;属于区县级单位负责的管网,由所在区县人民政府
    # 负责在7日内完成整改。" and d11 (heldout2): "即县水务局牵头,组织开展…。县环保局牵头,督促…。" — one task a
    # clause, its roles as the prose readers give them (由X牵头督促Y: X leads, Y is responsible)
    for doc, roles in (("c06_chongqing_cijiheliu", 5), ("d11_hezhang_badaxingdong", 8)):
        tasks = fallback_tasks(split_records(_imported(doc).document.paragraphs))
        sc = _score(doc, tasks)
        assert sc.found == len(_truth(doc)) and sc.roles_ok >= roles, (doc, sc.misses[:3])
    t = next(t for t in fallback_tasks(split_records(_imported("c06_chongqing_cijiheliu").document.paragraphs))
             if "由市市政委牵头督促" in t.content)
    assert t.lead == ["市市政委"] and "有关区县人民政府" in t.responsible
