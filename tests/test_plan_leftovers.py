"""Duties the importer did not read are named in 导入核对 (point 6 of the import: no task text is
dropped without a line in the review).  The texts below are written for these tests, in the shape
of the kinds of layout heldout6 showed unread (a notice whose unit headings and duties a copy ran
into one line; duties whose text went into a task of another unit), plus the real corpus: every
part the importer reads whole must get no such line."""
from __future__ import annotations

import re

import plan_scoring as ps
import pytest
from click.testing import CliRunner
from zhishui.cli import cli
from zhishui.plan import import_plan
from zhishui.plan.document import Para
from zhishui.plan.leftovers import WHY_TAIL, unimported_duties
from zhishui.plan.model import PlanTask

HEAD = "关于印发某县河道保洁工作责任分工的通知\n各乡镇人民政府，县直各部门：\n"
TAIL = "\n某县人民政府办公室\n2023年3月1日\n"
# (text, {unit: [its duties]}): the oracle is written by hand, not read.  The shapes are the ones heldout6-8
# showed: unit headings run into one line, one sentence giving three units their parts, a run-on text
# with no punctuation, a table flattened with spaces.
DUTY_TEXTS = [
    ("为做好河道保洁，现将分工通知如下。 一、工作目标 河道无垃圾。 二、职责分工 "
     ".县水务局: 负责全县河道保洁的统筹调度。 组织开展河道巡查,每月通报一次。 "
     ".县财政局: 保障保洁经费。 积极协助县水务局落实保洁资金。 .各乡镇人民政府: 做好本辖区河道日常保洁。 "
     "三、工作要求 各责任单位要高度重视,密切配合,确保取得实效。",
     {"县水务局": ["负责全县河道保洁的统筹调度", "组织开展河道巡查,每月通报一次"],
      "县财政局": ["保障保洁经费", "积极协助县水务局落实保洁资金"], "各乡镇人民政府": ["做好本辖区河道日常保洁"]}),
    ("河道保洁工作由县水务局牵头负责统筹调度，县财政局配合保障保洁经费，各乡镇人民政府负责本辖区河道日常保洁，"
     "县城管局协助做好垃圾清运转运和集中处置工作。",
     {"县水务局": ["统筹调度"], "县财政局": ["保障保洁经费"], "各乡镇人民政府": ["本辖区河道日常保洁"],
      "县城管局": ["垃圾清运转运和集中处置工作"]}),
    ("据统计全县河道共42条。县水务局负责全县河道保洁的统筹调度并组织开展河道巡查每月通报一次"
     "县财政局负责保障保洁经费各乡镇人民政府负责做好本辖区河道日常保洁",
     {"县水务局": ["全县河道保洁的统筹调度"], "县财政局": ["保障保洁经费"], "各乡镇人民政府": ["本辖区河道日常保洁"]}),
    ("职责分工表 单位 职责 县水务局 负责全县河道保洁的统筹调度 县财政局 负责保障保洁经费 "
     "各乡镇人民政府 负责做好本辖区河道日常保洁",
     {"县水务局": ["全县河道保洁的统筹调度"], "县财政局": ["保障保洁经费"], "各乡镇人民政府": ["本辖区河道日常保洁"]}),
]


def _left_lines(res) -> list[tuple[str, str, str]]:
    return [r for r in res.review if r[2].endswith(WHY_TAIL)]


def _canon(s: str) -> str:
    return re.sub(r"[\W_]+", "", s)


@pytest.mark.parametrize("k", range(len(DUTY_TEXTS)))
def test_every_duty_is_a_task_of_its_unit_or_its_paragraph_is_named(tmp_path, k):
    body, duties = DUTY_TEXTS[k]
    plan = tmp_path / "分工通知.txt"
    plan.write_text(HEAD + body + TAIL, encoding="utf-8")
    res = import_plan(plan)
    named = {w for w, _t, _why in _left_lines(res)}
    for unit, texts in duties.items():
        for duty in texts:
            where = next(p.where for p in res.document.paragraphs if _canon(duty) in _canon(p.text))
            as_task = any(_canon(duty) in _canon(t.content) and unit in t.lead + t.responsible + t.cooperating
                          for t in res.tasks)
            assert as_task or where in named, (unit, duty, [t.to_dict() for t in res.tasks])


