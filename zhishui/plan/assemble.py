"""A read document -> the tasks of its responsibility list, with what the importer was unsure of.

Where the plan has a responsibility table (附件 任务分解表 / 责任清单), its rows are the
tasks and the body text is context: paragraphs there that name units go to the
review, not into the list twice.  Otherwise the tasks come from the body text:
paragraphs ending with an attribution, one paragraph per unit, prose duties, or
(where a plan names no units) the numbered items of its task sections.  Every
piece of task text that does not become a task gets a line in the review.
"""
from __future__ import annotations

import re

from .addressee import name_second_person, restore_second_person
from .campaign import run_by_cover_deadline, run_in_window
from .attributed import (BodyState, attributed_tasks, deadline_of, field_line, join_lone_attributions,
                         lone_attribution, person_value)
from .attributions import VERB_RE, find_attributions, looks_like_unit_list, unit_names, unit_run
from .dates import document_meta, find_deadlines, opening_window, title_span
from .document import Document, Para
from .dutylists import intro_owner, list_owner, names_its_duties, owned_item
from .fallback import fallback_tasks
from .furniture import is_page_furniture
from .infobar import is_info_bar, label_pairs
from .model import ITEM_RE, PlanImport, PlanTask, heading_text, level_of, strip_item
from .ordinalitems import asked_points, ordinal_items
from .phases import PHASE_RE, addressed_article, opening_bodies, phase_duties, sentences_by_bodies
from .numbering import drop_cut_last_task, nothing_read, number_tasks, numbered_items_unread, numbered_not_read
from .prose import Duty, prose_duties, split_clauses, subject_sentences, title_end, titled_item_duty, unit_paragraph
from .records import signed_measures, split_records, without_continued_marks
from .runnamed import run_together_tables
from .subjects import HELPS_RE, ROLE_WORD_RE, sentence_subject
from .sections import SUPPORT_SECTION_RE, founded_owner, heading_owner
from .sentenceduties import LAYOUT as SENTENCE_LAYOUT, in_document_order, sentence_tasks
from .setupbodies import sets_up_body
from .unitheadings import block_owner, heading_unit, owned_paragraph, unit_titled
from .fieldblocks import block_ends, block_matter, block_measure, field_block_line, unused_block
from .leafitems import place_leaf_items, task_section
from .leadorder import apply_document_rules
from .tables import table_tasks
from .unitcheck import check_units, glued_names

PROBLEM_SECTION_RE = re.compile(r"整改任务|存在问题|反馈问题|问题清单")
SHORT_TITLE_RE = re.compile(r"\s*[^，,。；;：:（(]{2,30}。")

# 宣传部门要… / 有关单位务必…: a kind of department or unit, naming no office, and what it is asked to do
KIND_ASKED_RE = re.compile(r"([\u4e00-\u9fff]{0,8}(?:部门|单位))(?:要|务必|必须|应)")





# --- body text ----------------------------------------------------------------------------------

