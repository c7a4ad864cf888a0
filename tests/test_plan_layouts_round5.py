"""Rules added after heldout4's first run was recorded (tests/data/plans/heldout4_first_run.txt: 29 of
49 tasks, 25 with every unit right, 14 extra items), each checked on the real corpus text it was
written for (tests/data/plans/corpus), with the tasks, units and deadlines written out by hand here.
heldout4 is no longer clean after this round."""
from __future__ import annotations

import json

import plan_scoring as ps
import pytest
from conftest import LIST001, LIST003, SEEDS
from zhishui.plan import import_plan
from zhishui.plan.document import Table
from zhishui.plan.texttables import blocks_from_lines, clean, mend_paragraphs


def _text(doc: str) -> str:
    return (ps.CORPUS / f"{doc}.txt").read_text(encoding="utf-8")


def _imported(doc: str):
    return import_plan(ps.CORPUS / f"{doc}.txt")


def _score(doc: str):
    truth = json.loads((ps.TRUTH / f"{doc}.json").read_text(encoding="utf-8"))["tasks"]
    return ps.score_tasks(doc, truth, [t.to_dict() for t in _imported(doc).tasks])


def _table(doc: str) -> Table:
    return next(b for b in blocks_from_lines(_text(doc).splitlines(), str) if isinstance(b, Table))


# --- tables printed as text ---------------------------------------------------------------------

def test_a_report_column_is_not_the_task_and_numbers_may_skip():
    # h412 蚌埠: "序号 |" / "项目内容 |" / "服务对象 |" / "牵头科室 |" / "完成时限及项目推进完成情况 |", one cell a
    # line; rows 3, 6, 7, 8, 10 (an excerpt), empty rows "||||" between them
    rows = _table("h412_bengbu_zhujian2021").grid.rows
    assert rows[0] == ["序号", "项目内容", "服务对象", "牵头科室", "完成时限及项目推进完成情况"]
    assert [r[0] for r in rows[1:]] == ["3", "6", "7", "8", "10"]
    assert [r[3] for r in rows[1:]] == ["城建科", "城建科", "节水中心", "环卫处", "市政园林科"]
    res = _imported("h412_bengbu_zhujian2021")
    assert [t.content for t in res.tasks][:2] == ["持续推进海绵城市建设。", "加快城镇污水处理提质增效"]
    assert [t.lead for t in res.tasks] == [["城建科"], ["城建科"], ["节水中心"], ["环卫处"], ["市政园林科"]]
    assert all(not t.responsible and not t.cooperating for t in res.tasks)


def test_a_second_self_numbered_task_starts_a_row_without_its_merged_cells():
    # h409 广水: "序号" / "牵头单位" / "工作任务" / "目前完成情况、存在问题及下一步工作措施" / "完成进度(%)" / "备注";
    # row 12 "市水利和湖泊局" / "56.做好农村自来水管网改造…" / … / "90%", then "86.深入推进河长制,…" under the same
    # merged 序号 and 牵头单位; "扫一扫在手机上查看当前页面" is the page's furniture, not a cell
    rows = _table("h409_guangshui_zfgzbg2025").grid.rows
    assert len(rows) == 3
    assert rows[2][:3] == ["", "", "86.深入推进河长制,加大徐家河国家湿地公园保护力度,落实长江“十年禁渔”。"]
    assert "扫一扫在手机上查看当前页面" not in sum(rows, [])
    res = _imported("h409_guangshui_zfgzbg2025")
    assert len(res.tasks) == 1 and res.tasks[0].lead == ["市水利和湖泊局"]
    assert res.tasks[0].content.startswith("56.做好农村自来水管网改造")
    assert res.tasks[0].continuation[0][0].startswith("86.深入推进河长制")


def test_a_bar_row_without_its_number_starts_at_the_task_and_lone_host_is_responsible():
    # h408 汶上: "序号 | 项目名称 | 项目内容 | 当前进展情况 | 进度评价 | 主办单位 |", then
    # "新增绿化面积387亩。 | 已完成新增造林387亩。 | 已完成 | |||" (merged 序号, 项目名称 and 主办单位 left
    # out), the last row cut by the page: "持续推动生活垃圾分类, | 引导村民积极参与…目"
    rows = _table("h408_wenshang_minsheng2023").grid.rows
    assert rows[4] == ["", "", "新增绿化面积387亩。", "已完成新增造林387亩。", "已完成", ""]
    assert rows[-1][2] == "持续推动生活垃圾分类,"
    res = _imported("h408_wenshang_minsheng2023")
    assert len(res.tasks) == 1
    t = res.tasks[0]
    assert t.responsible == ["县农村人居环境整治工作专班"] and t.lead == []     # 主办单位 with no 协办 column
    assert [c for c, _d, _s in t.continuation][-1] == "持续推动生活垃圾分类,"
    assert len(t.continuation) == 7
    assert any("已读入到" in why for _w, _t, why in res.review)


