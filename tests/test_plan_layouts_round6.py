"""Rules added after heldout5's first run was recorded (tests/data/plans/heldout5_first_run.txt: 31 of
80 tasks, 21 with every unit right, 12 extra items), each checked on the real corpus text it was
written for (tests/data/plans/corpus), with the tasks, units and deadlines written out by hand here.
heldout5 is no longer clean after this round: no part of the corpus is."""
from __future__ import annotations

import plan_scoring as ps
from test_plan_layouts_round5 import _imported, _score, _text   # the same corpus helpers
from zhishui.plan.document import Para, Table
from zhishui.plan.records import split_articles, split_run_on_items
from zhishui.plan.texttables import blocks_from_lines, mend_paragraphs
from zhishui.plan.traditional import is_traditional, simplified
from zhishui.unitnames import split_units




def _task(res, words: str):
    return next(t for t in res.tasks if words in t.content)


def _names(text: str) -> list[str]:
    return [t.name for t in split_units(text)]


# --- traditional characters --------------------------------------------------------------------

def test_traditional_text_is_read_as_simplified_and_given_back_as_written():
    # h509 山西: "嚴控地下水超采。…(省水利廳、省國土資源廳牽頭,省發展改革委、省經信委、省住房城鄉建設廳、
    # 省農業廳參與,各市人民政府負責落實)"
    assert simplified("省水利廳、省國土資源廳牽頭") == "省水利厅、省国土资源厅牵头"
    assert is_traditional(_text("h509_shanxi_shuiwuran2017")) and not is_traditional(_text("h515_jingzhou_chuangwen"))
    res = _imported("h509_shanxi_shuiwuran2017")
    t = _task(res, "嚴控地下水超采")          # the task keeps the document's own characters
    assert t.lead == ["省水利廳", "省國土資源廳"]
    assert t.cooperating == ["省發展改革委", "省經信委", "省住房城鄉建設廳", "省農業廳"]
    assert t.responsible == ["各市人民政府"]
    assert any("繁体" in n for n in res.document.notes)


def test_regulation_articles_run_together_are_cut_at_each_article():
    # h514 广东: "…第四條市、區、鎮人民政府(街道辦事處)應當采取防治河流水汙染的對策和措施,…第七條生態環境主管部門
    # 負責本行政區域內河流水汙染防治的監督管理;監督管理水汙染物排放總量控制、…;監督和指導農業面源汙染控制工作;…"
    first = simplified(_text("h514_guangdong_heliu_tiaoli").splitlines()[0])
    parts = split_articles(Para(first, "第1行"))
    assert [p.where for p in parts[1:]] == ["第1行第三条", "第1行第四条", "第1行第五条", "第1行第六条", "第1行第七条"]
    assert parts[5].text.startswith("生态环境主管部门负责本行政区域内")
    res = _imported("h514_guangdong_heliu_tiaoli")
    assert _task(res, "監督和指導農業面源汙染控制工作").responsible == ["生態環境主管部門"]
    assert _task(res, "應當采取防治河流水汙染的對策和措施").responsible == ["市人民政府", "區人民政府", "鎮人民政府(街道辦事處)"]
    assert _names("市、区、镇人民政府(街道办事处)") == ["市人民政府", "区人民政府", "镇人民政府(街道办事处)"]


# --- unit lists --------------------------------------------------------------------------------

def test_a_level_group_before_a_government_stays_one_group():
    # h502 无锡: "(责任部门:市水利局。配合部门:各市(县)、区政府)"
    assert _names("各市(县)、区政府") == ["各市(县)、区政府"]
    assert _task(_imported("h502_wuxi_shengtai_fengong"), "长效治理机制").cooperating == ["各市(县)、区政府"]


def test_bare_kinds_share_the_word_after_deng():
    # h513: "会同财政、环保、水利等有关部门贯彻执行国家和省的有关生态保护保证金、…的价格政策或收费标准等。"
    assert _names("财政、环保、水利等有关部门") == ["财政部门", "环保部门", "水利部门"]
    t = _task(_imported("h513_shengtaishi_zhize"), "贯彻执行国家和省的有关生态保护保证金")
    assert (t.responsible, t.cooperating) == (["市物价局"], ["财政部门", "环保部门", "水利部门"])