def _body_tasks(paras: list[Para], review: list, layouts: set) -> list[PlanTask]:
    state = BodyState()
    tasks: list[PlanTask] = []
    items: list[tuple[int, PlanTask, int]] = []     # unattributed numbered items: (index in tasks, task, level)
    bounds: list[tuple[int, int]] = []               # (paragraph index, level) of every numbered paragraph
    task_pidx: list[int] = []
    in_list_part = False
    paras = join_lone_attributions(paras)
    unit_lines = _unit_lines_layout(paras)
    measures_apart = any(level_of(q.text) == 1 and "整改措施" in q.text for q in paras)
    title: tuple[int, str, int] | None = None     # (index, text, number of tasks then) of the last numbered item
    glued: tuple[int, PlanTask, str] | None = None   # (index of the item, task, words) of the last title joined
    for pidx, p in enumerate(paras):
        while len(task_pidx) < len(tasks):
            task_pidx.append(pidx - 1)
        text = p.text.strip()
        if re.match(r"^附件\s*\d*\s*[:：]?\s*$", text):
            in_list_part = True
        lvl = level_of(text)
        num, rest = strip_item(text)
        atts = find_attributions(text)
        lone = lone_attribution(text) if lvl is None and field_line(text) else None
        if lone is not None and not lone.default_responsible:
            field_block_line(state, paras, pidx, lone, tasks, task_pidx)
            layouts.add("整改公示（单位在前，措施编号在后）")
            continue
        if lvl is None and (named := _unit_line(paras, pidx, unit_lines)):
            # 县住建局 / 负责…。 / 牵头…。: a unit's name on a line of its own, its duties in the paragraphs below
            state.unit_line = named
            continue
        if lvl is None and state.unit_line and (UNIT_LINE_DUTY_RE.match(text) or unit_lines and _duty_text(text)):
            layouts.add("单位名称一行、下面各段职责")
            for d in owned_paragraph(state.unit_line, text):
                pt = PlanTask("", state.category(5), d.text, lead=d.lead, responsible=d.responsible,
                              cooperating=d.cooperating, source=p.where)
                pt.review.append(f"这项任务的句子没有写单位，已按上面单独一行的单位名「{'、'.join(state.unit_line)}」记入，请核对")
                deadline_of(pt)
                tasks.append(pt)
            continue
        state.unit_line = []
        line_owner = _duties_line_owner(text) if lvl is None else []
        if lvl is None and not line_owner and TITLED_DUTIES_LINE_RE.fullmatch(text) and pidx + 1 < len(paras) \
                and re.match(r"[（(]一[）)]", paras[pidx + 1].text.strip()):
            # 第四条区农业农村局职责 / (一)负责…: an article titled by a body's duties, its items below with no colon (h6607)
            line_owner = _duties_line_owner(text + "：")
        if lvl is None and (owner := block_owner([q.text for q in paras[max(0, pidx - 8):pidx + 1]]) or line_owner):
            # 办公室(市创城办) / 主任:… / 主要职责: / 1.… and 各街道办事处主要职责: / 1.…: the items below are the
            # body's duties; 各街道办事处主要职责: is also the heading they sit under (a lone 主要职责: is not)
            state.list_owner = Duty(text, responsible=owner)      # (its words for the review note)
            state.list_heading = text.strip().rstrip(":：") if line_owner else ""
            continue
        if state.list_owner is not None:
            if lvl and not atts and _opens_with_its_unit(rest) or lvl == 1:
                # 按照以下分工负责…: / (一)卫生健康委负责…: an item that names its own unit is that unit's duty;
                # 二、…: a new section ends the list
                state.list_owner = None
            elif lvl and not atts:
                # 市生态环境主管部门负责…，履行下列职责： / （一）制定…；: the unit's listed duties
                pt = owned_item(state.list_owner, num, state.list_heading or state.category(lvl), rest, p.where, review)
                if pt is not None:
                    layouts.add("单位「下列职责：」后的编号条目")
                    deadline_of(pt)
                    tasks.append(pt)
                continue
            elif lvl is None and not atts and (head := _run_in_title(text)):
                # 各区县要…,建立落实“五个一”工作机制: / 成立一个工作专班。以乡镇社区为单位,全面负责…: an unnumbered
                # run-in item naming no one of its own is a duty of the body the list's opening sentence names
                # (发放一张明白纸。各区县要…: one that names its bodies is theirs)
                own = [PlanTask("", head, d.text, lead=d.lead, responsible=d.responsible, cooperating=d.cooperating,
                                source=p.where) for d in _run_in_titled(text)]
                for pt in own or [owned_item(state.list_owner, None, head, text, p.where, review)]:
                    if pt is not None:
                        deadline_of(pt)
                        tasks.append(pt)
                continue
            state.list_owner = None
        if block_matter(state, text, p):
            continue
        if block_ends(state, lvl):
            unused_block(state, tasks)
            state.block = None
        if state.block is not None:
            if lvl and not atts and block_measure(state, num, lvl, rest, p, tasks):
                continue
            if state.block_used and lvl is None:
                state.block = None
        if lvl:
            bounds.append((pidx, lvl))
            if not atts and len(rest) <= 80:
                title = (pidx, rest, len(tasks))
        if lvl in (1, 2) and not atts:
            # a heading, or a numbered item whose text follows
            state.headings[lvl] = heading_text(text)
            for deeper in range(lvl + 1, 5):
                state.headings.pop(deeper, None)
            # 一、抓建设进度。…各地、各有关部门务必…: a first-level item read as its text when bodies open its
            # sentences; not under 保障措施 / 组织领导 (各乡镇、各部门要高度重视 is no task)
            subjects = not SUPPORT_SECTION_RE.search(state.section()[:16])
            titled = titled_item_duty(rest) if lvl == 2 else titled_item_duty(rest, units_only=True)
            # 六、工作要求 / (一)形成合力。市旅游局要切实履行组织协调责任…: there a named office's sentence is its task,
            # the bodies of a level or a kind asked to take it seriously (各乡镇、各部门要高度重视) are not
            if titled and not subjects and not _named_offices(titled):
                review.append((p.where, titled.text[:60], "保障措施中对各单位的要求，没有分派具体任务，未作为任务导入，请核对"))
                titled = None
            # (一)发改委:每季度终了后20日内向…提供…。每年年初提供…: an item that is one unit's duties after its name and
            # a colon, read as such a paragraph is (h6301; its duties name no verb of 负责 the sentence rules know)
            owned = unit_paragraph(text) if lvl == 2 and not titled and subjects and OWNED_COLON_RE.match(rest) else None
            if owned and (not OWNED_ITEM_UNIT_RE.search(owned[0]) or re.search(r"各|有关|相关", owned[0])):
                owned = None        # (重点排放污水企业: / 任务交办: / 县级各有关部门:(考核内容) — what the item is about)
            # (in a section of the work 各区各有关部门要… is a sentence's subject too)
            by_subject = [] if titled or owned else [d for d in subject_sentences(rest, subjects) if subjects or _named_offices(d)]
            duties = [titled] if titled else owned[1] if owned else by_subject or (_item_duties(rest) if len(rest) > 30 else [])
            if not duties and len(rest) > 30 and (not subjects or SUPPORT_SECTION_RE.search(rest[:title_end(rest)])):
                # (四)切实加强组织领导,…。充分发挥…的作用。劳动保障部门是…主管部门,要切实发挥…: a body opening a later
                # sentence of a support item has its duty too (the filters below say which are tasks)
                duties = prose_duties(rest, True)
            glued_title = ""
            if not subjects and duties:
                # (一)加强组织领导。…领导小组办公室设在X,负责日常协调调度。: how the plan is run, not a task of it
                set_up = [d for d in duties if any(sets_up_body(x) for x in split_clauses(d.text, "。"))]
                review.extend((p.where, d.text[:60], "保障措施中新设机构的职责，未作为任务导入，请核对") for d in set_up)
                # (…领导小组办公室设在县生态环境局…。各责任单位要明确分管领导和联络员。: what is left of the item asks
                # the plan's units as a kind, no task)
                kind = [d for d in duties if d not in set_up and set_up and _asked_of_a_kind(d)]
                review.extend((p.where, d.text[:60], "保障措施中对某类部门的要求，没有具体的责任单位，未作为任务导入，请核对")
                              for d in kind)
                duties = [d for d in duties if d not in set_up and d not in kind]
            if not duties and subjects:
                duties = _opened_by_bodies(rest)
                if not duties:
                    glued_title, duties = _glued_title(rest)
            if owned:
                state.headings[lvl] = ""      # (the unit's name and colon head no items: its duties sit under the section)
            run_in = unit_titled(rest)
            if run_in:
                # (一)各镇(园区)。作为… / (二)区级有关部门。区级有关部门依据…: the unit's name is whose text
                # follows, not a category
                duties, state.headings[lvl] = duties or [run_in], ""
            # 总结阶段(11月) 各县…进行总结,于10月30日前…。市领导小组将…: the phase's time is each one's too
            # (named apart from ``title``, the last item kept for gluing its words onto the attributed paragraph below)
            words = rest[:title_end(rest)]
            title_dates = ([span] if (span := title_span(words)) else find_deadlines(words)) if by_subject else []
            if duties and not titled and not _has_title(rest):
                # (二)市政园林部门负责组织编制…;负责…: a numbered paragraph of duties with no title of its
                # own is not a heading: its duties belong under the heading above it
                state.headings[lvl] = glued_title
            if duties:
                layouts.add("正文「由…牵头/负责」")
                for d in duties:
                    pt = PlanTask("", state.category(lvl + 1), d.text, lead=d.lead, responsible=d.responsible,
                                  cooperating=d.cooperating, source=p.where)
                    deadline_of(pt)
                    pt.deadline = "；".join(dict.fromkeys(title_dates + [x for x in pt.deadline.split("；") if x]))
                    tasks.append(pt)
            elif lvl == 2 and (task_section(state.section()) or heading_owner(state.category(2))) and len(text) > 4:
                pt = PlanTask("", state.category(lvl), rest, source=p.where)
                if heading_unit(pt.category):
                    pt._owner, pt._owner_heading = heading_owner(pt.category), pt.category
                    pt.category = _above_unit_heading(state, pt.category)
                pt._pidx = pidx
                items.append((len(tasks), pt, lvl))
            continue
        category = state.category(lvl or 5)
        if atts:
            layouts.add("正文分工括号")
            body = text if lvl is None else text[ITEM_RE.match(text).end():]
            got = attributed_tasks(p, body, find_attributions(body), num, category, state, review)
            for pt in got:
                _carried_out_in_text(pt)
            if got and lvl is None and title and title[0] == pidx - 1 and title[2] == len(tasks):
                # (4)核定水功能区纳污能力。 / 2012年底前，…（X负责）: the item's own words head its task
                head = title[1].rstrip("。") + "。"
                got[0].content = head + got[0].content
                items[:] = [it for it in items if getattr(it[1], "_pidx", None) != title[0]]
                glued = (title[0], got[0], head)
            elif got and lvl is None and glued and bounds and bounds[-1][0] == glued[0] \
                    and SHORT_TITLE_RE.match(text) and SHORT_TITLE_RE.match(glued[1].content[len(glued[2]):]):
                # 1.完善城乡环境卫生管理长效机制。 / 加强城市道路日常保洁。…（X） / 推进乡镇…。…（Y）: paragraphs
                # under the item that open with titles of their own: the item is their heading, not the
                # first one's words (d02's (4)… / 2012年底前，… / 水利部定期编发…，…: no titles, kept joined)
                first, head = glued[1], glued[2]
                if first.content.startswith(head):
                    first.content = first.content[len(head):]
                first.category = heading_text(paras[glued[0]].text)
                for pt in got:
                    pt.category = first.category
            tasks.extend(got)
            continue
        if lvl is None and _person_line(text, items, tasks):
            continue
        ordinals = (ordinal_items(text, state.category(5), p.where) or asked_points(text, state.category(5), p.where)) \
            if lvl is None else []
        if ordinals:
            layouts.add("「一是…二是…」条目")
            for pt in ordinals:
                deadline_of(pt)
                tasks.append(pt)
            continue
        # an article read sentence by sentence only where the sentence rules read fewer than two duties: they know
        # 牵头/配合, that reading does not
        if lvl is None and ARTICLE_WHERE_RE.search(p.where) and len(prose := prose_duties(text)) < 2 \
                and (by_sentence := sentences_by_bodies(text) or ([] if prose else addressed_article(text))):
            layouts.add("条文各句主语")
            for d in by_sentence:
                pt = PlanTask("", state.category(5), d.text, responsible=d.responsible, source=p.where)
                deadline_of(pt)
                tasks.append(pt)
            continue
        dates, steps = phase_duties(text) if lvl is None else ([], [])
        if lvl is None and not steps and PHASE_RE.match(text):
            # 第二阶段(4月1日至9月30日):全面排查…: a step that names no one is said, not dropped
            review.append((p.where, text[:60], "实施步骤中这一阶段没有写由哪个单位做，未作为任务导入，请核对"))
            continue
        if steps:
            layouts.add("实施步骤「第一阶段(时间):…」")
            for d in steps:
                pt = PlanTask("", state.category(5), d.text, responsible=d.responsible, source=p.where)
                deadline_of(pt)
                pt.deadline = "；".join(dict.fromkeys(dates + [x for x in pt.deadline.split("；") if x]))
                tasks.append(pt)
            continue
        up = unit_paragraph(text)
        if up:
            unit, duties = up
            layouts.add("一个单位一段职责")
            for d in duties:
                pt = PlanTask("", state.category(5), d.text, lead=d.lead, responsible=d.responsible,
                              cooperating=d.cooperating, source=p.where)
                deadline_of(pt)
                tasks.append(pt)
            continue
        under_heading = lvl is None and pidx and bounds and bounds[-1][0] == pidx - 1
        owner = heading_owner(paras[pidx - 1].text) if under_heading else []
        founded = founded_owner(paras[:pidx], paras[pidx - 1].text) if under_heading and not owner else []
        if (owner or founded) and not prose_duties(text):
            # (四)工商部门 / 查处…；依法取缔…: the paragraph under a unit's name is its duties; 决定成立X领导小组…
            # / 一、主要职责 / A。B；C: the duties of the body the notice sets up
            layouts.add("单位名称标题下列职责")
            owner = owner or founded
            heading = paras[pidx - 1].text.strip()
            category = state.category(bounds[-1][1] + 1) if founded else state.category(bounds[-1][1])
            said = f"前文「成立{owner[0]}」和标题「{heading[:20]}」" if founded else f"上级标题「{heading[:30]}」"
            for d in owned_paragraph(owner, text):
                pt = PlanTask("", category, d.text, responsible=d.responsible, cooperating=d.cooperating, source=p.where)
                pt.review.append(f"这项任务没有写单位，已按{said}记为{'、'.join(owner)}的任务（列为责任单位），请核对其角色")
                deadline_of(pt)
                tasks.append(pt)
            continue
        # 1、加强组织领导。成立…领导小组…。各村(居)、各单位要…: the bodies of a support item's sentences give no task
        titled = titled_item_duty(rest, subjects=not SUPPORT_SECTION_RE.search(rest[:title_end(rest)][:12])) \
            if lvl in (3, 4) else None
        # (not a notice's own words before its first heading: 现将…印发。各责任单位要…。市督查局要…)
        top = state.section() or state.category(5)
        work = bool(top) and not SUPPORT_SECTION_RE.search(top[:16])
        duties = [titled] if titled else _item_duties(rest) if lvl in (3, 4) else prose_duties(rest, work)
        if not duties and lvl is None and (run_in := _run_in_titled(rest)):
            # 发放一张明白纸。各区县要…: the paragraph's own title is the heading its duties sit under (an article's
            # first sentence, 退耕还林实行目标责任制。, is a rule of it, not a title)
            duties = run_in
            if not ARTICLE_WHERE_RE.search(p.where):
                category = rest[:title_end(rest)]
        named = unit_titled(rest) if lvl in (3, 4) and not atts else None
        if named and named.responsible and not any(d.responsible or d.lead for d in duties if d.responsible != named.responsible):
            # 1.卫生部门 / 将…;通过…;培训…: the item's title is the unit, its text that unit's duties, a clause each
            duties = owned_paragraph(named.responsible, named.text) or duties
        if not duties and lvl in (3, 4) and not SUPPORT_SECTION_RE.search(state.section()[:16]):
            duties = _opened_by_bodies(rest)
        if duties and lvl is None and measures_apart and PROBLEM_SECTION_RE.search(state.section()):
            # 一、整改任务 / 海新河由市水务局负责日常巡查…: the problem found, whose measures follow
            review.append((p.where, text[:60], "这是整改问题的描述（整改措施另列在后），其中提到的单位未作为任务导入，请核对"))
            continue
        if duties and lvl is None and "保障" in state.section()[:16] and any(sets_up_body(d.text) for d in duties):
            # 五、组织保障 / 县政府成立…领导组，统一组织指挥…。领导组办公室设在…，具体负责…: how the plan is run,
            # not a task of it (under 组织领导 / 工作机构 the body's duties are listed as tasks)
            review.extend((p.where, d.text[:60], "保障措施中新设机构的职责，未作为任务导入，请核对")
                          for d in duties if sets_up_body(d.text))
            duties = [d for d in duties if not sets_up_body(d.text)]
            if not duties:
                continue
        if duties and lvl is None and SUPPORT_SECTION_RE.search(state.section()[:16]) \
                and all(_asked_of_a_kind(d) for d in duties):
            # 五、保障措施 / 宣传部门要会同各创建单位…: support asked of a kind of department, not a task of the plan
            # (五、组织保障 / 气象部门负责发布降雨预警信息: a duty given, a task)
            review.append((p.where, text[:60], "保障措施中对某类部门的要求，没有具体的责任单位，未作为任务导入，请核对"))
            continue
        if duties:
            layouts.add("正文「由…牵头/负责」")
            window = opening_window(text) if lvl is None else ""
            for d in duties:
                # the item's own number, as an unattributed item beside it keeps (numbered 2-1, 2-2 when it
                # holds several duties)
                pt = PlanTask(num if lvl == 3 else "", category, d.text, lead=d.lead, responsible=d.responsible,
                              cooperating=d.cooperating, source=p.where)
                deadline_of(pt)
                if window and window not in pt.deadline:
                    pt.deadline = "；".join(x for x in (window, pt.deadline) if x)
                tasks.append(pt)
            state.list_owner = list_owner(text, duties) if lvl is None else None
            state.list_heading = ""
            continue
        if lvl is None and (opens := intro_owner(text)):
            # 第十三条 协办单位承担下列职责: / （一）…: the items are the duties of the body the sentence names
            # (乡(镇)政府在…中具体责任如下: a line of its own heads its list, as a heading would)
            state.list_owner = opens
            state.list_heading = text.strip() if len(text.strip()) <= 40 and not ARTICLE_WHERE_RE.search(p.where) \
                and names_its_duties(text) else ""
            continue
        if lvl in (3, 4) and (task_section(state.section()) or heading_owner(category)):
            pt = PlanTask(num or "", category, rest, source=p.where)
            if heading_unit(category):
                # (二)公安部门 / 1.…: a unit's name is whose duties follow, not their category (the heading above it)
                pt._owner, pt._owner_heading = heading_owner(category), category
                pt.category = _above_unit_heading(state, category)
            pt._pidx = pidx
            items.append((len(tasks), pt, lvl))
            continue
        if items and lvl is None and items[-1][0] == len(tasks) and not in_list_part \
                and bounds[-1][0] == items[-1][1]._pidx:
            # the body of the numbered item above it (not of one above the heading before it)
            item = items[-1][1]
            circled = circled_items(text)
            if len(circled) >= 2 and LIST_TITLE_RE.fullmatch(item.content.strip()):
                # (1)年度主要任务与要求: / ①…;②…;③…: the item only titles the list run on below it, each ① a task
                item.content = circled[0]
                for piece in circled[1:]:
                    more = PlanTask(item.seq, item.category, piece, source=p.where)
                    more._owner, more._owner_heading, more._pidx = item._owner, item._owner_heading, item._pidx
                    items.append((len(tasks), more, items[-1][2]))
                continue
            item.content = (item.content + text).strip()
    unused_block(state, tasks)
    while len(task_pidx) < len(tasks):
        task_pidx.append(len(paras) - 1)
    place_leaf_items(paras, items, bounds, tasks, task_pidx, review, layouts)
    return tasks