# --- records and forms ---------------------------------------------------------------------------

def test_one_line_records_each_field_stops_at_the_next():
    # h403 宁波: "1.轨道交通1号线一期工程投入试运营。 牵头领导:林静国 责任单位:市轨道交通工程建设指挥部
    # 项目责任人:尹文德 实际完成情况:…" and "配合单位:市公安局、市城管局、各区政府 鄞州 海曙、江东、…合计 …"
    res = _imported("h403_ningbo_minsheng2014")
    assert [t.seq for t in res.tasks] == ["1", "2", "3", "4"]
    assert [t.content for t in res.tasks] == ["轨道交通1号线一期工程投入试运营", "新增安装300套路口交通信息视频采集设备",
                                              "新辟公交线路10条,优化调整20条", "新投放公共自行车3000辆,新增100个网点"]
    assert res.tasks[0].responsible == ["市轨道交通工程建设指挥部"] and res.tasks[0].persons == ["林静国", "尹文德"]
    assert res.tasks[1].cooperating == ["市城管局", "市财政局"]
    assert res.tasks[2].cooperating == ["市公安局", "市城管局", "各区政府"]
    assert res.tasks[3].responsible == ["市交通委", "各区政府", "相关管委会"]
    assert ps.same_unit(res.tasks[3].cooperating[-1], "宁波电业局") and len(res.tasks[3].cooperating) == 10
    assert any(t.startswith("实际完成情况:轨道交通1号线") for _w, t, _y in res.review)


def test_a_record_run_on_in_one_paragraph_is_cut_into_its_fields():
    # h407 楚雄: "…整改目标:…。责任单位:州委办公室、州政府办公室,各县市党委和政府责任人:…主要负责人整改时限:立行立改,
    # 长期坚持整改措施:筑牢…政绩观。1.深入学习贯彻…-1-建设和…2.把绿色发展纳入…3.深入开展…"
    from zhishui.plan.records import split_record
    para = _text("h407_chuxiong_duchazhenggai").splitlines()[2]
    pieces = split_record(para)
    assert pieces[2:5] == ["责任单位:州委办公室、州政府办公室,各县市党委和政府",
                           "责任人:州委办公室、州政府办公室主要负责人,各县市党委和政府主要负责人",
                           "整改时限:立行立改,长期坚持"]
    res = _imported("h407_chuxiong_duchazhenggai")
    assert [t.content[:8] for t in res.tasks] == ["深入学习贯彻习近", "把绿色发展纳入党", "深入开展生态文明"]
    assert all(t.responsible == ["州委办公室", "州政府办公室", "各县市党委和政府"] for t in res.tasks)
    assert all(t.deadline == "立行立改,长期坚持" for t in res.tasks)
    assert "-1-" not in res.tasks[0].content and "生态文明建设和环境保护" in res.tasks[0].content
    # a paragraph that only names units in a field, with no numbered measures after 整改措施:, is not cut
    assert split_record("责任单位:市水务局。整改时限:2020年底前。") is None


def test_a_web_form_with_each_value_under_its_field_name():
    # h415 镇江交办单: "责任单位:" / "市政园林工程处" / … / "交办单标题:" / "关于对扬子河部分时段水质黑臭问题交办的通知"
    res = _imported("h415_zhenjiang_jiaobandan2024")
    assert [(t.content, t.responsible) for t in res.tasks] == [
        ("关于对扬子河部分时段水质黑臭问题交办的通知", ["市政园林工程处"])]
    # a unit field after a field about the matter (交办日期:) heads its own block; after the matter itself
    # (工作内容:…) it is that matter's units, as before
    from zhishui.plan.attributed import join_lone_attributions
    from zhishui.plan.document import Para
    joined = join_lone_attributions([Para("工作内容:完善城区污水管网", "1"), Para("责任单位:市水务局", "2")])
    assert [p.text for p in joined] == ["工作内容:完善城区污水管网责任单位:市水务局"]
    kept = join_lone_attributions([Para("交办日期:2024-06-05", "1"), Para("责任单位:市政园林工程处", "2")])
    assert len(kept) == 2
    # a salutation over the body is not a field name
    paras = mend_paragraphs([("各单位：", "1"), ("定于下周一召开会议。", "2")])
    assert [p.text for p in paras] == ["各单位：", "定于下周一召开会议。"]


def test_a_notice_in_the_first_person_is_the_signers():
    # h414 富裕街道: "我单位所承担的…整改任务…" / "整改措施:全面落实“河长制”,加大对河的检查、看护力度,…" /
    # signature "富裕街道办事处" over "2018年6月6日"
    res = _imported("h414_nanguan_fuyu2018")
    assert res.meta.issuer == "富裕街道办事处"
    assert [(t.content[:14], t.responsible) for t in res.tasks] == [("全面落实“河长制”,加大对河", ["富裕街道办事处"])]
    assert "落款" in res.tasks[0].review[0]