def test_a_group_of_levels_is_written_once_for_the_stems_after_it():
    # h510: "〔主要责任单位:各县(市、区)、乡(镇)政府,工业园区管委会,市级和各县(市、区)宣传部,市政、工商、文化部门〕"
    assert _names("各县(市、区)、乡(镇)政府,工业园区管委会,市级和各县(市、区)宣传部,市政、工商、文化部门") == [
        "各县(市、区)政府", "各乡(镇)政府", "工业园区管委会", "市级和各县(市、区)宣传部", "市级和各县(市、区)市政部门",
        "市级和各县(市、区)工商部门", "市级和各县(市、区)文化部门"]
    # h511: "主要责任单位:各县(市、区)、乡(镇)人民政府、街道办,各县(市、区)市政、住建、卫生、交通(公路)、
    # 工商(市场管理)等单位,沿街(路)社区、居委会、管理(经营)单位、责任区责任单位。"
    assert _names("各县(市、区)、乡(镇)人民政府、街道办,各县(市、区)市政、住建、卫生、交通(公路)、工商(市场管理)等单位,"
                  "沿街(路)社区、居委会、管理(经营)单位、责任区责任单位") == [
        "各县(市、区)人民政府", "各乡(镇)人民政府", "街道办", "各县(市、区)市政单位", "各县(市、区)住建单位",
        "各县(市、区)卫生单位", "各县(市、区)交通(公路)单位", "各县(市、区)工商(市场管理)单位", "沿街(路)社区", "居委会",
        "管理(经营)单位", "责任区责任单位"]


def test_a_closing_lenticular_bracket_ends_the_paragraph():
    # h510: three unnumbered paragraphs, each ending "〔主要责任单位:…〕": the next one is not glued on
    paras = [b for b in blocks_from_lines(_text("h510_shirong_zhengzhi").splitlines(), str) if isinstance(b, Para)]
    assert [p.text[:8] for p in paras] == ["加大市容环境综合", "加强户外广告、招", "疏堵结合规范管理"]
    s = _score("h510_shirong_zhengzhi")
    assert (s.found, s.roles_ok, s.extra) == (3, 3, 0)


# --- forms and notices -------------------------------------------------------------------------

def test_a_unit_line_after_sub_items_belongs_to_the_whole_item():
    # h515 荆州: "1. 市科技馆" / "(1)院内电动车未按指定区域停放;" … / "问题整改责任单位:市科技馆 整改时限:3天"
    res = _imported("h515_jingzhou_chuangwen")
    assert [(t.content[:6], t.responsible, t.deadline) for t in res.tasks] == [
        ("市科技馆：(", ["市科技馆"], "3天"), ("市第二人民医", ["市卫生健康委员会"], "5天"),
        ("市第三人民医", ["市卫生健康委员会"], "5天"), ("市第五人民医", ["市卫生健康委员会"], "5天")]
    assert "灭火器过期未更换" in res.tasks[0].content


def test_a_unit_label_heading_with_its_value_below():
    # h506: "二、 整改责任单位" / "和布克赛尔县住房和城乡建设局" / "三、 整改完成情况" (a report, not a measure)
    res = _imported("h506_hebukesaier_zhenggai2020")
    assert len(res.tasks) == 1
    assert res.tasks[0].content.startswith("自治区住建厅推进落实环保基础设施建设不力")
    assert res.tasks[0].responsible == ["和布克赛尔县住房和城乡建设局"]


def test_a_form_printed_a_field_name_a_line():
    # h505 成安: "责任单位" / "成安县水利局、市生态环境局成安县分局、市政公用事业服务中心、商城镇" / "整改目标" /
    # "强化基层河长责任落实。" / "整改措施" / "(一)强化履职监督。…" / "(二)加强排查整治。…"
    paras = mend_paragraphs([("成安县水利局、市生态环境局成安县分局、市政公用事业服务中心、商城镇", "a"), ("整改目标", "b"),
                             ("强化基层河长责任落实。", "c")])
    assert [p.text for p in paras][:2] == ["成安县水利局、市生态环境局成安县分局、市政公用事业服务中心、商城镇", "整改目标"]
    res = _imported("h505_chengan_hezhang2026")
    units = ["成安县水利局", "市生态环境局成安县分局", "市政公用事业服务中心", "商城镇"]
    assert [(t.content[:6], t.responsible) for t in res.tasks] == [("强化履职监督", units), ("加强排查整治", units)]