# a numbered item that only titles what follows it: 年度主要任务与要求: / 具体任务:
LIST_TITLE_RE = re.compile(r"[^，,。；;：:]{2,20}[：:]")
CIRCLED_RE = re.compile(r"[①-⑳]")


def circled_items(text: str) -> list[str]:
    """①…;②…;③…: the items of a paragraph that is nothing but circled items in order, else []."""
    marks = list(CIRCLED_RE.finditer(text))
    if not marks or marks[0].start() != 0 or \
            [ord(m.group()) - ord("①") for m in marks] != list(range(len(marks))):
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [text[m.end():e].strip().rstrip("；;。") for m, e in zip(marks, ends)]


DUTIES_WORD_RE = re.compile(r"(?:职责|任务)[:：]$")
TITLED_DUTIES_LINE_RE = re.compile(r"[^，,。；;:：]{2,30}职责")
# the paragraphs below a unit's name on its own line: each opens with the work, naming no one first
UNIT_LINE_DUTY_RE = re.compile(r"^(?:负责|牵头|会同|汇同|配合|协助|参与|组织|督促|指导|做好|开展|推进|加强|落实|完成|建立)")


def _unit_line(paras: list[Para], pidx: int, layout: bool = False) -> list[str]:
    """县住建局 on a line of its own, the next paragraph opening with its work (负责…): the unit whose duties follow
    (``layout``: the document is laid out so, and the next paragraph is the duty whatever word it opens with)."""
    text = paras[pidx].text.strip()
    if not 2 <= len(text) <= 30 or re.search(r"[，,。；;：:！!？?]", text) or pidx + 1 >= len(paras) \
            or not looks_like_unit_list(text):
        return []
    nxt = paras[pidx + 1].text.strip()
    if not (UNIT_LINE_DUTY_RE.match(nxt) or layout and _duty_text(nxt)):
        return []
    return unit_names(text)


