"""Build the water-quality Word templates (水质预警, 水质月报) with the same machinery,
styles and page set-up as the three month templates (build_templates.py).

    python -m zhishui.generators.build_water_templates [out_dir]

* 水质预警.docx — 信函格式 letter to a section's responsible towns and departments the
  day it exceeds its target; from the third consecutive exceeding day the same
  template says 督办 (title, wording, a written reply by a deadline).
* 水质月报.docx — the 水质 part of the monthly 通报 as a document of its own: a table of
  sections with class and target, one chart per exceeding section with the limit
  drawn in, the alerts of the month.  Its body is ``water_section``: the 通报
  template can call the same function to carry the section inline (every tag is
  under ``water.``, figures are numbered from ``water.figure_start``).
"""
from __future__ import annotations

import sys
from pathlib import Path

from .build_templates import (LINE, TEMPLATES, Body, build_one, contact_line, letter_cc, letter_head,
                              libreoffice_base)

FILES = {"warning": "水质预警.docx", "report": "水质月报.docx"}


def warning_body(b: Body) -> None:
    letter_head(b)
    # the section's run and each indicator's own days are said apart (run_text), and the table lists
    # every day of the run with the indicator that exceeded that day: a 连续3日 run of three different
    # indicators no longer reads as one indicator over for 「1日」 (the session-18 trial)
    b.p("GwBody", "{% if basis %}根据{{ basis }}要求，{% endif %}经{{ source_text }}，{{ day_cn }}，"
                  "{{ section_text }}{{ exceed_text }}，水质类别为{{ class_text }}，超过水质目标。{{ run_text }}"
                  "{% if supervise %}出现了{{ run_word }}连续3日超标的情况，现予以督办。{% else %}现予以预警。{% endif %}"
                  "{% if run_days > 1 %}连续超标各日的超标指标如下表。{% endif %}{{ table_note }}", keep_next=True)
    b.table([1345, 1800, 1700, 1500, 1200, 1300],
            ["日期", "超标指标", "{{ value_head }}", "目标类别限值", "当日类别", "超标倍数"],
            ["{{ p.day }}", "{{ p.name }}", "{{ p.value_text }}", "{{ p.limit_text }}", "{{ p.class_text }}",
             "{{ p.multiple_text }}"],
            loop="p in params", style_for=lambda i: "GwTableText" if i == 1 else "GwTableCenter")
    b.tag("{%p if recent %}")
    b.p("GwBody", "{{ recent_text }}")
    b.tag("{%p endif %}")
    b.p("GwH1", "{% if supervise %}一、督办要求{% else %}一、处置要求{% endif %}")
    b.tag("{%p for r in requirements %}")
    b.p("GwBody", "{{ loop.index }}.{{ r }}")
    b.tag("{%p endfor %}")
    b.p("GwH1", "二、报送要求")
    b.p("GwBody", "请于{{ reply_deadline_cn }}前{% if reply_workdays %}（{{ reply_workdays }}个工作日内）{% endif %}"
                  "将{% if supervise %}溯源排查、整改措施和整改结果{% else %}排查和处置情况{% endif %}书面报送{{ office }}"
                  "{% if supervise %}，报告须经单位主要负责人签字并加盖公章{% endif %}。"
                  "{% if supervise %}对重视不够、措施不力，导致断面水质持续超标的，将按照{{ plan_text }}约谈督办；"
                  "连续两个季度断面水质均值超标的，开展生态环境保护定点督察。{% endif %}", keep_next=True)
    contact_line(b)
    # 落款, 成文日期 and 抄送 (版记) on the page of the last text, as in the monthly letters: the date is
    # kept with the 抄送 (without it LibreOffice put the 抄送 alone on a third page)
    b.p("GwSigner", "{{ office }}")
    b.p("GwDate", "{{ date_cn }}", keep_next=True)
    letter_cc(b)


def water_section(b: Body, var: str = "water") -> None:
    """The 水质 part of the 通报; every tag reads ``<var>.…`` (and ``charts`` for the images)."""
    w = var
    b.p("GwH1", f"{{{{ {w}.heading }}}}地表水断面水质情况")
    b.p("GwBody", f"{{{{ {w}.summary_text }}}}")
    b.table([620, 1900, 1500, 700, 900, 900, 800, 2525],
            ["序号", "断面名称", "所在河流（湖库）", "级别", "水质目标", "本月类别", "是否达标", "超标指标（超标倍数）"],
            ["{{ s.seq }}", "{{ s.name }}", "{{ s.river }}", "{{ s.level }}", "{{ s.target }}", "{{ s.cls }}",
             "{{ s.verdict }}", "{{ s.exceed_text }}"],
            loop=f"s in {w}.sections", style_for=lambda i: "GwTableText" if i in (1, 2, 7) else "GwTableCenter")
    b.tag(f"{{%p if {w}.charts %}}")
    b.p("GwBody", f"{{{{ {w}.chart_text }}}}")
    b.tag(f"{{%p for c in {w}.charts %}}")
    b.p("GwFigure", "{{ charts[c.key] }}")
    b.p("GwCaption", f"图{{{{ {w}.figure_start + loop.index0 }}}}　{{{{ c.caption }}}}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")
    b.tag(f"{{%p if {w}.alerts %}}")
    b.p("GwBody", f"{{{{ {w}.alert_text }}}}")
    b.table([1700, 1500, 2245, 1500, 1900],
            ["断面名称", "情形", "时段", "指标", "处置"],
            ["{{ a.section }}", "{{ a.kind }}", "{{ a.period }}", "{{ a.params }}", "{{ a.action }}"],
            loop=f"a in {w}.alerts", style_for=lambda i: "GwTableText" if i in (0, 3, 4) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.tag(f"{{%p if {w}.next_text %}}")
    # kept with what follows: the 月报's 署名 and 日期 fell alone onto a fourth page after the alert table
    # (trial 17's June and July 月报), which GB/T 9704 7.3.5 does not allow
    b.p("GwBody", f"{{{{ {w}.next_text }}}}", keep_next=True)
    b.tag("{%p endif %}")


def report_body(b: Body) -> None:
    b.p("GwTitle", "{{ title }}")
    b.p("GwBody", "{{ intro_text }}")
    water_section(b)
    b.p("GwSigner", "{{ office }}", keep_next=True)      # the 署名 with its date, and both with the last text
    b.p("GwDate", "{{ date_cn }}")


BUILDERS = {"warning": (warning_body, True, "水质预警"), "report": (report_body, False, "水质月报")}


def build(out_dir: Path = TEMPLATES) -> list[Path]:
    base = libreoffice_base()
    return [build_one(k, base, Path(out_dir), BUILDERS, FILES) for k in BUILDERS]


__all__ = ["build", "water_section", "warning_body", "report_body", "FILES", "LINE"]

if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES):
        print(p)
