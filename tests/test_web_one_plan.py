"""One desk, one plan (trial 28): another plan's list loaded onto a desk whose history holds a plan was taken as a
revision of it, and starting a period on it showed the command line's 「属于另一个方案」 error only after the period
and its units' links were made.  Both are refused now before anything is written, on SQLite and on PostgreSQL."""
from __future__ import annotations

import datetime as dt

from conftest import LIST001
from test_web_decisions import KEY_1, TODAY, Desk, _flashes, database  # noqa: F401  (the fixture)


def test_another_plans_list_is_refused_and_no_period_is_opened_on_it(tmp_path, database):  # noqa: F811
    desk = Desk(tmp_path / "desk", database)
    desk.c.get(f"/p/{KEY_1}")                 # the month computed: the history now holds the plan
    # (the exported files' command goes on from the server's database only with it: said there, trial 28)
    page = desk.c.get(f"/p/{KEY_1}/uploads").get_data(as_text=True)
    assert ("ZHISHUI_HISTORY_DB" in page) == bool(database)
    before = desk.store.current_list()
    r = desk.c.post("/list", data={"csrf_token": desk.tok, "list": (LIST001.open("rb"), LIST001.name)},
                    content_type="multipart/form-data", follow_redirects=True)
    said = " ".join(_flashes(r))
    assert "这份清单和督办台已有的记录不是同一个方案：督办台记的是方案「" in said, said
    assert "另开一个督办台" in said and "「方案编号」" in said
    assert desk.store.current_list()["id"] == before["id"]            # not loaded

    # a list stored some other way (an older desk): starting a period on it writes nothing
    other = desk.store.add_list(name=LIST001.name, sha256=desk.ws.files.put(LIST001.read_bytes(), ".xlsx").sha256,
                                suffix=".xlsx", source="上传", created_by="办事员")
    assert desk.store.current_list()["id"] == other
    periods = [p["period"] for p in desk.store.periods()]
    r = desk.c.post("/periods/new", data={"csrf_token": desk.tok, "period": "2099-01",
                                          "due": (TODAY + dt.timedelta(days=30)).isoformat()}, follow_redirects=True)
    assert "不是同一个方案" in " ".join(_flashes(r))
    assert [p["period"] for p in desk.store.periods()] == periods     # no period, no links
    desk.store.close()