def _duty_text(text: str) -> bool:
    """考点周边宾馆及服务业、餐饮卫生检查。: a paragraph of work (a sentence, naming no unit of its own first)."""
    run = unit_run(text, 0)
    return len(text) >= 8 and text.endswith(("。", "；", ";")) and level_of(text) is None \
        and not (run and looks_like_unit_list(run[0]))


def _unit_lines_layout(paras: list[Para]) -> bool:
    """区公安分局 / 维护考点周边安全…。 / 区教育局 / 负责…。: a two-column table of units and duties flattened one
    cell a line: three or more units on lines of their own, each over a paragraph of work, at least one of which
    opens with the work's word (负责…) as such paragraphs usually do."""
    pairs = [(a.text.strip(), b.text.strip()) for a, b in zip(paras, paras[1:])]
    lines = [(u, d) for u, d in pairs if 2 <= len(u) <= 30 and not re.search(r"[，,。；;：:！!？?]", u)
             and _duty_text(d) and looks_like_unit_list(u)]
    return len(lines) >= 3 and any(UNIT_LINE_DUTY_RE.match(d) for _u, d in lines)


def _duties_line_owner(text: str) -> list[str]:
    """各街道办事处主要职责: on a line of its own: the unit whose duties are listed below it."""
    t = text.strip()
    return heading_owner(t) if len(t) <= 30 and DUTIES_WORD_RE.search(t) else []