# --- the check itself, on paragraphs and tasks given by hand ---------------------------------------

def _paras(*texts):
    return [Para(t, f"第{i + 1}行") for i, t in enumerate(texts)]


def test_a_duty_no_task_holds_is_named_and_one_held_is_not():
    paras = _paras("县水务局负责全县河道保洁的统筹调度。", "县财政局负责保障全县河道保洁经费。")
    tasks = [PlanTask("1", "", "全县河道保洁的统筹调度", responsible=["县水务局"])]
    got = unimported_duties(paras, tasks, [])
    assert [w for w, _t, _why in got] == ["第2行"] and got[0][1].startswith("县财政局负责")


def test_a_duty_whose_text_went_to_another_units_task_is_named():
    paras = _paras("县水务局负责统筹调度，县城管局协助做好垃圾清运转运和集中处置工作。")
    tasks = [PlanTask("1", "", "统筹调度，县城管局协助做好垃圾清运转运和集中处置工作", responsible=["县水务局"])]
    got = unimported_duties(paras, tasks, [])
    assert [(w, t[:4]) for w, t, _why in got] == [("第1行", "县城管局")]
    # with 县城管局 in the task, nothing is left
    tasks[0].cooperating = ["县城管局"]
    assert unimported_duties(paras, tasks, []) == []


def test_a_body_whose_sentence_opens_with_when_it_acts_is_named():
    # 县X接到报告后，要立即… (heldout9's h902): a time clause between the body and what it must do; a thing
    # that ends like an office (工业园内的工业废水必须经预处…, seed 004) is no body
    paras = _paras("县森林防火办公室接到报告后,要立即向县森林防火指挥部报告。",
                   "工业园内的工业废水必须经预处理达到纳管要求和标准后,方可进入园区废水集中处理设施。")
    assert [w for w, _t, _why in unimported_duties(paras, [], [])] == ["第1行"]


def test_a_duty_after_its_items_number_is_named():
    # 2、县财政局：负责… / (二)负责…: the item's number before the unit's heading or the verb (heldout9's
    # department lists); before, only a bare line was looked at
    paras = _paras("2、县财政局:负责安排森林防火经费,保证及时足额到位。", "(二)负责发放运输通行证和确定运输路线。")
    assert [w for w, _t, _why in unimported_duties(paras, [], [])] == ["第1行", "第2行"]


def test_what_is_not_a_duty_of_one_unit_is_not_named():
    paras = _paras("各乡镇人民政府，县直各部门：",                          # the addressees
                   "一、加快截污纳管（县住建局总牵头）",                      # a section's title
                   "各有关部门负责做好本系统河道保洁工作的宣传发动。",           # every office
                   "主办：某县人民政府办公室　承办：某县大数据中心　扫一扫在手机打开",  # the site's footer
                   "请各责任单位高度重视，密切配合。")
    assert unimported_duties(paras, [], []) == []
    # a paragraph 导入核对 already speaks of gets no second line
    paras = _paras("县财政局负责保障全县河道保洁经费。")
    assert unimported_duties(paras, [], [("第1行", "县财政局负责…", "正文中的分工，附件表格已列出任务，未重复导入")]) == []