def test_a_titled_measure_whose_unit_is_the_subject():
    # h504 抚顺: "1、压实各级河长责任。市河长办(市水务局)进一步明确…" / "3、开展河道清理整治行动。新抚区和东洲区分别组织
    # 有关单位4月底前对海新河河道垃圾进行清理,…"; the problem under 一、整改任务 ("海新河由市水务局负责日常巡查…")
    # is no task, its measures being listed under 三、整改措施
    res = _imported("h504_fushun_haixinhe")
    assert [(t.content[:8], t.responsible) for t in res.tasks] == [
        ("压实各级河长责任", ["市河长办(市水务局)"]), ("完善《海新河“一", ["市水务局"]), ("开展河道清理整治", ["新抚区", "东洲区"])]
    assert res.tasks[2].deadline == "4月底前"
    assert any("整改问题的描述" in why for _w, _t, why in res.review)


def test_a_table_cell_a_line_with_a_spanning_unit_header():
    # h501 岳阳: "序号 |" / "工程类别与名称 |" / "工程 目的 |" / "责任单位 |" / "时间安排 |" / "投资 估算 | ||" /
    # "牵头单位 |" / "协助单位 | ||||||" / "1 |" / "完善环南湖截污管网与污水处理厂规划、建设与管理 |" / "完善管网规划 |" / …
    table = next(b for b in blocks_from_lines(_text("h501_yueyang_nanhu2013").splitlines(), str) if isinstance(b, Table))
    assert table.grid.rows[0] == ["序号", "类别", "工程类别与名称", "工程 目的", "牵头单位", "协助单位", "时间安排", "投资 估算"]
    assert table.grid.rows[1][:3] == ["1", "完善环南湖截污管网与污水处理厂规划、建设与管理", "完善管网规划"]
    res = _imported("h501_yueyang_nanhu2013")
    t = _task(res, "完善管网规划")
    assert (t.lead, t.cooperating, t.deadline) == (["市规划局"], ["市住建局", "市环保局", "市城管局"], "2013年底 完成")
    t = _task(res, "环湖新建区分流制管网建设")
    assert (t.lead, t.cooperating, t.deadline) == (["市住建局"], ["属地区级政府"], "即时开始 长期坚持")
    assert len(res.tasks) == 11


def test_headings_run_on_in_one_line_and_subjects_of_later_sentences():
    # h512 辽阳: "…室内外环境卫生。 (三)检查验收阶段(4月30日至5月末)。市爱卫会组织有关部门对…进行检查,…。 四、责任分工
    # (一)各县(市)区政府要本着…,深入开展群众性的春季爱国卫生运动,…。同时,各县(市)区要搞好春季灭鼠工作,…。
    # 爱卫会要组织除四害专家做好辖区内鼠密度调查,…"
    line = _text("h512_liaoyang_qingjieyue").splitlines()[1]
    parts = split_run_on_items(Para(line, "第2行"))
    assert [p.text[:6] for p in parts] == ["[接上页] ", "(三)检查验", "四、责任分工", "(一)各县("]
    res = _imported("h512_liaoyang_qingjieyue")
    t = _task(res, "市爱卫会组织有关部门")
    assert (t.responsible, t.deadline) == (["市爱卫会"], "4月30日至5月末")
    assert _task(res, "深入开展群众性的春季爱国卫生运动").responsible == ["各县(市)区政府"]
    assert _task(res, "搞好春季灭鼠工作").responsible == ["各县(市)区"]
    assert _task(res, "鼠密度调查").responsible == ["爱卫会"]


def test_heldout5_after_the_rules_of_this_round():
    t = ps.totals(ps.corpus_scores("heldout5"))
    # h503 read by runtogether.py; round 28 reads 「X负责牵头A」 as X leading A, as seed 000, h2307 and h2508 are
    # labelled, where h514's label has 「自然資源主管部門負責牽頭建立…」 responsible (one role fewer here)
    assert (t["found"], t["roles_ok"], t["extra"]) == (80, 77, 0)