# --- PDF text ----------------------------------------------------------------------------------

def test_pdf_text_page_numbers_spaces_and_items_going_on():
    # h406 宝安: "2020 年底前,上述" / "6 条河流综合整治工 程完工. (牵头单位:区环保水务局;" / "协办单位:区土地整备局、
    # 石 岩街道办)"; "(五)加快推进海绵城市建设行动 22.出台…"; "…协办单位:…各街道办) 23.编制年度海绵城市建设计划.…
    # 每―10 ― 年3月底前,制定我区年度海绵城市建设计划;" / "全面落实海绵城 市建设理念,…(牵头单位:区环保水务局;"
    assert clean("建设理念的项目清单,每―10 ― 年3月底前") == "建设理念的项目清单,每年3月底前"
    assert clean("-1-建设和环境保护") == "建设和环境保护" and clean("2017-2020 年度") == "2017-2020 年度"
    res = _imported("h406_baoan_haimian2016")
    t1, t2, t3, t4 = res.tasks
    assert t1.deadline == "2020 年底前" and t1.lead == ["区环保水务局"] and t1.cooperating == ["区土地整备局", "石岩街道办"]
    assert t2.category.endswith("加快推进海绵城市建设行动") and "2017 年5月底前" in t2.deadline
    assert t3.content.startswith("编制年度海绵城市建设计划") and "全面落实海绵城 市建设理念" in t3.content
    assert t3.lead == ["区环保水务局"] and "区中心办" in t3.cooperating and "区发改局" in t3.cooperating
    assert t4.content.startswith("加强海绵城市建设项目审批和技术把关")


# --- what is not a task --------------------------------------------------------------------------

def test_a_document_cut_inside_its_last_task_or_units_does_not_import_it():
    # h411 武汉 ends "…进行加固。(责任单位:市水务局、市发展改革委、市财政" (cut inside the bracket); h404 梅田湖 ends
    # "(三)清障碍。…对所有违法建设进行清理和" and h405 湖州 "2.开展项目“双进双产" (cut before any unit)
    for doc, n in (("h411_wuhan_shuiwu", 4), ("h404_meitianhu_hehu2024", 3), ("h405_huzhou_zdgz2020", 1)):
        res = _imported(doc)
        assert len(res.tasks) == n, doc
        assert any("截断" in why for _w, _t, why in res.review), doc
        assert _score(doc).extra == 0
    # h407's last measure is cut in its text, but its units were given above it: kept
    assert len(_imported("h407_chuxiong_duchazhenggai").tasks) == 3


def test_a_lone_unit_name_set_apart_at_the_end_is_the_signature():
    # h410 六安: "6、棚户区改造,牵头部门:市住建委。新开工,完成进度相对较慢的为开发区和市本级。 六安市民生办"
    res = _imported("h410_liuan_minsheng2017")
    assert [t.content for t in res.tasks][-1] == "棚户区改造" and res.tasks[-1].lead == ["市住建委"]
    assert len(res.tasks) == 6
    assert any("落款" in why for _w, _t, why in res.review)


def test_heldout4_after_this_rounds_rules():
    t = ps.totals(ps.corpus_scores("heldout4"))
    assert (t["found"], t["roles_ok"], t["extra"]) == (49, 49, 0), t


# --- merged category text in a middle row (seed 003) ---------------------------------------------

def _categories(path, sample):
    from zhishui.tasks import load_list
    got = [(t.seq, t.category) for t in import_plan(path).tasks]
    want = [(t.seq, t.category) for t in load_list(sample).tasks]
    return got, want


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds absent")
def test_seed003_merged_category_in_a_middle_row_goes_to_its_span():
    # seed 003's text: "3\t\t制定排水管网排查和检测方案…" / "4\t建立污水管网排查和周期性检测制度\t建立市政排水管网…" /
    # "5\t\t对排查发现的市政无主污水管道…": the merged 重点任务 of rows 3–5 printed in row 4
    got, want = _categories(next(SEEDS.glob("003_*.txt")), LIST003)
    assert got == want
    assert dict(got)["3"] == "建立污水管网排查和周期性检测制度"
    assert dict(got)["7"] == "补齐生活污水收集处理设施空白区域短板"
    # a reading, not a fact of the text: the moved rows' tasks say so (待核实), the others do not
    res = import_plan(next(SEEDS.glob("003_*.txt")))
    flagged = [t.seq for t in res.tasks if any("文字在中间一行" in r for r in t.review)]
    assert flagged == ["3", "7", "10", "25", "27", "29"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds absent")
def test_seed001_top_aligned_categories_stay_with_the_row_above():
    got, want = _categories(next(SEEDS.glob("001_*.txt")), LIST001)
    assert got == want