def _opens_with_its_unit(rest: str) -> bool:
    """(一)卫生健康委负责… names its own unit first; (二)指导医疗机构做好… does not (the unit it guides)."""
    run = unit_run(rest, 0)
    return bool(run) and looks_like_unit_list(run[0]) and not HELPS_RE.match(rest) and not VERB_RE.match(rest)


def _above_unit_heading(state: BodyState, unit_heading: str) -> str:
    """二、任务分工 / (一)县水务局 / 1.…: the heading above the unit's is the items' category; with none
    above it (一、县城区办事处 / (一)…), the unit's heading is, as the plan groups its duties by unit."""
    return state.category(max(k for k, v in state.headings.items() if v == unit_heading)) or unit_heading


def _titled(rest: str, duties: list[Duty]) -> list[Duty]:
    """1. 督促落实企业主责。县交通运输局负责…，县公安局配合。: the sentence rules read the duty from
    its unit on; the item's short title is the task's own first words, not dropped."""
    k = title_end(rest)
    at = rest.find(duties[0].text[:8]) if duties else -1
    if len(duties) == 1 and 0 < k <= 30 and at > k + 1 and not duties[0].text.startswith(rest[:k]):
        # 1.推进城镇污水管网建设。完成…改造12公里…。由县住建局牵头，…配合，2026年10月底前完成。: the work said between the
        # title and the sentence naming its units is the task's (trial 27: its targets and deadlines were dropped)
        between = rest[k + 1:at].strip()
        if between and not prose_duties(between) and not _names_a_body(between):
            duties[0].text = rest[:at].strip() + duties[0].text
            return duties
    # (a short item that is all duty — 县政府与各乡镇签订…;县农业局每月召开…。 — has no title before its duties)
    if duties and 0 < k <= 30 and not duties[0].text.startswith(rest[:k]) and at >= k:
        head = rest[:k].strip()
        duties[0].text = head + ("" if head.endswith("。") else "。") + duties[0].text
    return duties


def _names_a_body(text: str) -> bool:
    """Does a sentence of ``text`` open with a body or say 由X负责 (各地必须…, 主办单位以…, 由南方电网公司提前…): then it is
    that body's, not the work of the duty after it."""
    for sentence in re.split(r"[。；;]", text):
        x = sentence.strip()
        if x and (sentence_subject(x, collective=True) or unit_run(x, 0)
                  or re.search(r"由[^，,。]{2,24}?(?:负责|牵头|组织|实施|做好|提前|统一)", x)):
            return True
    return False


def _item_duties(rest: str) -> list[Duty]:
    """(三)制定优惠政策,推进沼气建设。各级政府要…。各级财政部门要…: the sentence rules read the item's text after its
    short title as they read a paragraph of its own (a body opening its first sentence is its subject)."""
    duties = prose_duties(rest)
    k = title_end(rest)
    if 0 < k <= 30 and _has_title(rest) and unit_run(rest, 0) is None:
        # (3、镇村级河道 镇政府统一指导…,镇级河道由乡镇落实…: read with its title, the first body's name took the
        # title in and only the later duty was read)
        after = prose_duties(rest[k + 1:])
        if len(after) > len(duties):
            duties = after
    return _titled(rest, duties)