# The check's false alarms on the parts read whole (every labelled task found): 6 lines in 63 documents, each a
# sentence with a body as its subject that is not a task of the plan (an exhortation in the preamble, a
# report's own 我局牵头, an exception clause, a typo 与关部门, a requirement sentence).  Any other line on
# these parts, or on the seeds, fails here.  A sixth since round 24 (the body doing it 每月/定期 is looked for):
# d02's 「水利部定期编发水功能区水质状况通报…」, whose task the plan's bracket gives to 水资源司 and the basin
# agencies — the ministry named in the sentence is said, as the clerk would want to see.
KNOWN_FALSE_ALARMS = {("d05_xuchang_2020", "第3行"), ("d03_dongan_heichou", "第15行"),
                      ("h304_wenruitanghe_zhize", "第5行"), ("h306_chuzhou_heichou2020", "第3行"),
                      ("h406_baoan_haimian2016", "第19行"), ("d02_mwr_gongnengqu", "第6行")}


def test_plans_read_whole_get_no_other_line():
    got = set()
    for part in ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"):
        for d in ps.manifest():
            if d["split"] == part:
                got |= {(d["id"], w) for w, _t, _why in _left_lines(import_plan(ps.CORPUS / f"{d['id']}.txt"))}
    assert got == KNOWN_FALSE_ALARMS
    for src in sorted((ps.HERE.parent.parent / "shared" / "seeds").glob("*.txt")):
        got = [(w, t[:8]) for w, t, why in _left_lines(import_plan(src))]
        # seed 000's block 「乡镇（街道）：红星街道、鹤溪街道要…」 is imported under 乡镇（街道）: the street it
        # names is said (the only line on the seeds, and not one of a task left out)
        assert got == ([("第67行", "鹤溪街道要主动对")] if src.name.startswith("000") else []), src.name


def test_prose_that_only_mentions_roles_is_not_a_duty(tmp_path):
    plan = tmp_path / "方案.txt"
    plan.write_text(
        "某区黑臭水体整治实施方案\n各街道办事处，区直各部门：\n"
        "为加快整治，区政府决定成立领导小组，由区长任组长。\n"
        "受理部门:某区住房和城乡建设局\n"
        "1.完成东河截污管网建设(区住建局牵头,区水务局配合,以下均需各街道落实,不再列出)。\n"
        "2.开展沿河排口排查(区生态环境分局负责,2023年6月底前)。\n"
        "各责任单位要高度重视,分工负责,密切配合,确保按期完成。\n", encoding="utf-8")
    res = import_plan(plan)
    assert len(res.tasks) == 2
    assert not _left_lines(res), _left_lines(res)


# An import that leaves duties unread today (DUTY_TEXTS[2]: duties run on with no punctuation between them, as
# a document library's copy gives them; only 县水务局's is read).  When a reader learns to read it, these
# tests fail: pick another unread example (DUTY_TEXTS[1] was one until 县城管局协助… was read).
UNREAD = HEAD + DUTY_TEXTS[2][0] + TAIL


def test_import_says_it_on_the_command_line(tmp_path):
    plan = tmp_path / "分工通知.txt"
    plan.write_text(UNREAD, encoding="utf-8")
    got = CliRunner().invoke(cli, ["import", str(plan), "--out", str(tmp_path / "清单.xlsx")])
    assert got.exit_code == 0, got.output
    assert "有1段文字写了单位分工，却没有导入为任务或没有读出单位（第3行）" in got.output


# Of the tasks a part's import misses, how many sit in a paragraph that 导入核对 names.  heldout6: 7 of 32
# before this check (h612's unread run-together line), 20 with it.  heldout7 (clean, written without it):
# 11 of 22 on its first run (tests/data/plans/heldout7_first_run.txt), 1 had the check been off.  As the
# import finds more tasks the missed ones named fall with the missed ones; what may not grow is the
# number of missed tasks 导入核对 keeps silent about (heldout6: 32 - 20, heldout7: 22 - 11, heldout8
# on its first, clean run: 13 - 2).
# After rounds 9-11 and the body-as-subject signal: heldout6 1 missed (0 named), heldout7 7 (4 named),
# heldout8 5 (2 named).
# heldout9 after round 12: 12 missed, 5 named (3 before a body then a time clause, 县林技中心在接到…后,…, was a
# signal); not the generic bodies it leaves out on purpose (各有关部门要…) nor h901's 聯合印發 / 頒發.
# heldout10 after round 13: 33 missed, 21 named.
UNNAMED_CEILING = {"heldout6": 1, "heldout7": 3, "heldout8": 3, "heldout9": 7, "heldout10": 12}