def test_each_side_says_the_returns_the_other_read_for_the_month(tmp_path, database):  # noqa: F811
    """Trial 28: clerk B's `collect` over an e-mail folder, on the desk's history, recorded its month over the desk's
    uploads without a word, and the desk then recorded its own over B's e-mail.  Each now names what the other read."""
    import json
    import shutil

    from click.testing import CliRunner

    from zhishui.cli import cli
    desk = Desk(tmp_path / "desk", database)
    desk.c.get(f"/p/{KEY_1}")
    inbox = desk.export(KEY_1, tmp_path / "导出")
    received = inbox / "收到"
    files = sorted(p for p in received.rglob("*.xlsx"))
    assert len(files) >= 2
    left_out = files[0]
    mail = tmp_path / "邮件"
    mail.mkdir()
    for f in files[1:]:
        shutil.copy2(f, mail / f.name)
    lst = inbox / "清单" / desk.list.name
    args = ["collect", str(lst), str(mail), "--period", KEY_1, "--date", TODAY.isoformat(),
            "--history", str(desk.ws.history_folder), "--out", str(tmp_path / "汇总.xlsx"), "--json", str(tmp_path / "汇总.json")]
    if database:
        args += ["--db", database]
    args += ["--directory", str(inbox / "清单" / desk.directory.name)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code in (0, 1), r.output
    assert "这次没有读到的报送 1 份" in r.output and left_out.name in r.output, r.output
    # (the same file name in the desk's folder: which one it repeats is said with its folder, not 「a」同「a」)
    assert f"「{files[1].name}」同「收到/网页上传/{files[1].name}」" in r.output, r.output
    js = json.loads((tmp_path / "汇总.json").read_text("utf-8"))
    assert [x["file"].rsplit("/", 1)[-1] for x in js["not_read_files"]] == [left_out.name]
    # every file again: nothing to say
    shutil.copy2(left_out, mail / left_out.name)
    r = CliRunner().invoke(cli, args)
    assert "这次没有读到" not in r.output, r.output
    # B's folder holds a unit's second version the desk never saw: the desk's page says so, in its own terms
    import openpyxl
    second = mail / ("改_" + left_out.name)
    wb = openpyxl.load_workbook(left_out)
    wb.active["A1"] = (wb.active["A1"].value or "") + "（更正）"
    wb.save(second)
    r = CliRunner().invoke(cli, args)
    assert r.exit_code in (0, 1)
    page = desk.c.get(f"/p/{KEY_1}").get_data(as_text=True)
    assert 'id="not-read-note"' in page and second.name in page, page[:3000]
    assert "添加邮件或其他方式收到的文件" in page.split('id="not-read-note"')[1].split("</p>")[0]
    desk.store.close()


def test_history_quotes_the_file_the_month_was_last_recorded_from(tmp_path, monkeypatch):
    """Trial 28: after the desk (an upload saying 序时推进 80%) and the command line (an e-mail saying 已完成 100%) each
    recorded the month, `history` printed 「序时推进（原文「已完成」）；完成比例：80%」 and named the upload as the source:
    the state of one file, the words of the other.  Each run's files are now the month's, the others' marked unread."""
    from click.testing import CliRunner

    from returns_factory import fill_issued, issued_month
    from zhishui.cli import cli
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    unit = "县水利局"
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年12月底前", unit, "", ""]}, [unit], "2020-10",
                       {unit: {"1": ("序时推进", 0.8, "清淤过半")}}, settings=[("汇总单位", "县河长制办公室")])
    fill_issued(tmp_path / "下发", tmp_path / "邮件", "2020-10", {unit: {"1": ("已完成", 1, "清淤完成")}})

    def collect(folder):
        r = CliRunner().invoke(cli, ["collect", str(lst), str(folder), "--period", "2020-10", "--date", "2020-10-30",
                                     "--out", str(tmp_path / "汇总.xlsx")])
        assert r.exit_code in (0, 1), r.output

    def said() -> str:
        r = CliRunner().invoke(cli, ["history", str(lst), "--unit", unit, "--task", "1"])
        assert r.exit_code == 0, r.output
        return r.output
    collect(tmp_path / "收回")
    collect(tmp_path / "邮件")
    out = said()
    assert "完成状态：已完成" in out and "完成比例：100%" in out and "清淤完成" in out and "邮件" in out, out
    assert "序时推进" not in out and "清淤过半" not in out and "收回" not in out
    collect(tmp_path / "收回")
    out = said()
    assert "完成状态：序时推进" in out and "清淤过半" in out and "收回" in out and "原文「已完成」" not in out, out


def test_a_unit_with_nothing_left_to_report_is_told_so_on_its_page(tmp_path):
    """Trial 28: a unit whose only task was closed out last month kept its link; its page offered 「在网页上填写本单位的
    0 项任务」 and an upload box.  It now says there is nothing to report this period."""
    from test_web_decisions import HB, KEY_2, BY
    desk = Desk(tmp_path / "desk")
    r = desk.decide(kind="销号", task="2", action="yes", by=BY)
    assert r.status_code == 200
    desk.start(KEY_2, TODAY + dt.timedelta(days=10))
    links = desk.ws.links(desk.store.period(KEY_2))
    assert HB in links                  # (its link stays: the period's units are the list's)
    page = desk.c.get("/u/" + links[HB].rsplit("/", 1)[1]).get_data(as_text=True)
    assert 'id="nothing-to-report"' in page and "本期无需报送" in page
    assert 'id="fill-form"' not in page and 'name="file"' not in page
    desk.store.close()