# the name before an item's colon when the item is that office's duties: an office's own ending, not 企业 or 交办
OWNED_COLON_RE = re.compile(r"\s*[^：:。，,；;]{2,20}[：:]")
OWNED_ITEM_UNIT_RE = re.compile(r"^[^（(企]{1,20}(?:局|委|委员会|办公室|(?<![交督承主协经])办|中心|站|所|队|院|政府|街道|镇|乡|厅|部门|处|科)$")
ARTICLE_WHERE_RE = re.compile(r"第[一二三四五六七八九十百零〇]{1,5}条$")


def _run_in_titled(text: str) -> list[Duty]:
    """发放一张明白纸。各区县要针对本地实际,… — an unnumbered paragraph opening with a short title of its own
    (no comma in it): its text after the title is read as a paragraph of its own, on a page with no heading too."""
    return _item_duties(text) if _run_in_title(text) else []


def _run_in_title(text: str) -> str:
    """The short title (4 to 20 characters, no comma) an unnumbered paragraph opens with before its 。, or ""."""
    k = title_end(text)
    if not 4 <= k <= 20 or re.search(r"[，,；;：:]", text[:k]) or not text.startswith("。", k):
        return ""
    return text[:k]


def _opened_by_bodies(rest: str) -> list[Duty]:
    """(十三)市发改、经贸等局依职责协助… / (1)各企业许可机关要强化监督,…: an untitled item opening with the
    bodies that carry it out is their one duty; in a section of the tasks (the caller's) so is one asked of the
    addressees as a whole ((一)各有关乡镇区及部门要严格按…)."""
    if _has_title(rest) or not sentence_subject(rest, collective=True):
        return []
    out: list[Duty] = []
    for sentence in split_clauses(rest, "。"):
        # (一)各有关单位要…。加强…。各管养单位于…前将…: each sentence that opens with bodies is theirs, the
        # sentences after it that name none too
        sub = sentence_subject(sentence, collective=True)
        if sub:
            out.append(Duty(sentence, responsible=sub[0]))
        else:
            out[-1].text += sentence
    return out


def _glued_title(rest: str) -> tuple[str, list[Duty]]:
    """一、进一步加强安全隐患排查各有关乡镇区及部门要聘请专家,…: a page that ran an item's title into its text
    with no stop between; the text starts where the bodies of each (各…) open a sentence of theirs."""
    for m in re.finditer("各", rest[:30]):
        if m.start() < 4 or re.search(r"[，,。；;：:、（(“]", rest[:m.start()]):
            break
        duties = _opened_by_bodies(rest[m.start():])
        if duties:
            return rest[:m.start()], duties
    # 动员部署,宣传发动阶段(X月XX日-X月XX日)各县区城管局召开…: a step's title and time run into its text
    m = re.match(r"[^。；;：:（(]{2,30}阶段[（(][^）)]{2,30}[）)]", rest)
    names = opening_bodies(rest[m.end():]) if m else []
    if names:
        return rest[:m.end()], [Duty(rest[m.end():], responsible=names)]
    return "", []


def _named_offices(d: Duty) -> bool:
    return bool(d.responsible) and not any(ROLE_WORD_RE.match(u) for u in d.responsible)


def _asked_of_a_kind(d: Duty) -> bool:
    m = KIND_ASKED_RE.match(d.text)
    return bool(m) and not d.lead and d.responsible == [m.group(1)]


def _person_line(text: str, items: list, tasks: list[PlanTask]) -> bool:
    """牵头负责领导：张三。 on a line of its own under a numbered item: the item's person, neither a
    duty (its 负责 is the label's) nor more of the item's words."""
    value = person_value(text)
    if value is None:
        return False
    owner = items[-1][1] if items and items[-1][0] == len(tasks) else tasks[-1] if tasks else None
    if owner is not None:
        owner.persons.extend(x for x in re.split(r"[、,，]", value) if x)
    return True


def _has_title(rest: str) -> bool:
    """(二)生活污染反弹处置机制。出现…: a numbered paragraph of duties that opens with a short title
    sentence (heading_text's reading) which is not a duty itself (文化部门负责…工作。 is all duty, and so is
    各有关单位要按照…开展…。)."""
    k = title_end(rest)
    return 0 < k < 60 and bool(rest[k + 1:].strip()) and not prose_duties(rest[:k + 1]) \
        and not sentence_subject(rest[:k + 1], collective=True)


# --- the whole document -------------------------------------------------------------------------