@pytest.mark.parametrize("part", sorted(UNNAMED_CEILING))
def test_missed_tasks_named_in_the_review(part):
    net = ps.safety_net(part)
    assert net["missed"] >= net["named"] and net["missed"] - net["named"] <= UNNAMED_CEILING[part], \
        {k: v for k, v in net.items() if k != "unnamed"}


def test_the_add_in_and_the_web_page_say_it_too(tmp_path):
    from web_helpers import clerk_client
    from zhishui.addin.macros import run
    from zhishui.addin.remote import Replay, remote_book, save_replayed
    import openpyxl
    plan = tmp_path / "分工通知.txt"
    plan.write_text(UNREAD, encoding="utf-8")
    note = "有1段文字写了单位分工，却没有导入为任务或没有读出单位（第3行）"
    # the add-in's 导入方案 in the 督办台账, through xlwings' remote engine
    template = ps.HERE.parent / "workbook_templates" / "督办台账.xlsx"
    book, payload = remote_book(template, {("控制台", "B4"): "导入方案", ("控制台", "B10"): str(plan)})
    outcome = run(book)
    assert outcome.outcome == "成功" and any(note in n for n in outcome.notes), outcome.notes
    filled = save_replayed(template, Replay(payload, book.json()["actions"]), tmp_path / "台账.xlsx")
    review = [r for r in openpyxl.load_workbook(filled)["导入核对"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert [r[0] for r in review if (r[2] or "").endswith(WHY_TAIL)] == ["第3行"]
    # the web page's 导入方案
    app, c, tok = clerk_client(tmp_path / "data")
    r = c.post("/list/import", data={"csrf_token": tok, "plan": (plan.open("rb"), "分工通知.txt")},
               content_type="multipart/form-data", follow_redirects=True)
    assert note in r.get_data(as_text=True)
    app.config["STORE"].close()


# Session 18: a body of a kind (经营者, 各村, 建设单位, a kind of department) as the subject of what it must do is no
# office a task can be handed to, and was named nowhere (the safety net named 242 of the 636 tasks the opened parts
# miss; 292 with this form, for 51 more lines in 888 documents).  Not in 保障措施 and the like, not an exhortation to
# every office (各有关部门要…, the test above), not in a plan whose list is its table (its prose says the table's tasks).
KIND_PLAN = ("某县农贸市场整治工作方案\n各乡镇人民政府，县直各部门：\n"
             "一、工作任务\n"
             "（一）开展市场排查(县市场监管局负责,2023年6月底前)。\n"
             "{where}"
             "市场开办者应当建立进货查验制度，定期组织自查；入场经营者不得销售过期食品。\n"
             "（二）规范经营秩序(县商务局负责,2023年9月底前)。\n")


def test_what_a_kind_of_body_must_do_is_named(tmp_path):
    plan = tmp_path / "方案.txt"
    plan.write_text(KIND_PLAN.format(where=""), encoding="utf-8")
    res = import_plan(plan)
    assert [t.responsible for t in res.tasks] == [["县市场监管局"], ["县商务局"]]
    left = _left_lines(res)
    assert [(w, t[:7]) for w, t, _why in left] == [("第5行", "市场开办者应当")], left
    assert "有2处写了某类单位应做的事" in left[0][2]
    # the same sentences under 保障措施 are what the plan asks of everyone: not named
    plan.write_text(KIND_PLAN.format(where="二、保障措施\n"), encoding="utf-8")
    res = import_plan(plan)
    assert len(res.tasks) == 2 and not _left_lines(res)