def test_the_desk_decides_on_the_month_it_shows_after_a_collect_over_fewer_files(tmp_path, database):  # noqa: F811
    """Trial 28/30: clerk B's `collect` over a folder without 市住建局's return recorded the month without it; the desk
    kept its own (cached) month, offered 「可以批准销号」 for task 1, and refused on the click: 「序号1…没有单位报「已完成」」.
    The desk now sees that another run recorded the period and records its own month again before it decides."""
    import shutil

    from click.testing import CliRunner

    from test_web_decisions import BY, ZJ
    from zhishui.cli import cli
    desk = Desk(tmp_path / "desk", database)
    desk.c.get(f"/p/{KEY_1}")
    inbox = desk.export(KEY_1, tmp_path / "导出")
    mail = tmp_path / "邮件"
    mail.mkdir()
    for f in (inbox / "收到").rglob("*.xlsx"):
        if ZJ not in f.name:
            shutil.copy2(f, mail / f.name)
    args = ["collect", str(inbox / "清单" / desk.list.name), str(mail), "--directory",
            str(inbox / "清单" / desk.directory.name), "--period", KEY_1, "--date", TODAY.isoformat(),
            "--history", str(desk.ws.history_folder), "--out", str(tmp_path / "汇总.xlsx")]
    r = CliRunner().invoke(cli, args + (["--db", database] if database else []))
    assert r.exit_code in (0, 1), r.output
    page = desk.c.get(f"/p/{KEY_1}/decisions").get_data(as_text=True)
    assert "可以批准销号" in page
    r = desk.decide(kind="销号", task="1", action="yes", by=BY)
    said = " ".join(_flashes(r))
    assert "没有办理" not in said and "没有单位报「已完成」" not in said, said
    assert any(d[0] == "销号" and d[2] == "1" for d in desk.decisions())
    # (the partial 汇总 is named as read from other returns, not offered its own command again: trial 32)
    assert "它读的报送表和现在本期的记录不同" in said and "zhishui collect" not in said, said
    desk.store.close()


def test_two_collects_over_different_folders_are_told_to_put_the_files_together(tmp_path, monkeypatch):
    """Trial 28/30: the line on the other 汇总 blamed 「报送表、清单或历史记录与那时不同」 and gave the other run's command —
    which read the other folder, and said the same of this one: round in a loop.  It now says the runs read different
    returns and to put them together."""
    import shutil

    from click.testing import CliRunner

    from returns_factory import issued_month
    from zhishui.cli import cli
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    a, b = "县水利局", "县住建局"
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年12月底前", a, "", ""],
                                  "2": ["完成管网改造", "2020年12月底前", b, "", ""]}, [a, b], "2020-10",
                       {a: {"1": ("序时推进", 0.8, "清淤过半")}, b: {"2": ("序时推进", 0.5, "改造过半")}},
                       settings=[("汇总单位", "县河长制办公室")])
    half = tmp_path / "邮件"
    half.mkdir()
    shutil.copy2(tmp_path / "收回" / f"{a}.xlsx", half / f"{a}.xlsx")

    def collect(folder, out):
        r = CliRunner().invoke(cli, ["collect", str(lst), str(folder), "--period", "2020-10", "--date", "2020-10-30",
                                     "--out", str(tmp_path / out)])
        assert r.exit_code in (0, 1), r.output
        return r.output
    collect(tmp_path / "收回", "汇总全.xlsx")
    said = collect(half, "汇总半.xlsx")
    assert "两次读的报送表不同（汇总结果读了2份、这次读了1份；有1份这次没有）" in said and "请把两边收到的文件放在一起" in said, said
    assert "请重新汇总，使两者一致" not in said
    # the other way round (the run that read them all, after the partial one): it is the fuller one (trial 32: docs in
    # the desk's exported folder was told to run the partial collect again)
    said = collect(tmp_path / "收回", "汇总全2.xlsx")
    assert "两次读的报送表不同（汇总结果读了1份、这次读了2份；这次有1份它没有）" in said, said
    assert "这次读的文件更全，请用这次的文件重新生成汇总结果" in said and "请重新汇总，使两者一致" not in said