def assemble(doc: Document) -> PlanImport:
    review: list[tuple[str, str, str]] = []
    layouts: set[str] = set()
    bar = [line for tab in doc.tables if is_info_bar(tab.grid) for line in label_pairs(tab.grid)]
    meta = document_meta(bar + (doc.lines or [b.text for b in doc.paragraphs]), doc.page_titles)
    from_tables: list[PlanTask] = []
    above = ""
    for block in doc.blocks:
        if isinstance(block, Para):
            if level_of(block.text.strip()) is not None and len(block.text.strip()) <= 40:
                above = heading_text(block.text.strip())
            continue
        got = table_tasks(block, review)
        if got:
            layouts.add("责任清单表格")
        for pt in got:
            # （八）重点工程项目清单 / the table: a table with no category column sits under the heading before it
            pt.category = pt.category or above
        from_tables.extend(got)
    if from_tables:
        tasks = from_tables + _beside_table(doc, from_tables, review, layouts)
    else:
        body, named = name_second_person([p for p in doc.paragraphs if not is_page_furniture(p.text)])
        tasks = _body_tasks(split_records(without_continued_marks(body)), review, layouts)
        restore_second_person(tasks, named)
        if not tasks and "落款" in meta.where.get("issuer", ""):
            for text, p in signed_measures(doc.paragraphs, meta.issuer):
                pt = PlanTask("", "", text, responsible=[meta.issuer], source=p.where)
                pt.review.append(f"文中自称「我单位」，没有写责任单位，已按落款「{meta.issuer}」作责任单位，请核对")
                deadline_of(pt)
                tasks.append(pt)
                layouts.add("整改公示（单位只在落款）")
    if tasks and not from_tables:
        # the readers claimed a sentence or two (a 使用单位应当… line) of a document whose numbered items name their
        # units in a way none of them reads: the items the fallback reads, not said by any task, join them
        more = [pt for pt in fallback_tasks(split_records(doc.paragraphs))
                if (pt.lead or pt.responsible or pt.cooperating) and not _said(pt, tasks) and not field_line(pt.content)]
        told = {t.source for t in tasks}
        if not (len(more) >= 3 and len(more) > 2 * len(tasks)):
            # fewer: the numbered items of a paragraph no reader took a task from, naming an office, outside the
            # plan's support
            more = [pt for pt in more if pt.source not in told and pt._numbered and not SUPPORT_SECTION_RE.search(pt.category)
                    and any(not ROLE_WORD_RE.match(u) for u in pt.lead + pt.responsible + pt.cooperating)]
        if more:
            for pt in more:
                deadline_of(pt)
            tasks = sorted(tasks + more, key=_line_of)
            layouts.add("编号条目（版式未识别，逐条核对）")
    if not tasks:
        # no reader claimed the document: its numbered items, each flagged for review
        tasks = fallback_tasks(split_records(doc.paragraphs))
        if not any(pt.lead or pt.responsible or pt.cooperating for pt in tasks):
            tasks = []          # items naming no unit at all: not a plan read, listed paragraph by paragraph
        for pt in tasks:
            deadline_of(pt)
        if tasks:
            layouts.add("编号条目（版式未识别，逐条核对）")
    if not from_tables:
        # sentences that name their unit before what it must do, in a paragraph no reader took them from
        body = [p for p in doc.paragraphs if not is_page_furniture(p.text)]
        more = sentence_tasks(body, tasks, review)
        if more:
            tasks = in_document_order(tasks, more, body)
            layouts.add(SENTENCE_LAYOUT)
    drop_cut_last_task(doc, tasks, review)
    if not tasks:
        nothing_read(doc, review)
    # the plan's own convention for the lead (列在首位的为牵头部门), wherever it is written, read before the units'
    # last look (a rule left in a cell of names is no part of the last name)
    rules = apply_document_rules(doc, tasks, {t.where for t in doc.tables})
    for pt in tasks:
        _only_taking_part(pt)
        _group_of_its_own(pt)
    check_units(tasks)
    glued_names(tasks, "\n".join([doc.text()] + [str(c) for t in doc.tables for row in t.grid.rows for c in row if c]))
    numbered_not_read(doc, tasks, review)
    numbered_items_unread(doc, tasks, review)
    if tasks:
        run_together_tables(doc, tasks, review)    # with no task at all, nothing_read listed it already
    run_in_window(tasks, doc.paragraphs)
    run_by_cover_deadline(tasks, doc.paragraphs)
    number_tasks(tasks)
    sections = _top_headings(doc)
    for pt in tasks:
        # 市经贸委:负责A;做好B。: the semicolon closing a clause parts it from the next one, it is not the task's words
        pt.content = strip_clause_end(pt.content)
        if not pt.content.strip():
            pt.review.append("任务内容为空")
        if not pt.deadline.strip():
            pt.review.append("没有写完成时限")
        units = pt.lead + pt.responsible
        if "保障" in sections.get(pt.source, "")[:16] and units and not any("保障" in r for r in pt.review) \
                and all(re.search(r"领导小组|指挥部|委员会$", u) or u.startswith("各") for u in units):
            # (三、保障措施 / （一）加强组织领导。领导小组统筹推进…: how the plan is run, imported so nothing is dropped,
            # but seldom a task a unit reports on: trial 30 found a return sheet issued to the 领导小组)
            pt.review.append("这一项在「保障措施」里，由领导小组或「各…」统称承担，多是对工作的要求，不一定是要各单位按月报送的任务，"
                             "请核对：不是的从清单删去")
    return PlanImport(doc, meta, tasks, review, sorted(layouts), lead_rules=rules)


__all__ = ["PlanImport", "PlanTask", "assemble"]


def _top_headings(doc: Document) -> dict[str, str]:
    """Each paragraph's place -> the heading of the first level (三、保障措施) it sits under."""
    out, top = {}, ""
    for p in doc.paragraphs:
        if level_of(p.text.strip()) == 1:
            top = p.text.strip()
        out[p.where] = top
    return out


def strip_clause_end(text: str) -> str:
    """A task's text without the 「；」 that ended its clause (a full stop stays: it ends a sentence of the plan)."""
    return re.sub(r"[；;]+\s*$", "", text.rstrip()) if re.search(r"[；;]\s*$", text) else text


def _beside_table(doc: Document, from_tables: list[PlanTask], review: list, layouts: set) -> list[PlanTask]:
    """The body's own attributions are mostly the table's tasks said in prose: listed, not imported twice.  A unit's
    own paragraph of duties (县水利局：负责…；…) is weighed duty by duty: one the table says nothing like is a task
    of its own (said for the review), one it has is listed.  Prose with attributions in brackets (seed 003's
    …（市住房和城乡建设局牵头，…参与）) says the table's tasks in other words and is only listed."""
    paras = [p for p in doc.paragraphs if not is_page_furniture(p.text)]
    # a table set in the body, between its numbered sections (（二）… 任务分工如下：, then （三）…), is that section's
    # tasks, not the plan's list again: the other sections' bracketed prose is weighed duty by duty like any prose
    # (trial 27: all sixteen were dropped as 「附件表格已列出任务」 though the table held none of them)
    inside = _table_inside_body(doc)
    bracketed = set() if inside else {p.where for p in paras if find_attributions(p.text)}
    review.extend((p.where, p.text[:60], "正文中的分工，附件表格已列出任务，未重复导入") for p in paras if p.where in bracketed)
    # a body that gives its duties in brackets says the table's tasks again: only its units' own paragraphs are
    # weighed; a body that writes them in prose (县生态环境局牵头，…配合，… beside a small table of projects, the
    # trial of session 13) is read as a whole (its headings give the categories), each duty weighed below
    own = [p for p in paras if p.where not in bracketed and unit_paragraph(p.text)] if bracketed else _in_attachment(doc)
    # (填报单位(盖章):X 填报时间:…: a return form's foot, no duty)
    read_as: set[str] = set()
    body = [pt for pt in _body_tasks(split_records(own), review, read_as)
            if (pt.lead or pt.responsible) and any(_named_office(u) for u in pt.lead + pt.responsible)
            and not any(re.search(r"盖章|填报|填表", u) for u in pt.lead + pt.responsible)] if own else []
    # the work each says, its units' names and role words left out, compared once per table task
    names = [u for t in from_tables + body for u in t.lead + t.responsible + t.cooperating]
    table = [_work_words(t.content, names) for t in from_tables]
    new: list[PlanTask] = []
    for pt in body:
        words = _work_words(pt.content, names)
        if words and any(len(words & w) >= 0.5 * len(words) for w in table):
            review.append((pt.source, pt.content[:60], "正文中的这项分工，" + ("正文的任务表格" if inside else "附件表格")
                           + "里已有相近的任务，未重复导入，请核对"))
        else:
            if not inside:      # (beside a table of its own section, the body's tasks are the plan's as any other)
                pt.review.append("这项任务写在正文里，附件表格里没有相近的任务，已一并导入，请核对")
            new.append(pt)
    if new:
        layouts |= read_as
    return new


