"""What a new clerk's trial of session 14 found in the import of two real plans (a county's 工作要点 with
attribution brackets, a city 河长办's task table cut by the page store), each checked on a text written like it."""
from __future__ import annotations

import zipfile

from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.generators.build_templates import FILES
from zhishui.generators.render import template_path
from zhishui.plan.attributions import find_attributions


def test_a_role_word_then_a_comma_like_mark_ends_that_roles_units():
    # (县美丽办、县住建局、县环保局牵头、各乡镇配合): 各乡镇 co-operates (it was dropped)
    (a,) = find_attributions("（县美丽办、县住建局、县环保局牵头、各乡镇配合）")
    assert a.lead == ["县美丽办", "县住建局", "县环保局"] and a.cooperating == ["各乡镇"]
    (a,) = find_attributions("（县住建局负责、县执法局、县水利局配合）")
    assert a.responsible == ["县住建局"] and a.cooperating == ["县执法局", "县水利局"]


BRACKETS = ("某县2018年水污染防治工作要点\n\n"
            "9.强化农村环境综合整治。推进农村环境整治，2018年底前完成沿线村庄环境综合整治。(县住建局、县环保局牵头、各乡镇配合)\n\n"
            "10.提升河流断面监测监管能力。完成断面水质自动监测站建设并联网。(县环保局牵头)\n\n"
            "11.加快推进城市再生水利用设施建设。工业生产、城市绿化等优先使用再生水。\n\n"
            "12.建立持续调水补水机制。向上游河流生态补水。(县水利局牵头,县南水北调办配合)\n\n"
            "13.加快推进加油站地下油罐防渗改造。新建加油站地下油罐一律使用双层油罐。2018年9月底前,加油站地下油罐全部更新为双层油罐或完成")


def test_a_numbered_item_that_gave_no_task_is_said(tmp_path):
    # 11 names no unit, 13 is cut by the page: neither may vanish without a line in 导入核对
    res = _read(tmp_path, BRACKETS)
    assert [t.seq for t in res.tasks] == ["9", "10", "12"]
    assert _task(res, "强化农村环境综合整治").cooperating == ["各乡镇"]
    said = {text[:3]: why for _w, text, why in res.review}
    assert "没有写明" in said["11."] and "补录" in said["11."]
    assert "截断" in said["13."]


def test_a_unit_name_cut_by_the_page_is_not_a_unit(tmp_path):
    # …城乡一体化示范区、高 (高新区党工委和管委会 cut after its first character): 「高」 would be sent a return sheet
    text = ("平顶山市河长制办公室\n关于印发《某市全面推行河长制主要任务分解方案》的通知\n\n"
            "序号\t主要任务\t牵头单位\t责任单位\n"
            "1\t实施水资源消耗总量和强度双控行动,到2020年用水总量控制在11.88亿立方米以内。\t市水利局\t各县(市、区)人民政府\n"
            "2\t加快实施工业节水技术改造,坚决遏制用水浪费。\t市工业和信息化委\t各县(市、区)人民政府、城乡一体化示范区、高\n")
    res = _read(tmp_path, text)
    last = _task(res, "加快实施工业节水技术改造")
    assert "高" not in last.responsible and last.responsible == ["各县(市、区)人民政府", "城乡一体化示范区"]
    assert any("「高」" in r and "截断" in r for r in last.review)
    assert any("「高」" in why for _w, _t, why in res.review)
    # the office above the title is the issuer (it was 「未找到」)
    assert res.meta.issuer == "平顶山市河长制办公室" and "标题上一行" in res.meta.where["issuer"]


def test_the_letters_keep_their_last_sentence_with_the_signature():
    # the 催报通知 with no 联系人 line put 县环保局 / 2018年11月30日 alone on page 2 (GB/T 9704 does not allow it):
    # every paragraph from the last sentence of the body to the 落款 is kept with the next
    for kind in ("chase", "supervise"):
        with zipfile.ZipFile(template_path(kind)) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        paras = xml.split("<w:p>")
        signer = next(i for i, p in enumerate(paras) if 'w:val="GwSigner"' in p)
        body = max(i for i, p in enumerate(paras[:signer]) if 'w:val="GwBody"' in p and "{%p" not in p)
        assert all("<w:keepNext/>" in p or 'w:val="GwAttachNote"' in p or "{%p" in p
                   for p in paras[body:signer]), kind
    assert set(FILES.values()) >= {"催报通知.docx", "督办通知.docx"}