def _table_inside_body(doc: Document) -> bool:
    """Is every table set inside the body: no 附件 line before the first, and a heading of the body's first two
    levels (三、…, （四）…) after the last?"""
    kinds = [isinstance(b, Para) for b in doc.blocks]
    if all(kinds):
        return False
    first, last = kinds.index(False), len(kinds) - 1 - kinds[::-1].index(False)
    if any(ATTACHMENT_LINE_RE.match(b.text.strip()) for b in doc.blocks[:first]):
        return False
    return any(isinstance(b, Para) and level_of(b.text.strip()) in (1, 2) for b in doc.blocks[last + 1:])


def _in_attachment(doc: Document) -> list[Para]:
    """The paragraphs of the attachment that holds the first table (after the 附件 line before it): a cover notice's
    own words (县治水办要发挥牵头抓总作用…) are no task beside the attachment's table; all when no 附件 line is there."""
    start = 0
    for i, block in enumerate(doc.blocks):
        if not isinstance(block, Para):
            break
        if ATTACHMENT_LINE_RE.match(block.text.strip()):
            start = i + 1
    return [b for b in doc.blocks[start:] if isinstance(b, Para) and not is_page_furniture(b.text)]


ATTACHMENT_LINE_RE = re.compile(r"附件\s*\d*\s*(?:[:：]|$)")


def _named_office(unit: str) -> bool:
    """县生态环境局, 各乡镇人民政府: offices named as themselves (or the places of a level), not the bodies a notice
    asks as a whole (各责任单位, 各有关部门) nor the writer (我局)."""
    return not re.fullmatch(r"(?:各|全体|所有)?(?:有关|相关|其他|其它)?(?:责任|成员|参与|牵头|配合)?(?:单位|部门|领导)", unit) \
        and not re.search(r"责任(?:单位|领导)|^我", unit)


def _work_words(text: str, names: list[str]) -> set[str]:
    """The two-character words of a task's work (units' names and role words left out): half of one duty's in a
    table task says much the same."""
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, "")
    text = re.sub(r"[^\u4e00-\u9fff]|负责|牵头|配合|会同|协助|参与", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _said(pt: PlanTask, tasks: list[PlanTask]) -> bool:
    """Does one of the tasks already hold the item's words (or the item a task's)?"""
    def bare(s: str) -> str:
        return re.sub(r"\s", "", s)
    own = bare(pt.content)
    return any(own[:16] in bare(t.content) or bare(t.content)[:16] in own for t in tasks)


def _line_of(pt: PlanTask) -> int:
    m = re.match(r"第(\d+)行", pt.source)
    return int(m.group(1)) if m else 0


def _carried_out_in_text(pt: PlanTask) -> None:
    """落实河长制。各乡镇负责辖区河道日常保洁…（牵头单位：县河长办）: a bracket naming only the lead,
    and the task's own sentence saying who carries it out — those units are responsible too."""
    if not pt.lead or pt.responsible:
        return
    text = re.sub(r"[（(][^）)]*[）)]", "", pt.content)
    named = set(pt.lead) | set(pt.cooperating)
    extra = [u for d in prose_duties(text) if not d.lead for u in d.responsible if u not in named]
    if extra:
        pt.responsible = list(dict.fromkeys(extra))
        pt.review.append(f"责任单位{'、'.join(pt.responsible)}取自任务原文「…负责…」（括注只写了牵头单位），请核对")


def _only_taking_part(pt: PlanTask) -> None:
    """公安部参与相关关爱行动,确保…: a sentence whose subject only takes part, with no one leading or answering
    for it: that unit is whom the task is left to (responsible), with a note for review."""
    if pt.lead or pt.responsible or not pt.cooperating or not pt.content.startswith(pt.cooperating[0]):
        return
    pt.responsible, pt.cooperating = pt.cooperating, []
    pt.review.append(f"原文只写了{'、'.join(pt.responsible)}参与或配合，没有牵头或负责单位，已列为责任单位，请核对")


# 综合协调组组长:XX成员:XX职责:负责…: a working group with its head, members and duties
GROUP_DUTY_RE = re.compile(r"(?P<g>[\u4e00-\u9fff]{2,12}?(?:组|专班|指挥部))\s*(?:组长|指挥长|牵头领导)[:：][^。；;]{0,80}?"
                           r"(?:主要|工作)?职责[:：]")


def _group_of_its_own(pt: PlanTask) -> None:
    """(一)综合协调组组长:XX成员:XX职责:负责此次整治工作的综合协调…: an item naming no unit that sets out a working
    group's head, members and duties: the group does them (h6102), with a note for review."""
    group = GROUP_DUTY_RE.match(pt.content)
    if pt.lead or pt.responsible or pt.cooperating or not group:
        return
    pt.responsible = [group.group("g")]
    pt.review = [r for r in pt.review if "没有写明这项任务的责任单位" not in r]
    pt.review.append(f"原文写的是「{group.group('g')}」的组长、成员和职责，已把这个工作组列为责任单位，请核对")
