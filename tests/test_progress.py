"""Progress bars: shown on a terminal (a real pseudo-terminal here), in Chinese, for split,
collect and docs; never in a pipe or a log; not for work shorter than the delay."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

from conftest import LIST001, SAMPLES

RETURNS = SAMPLES / "seed001" / "2020年11月报送"
MONTH = ["--period", "2020-11", "--date", "2020-11-30", "--due", "2020-11-25", "--no-history"]


def run_cli(args, *, tty: bool, delay: str) -> tuple[int, str]:
    """Run `zhishui ARGS` with standard error on a terminal (a pty of 24×100) or a pipe."""
    env = {**os.environ, "ZHISHUI_PROGRESS_DELAY": delay}
    cmd = [sys.executable, "-m", "zhishui.cli", *map(str, args)]
    if not tty:
        r = subprocess.run(cmd, capture_output=True, env=env, timeout=600)
        return r.returncode, r.stderr.decode("utf-8", "replace")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:   # the terminal closed: the command is done
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(timeout=600), out.decode("utf-8", "replace")


@pytest.mark.parametrize("args,label,made", [
    (["split", LIST001, *MONTH[:2], "--out", "{tmp}/split"], "生成报送表", "split/*.xlsx"),
    (["collect", LIST001, RETURNS, *MONTH, "--out", "{tmp}/汇总.xlsx", "--json", "{tmp}/r.json"], "读取报送表", None),
    (["docs", LIST001, RETURNS, *MONTH, "--kind", "督办通知", "--out", "{tmp}/文书"], "生成文书", "文书/**/*.docx"),
])
def test_a_terminal_sees_a_bar_in_chinese(tmp_path, args, label, made):
    args = [str(a).replace("{tmp}", str(tmp_path)) for a in args]
    code, err = run_cli(args, tty=True, delay="0")
    assert code in (0, 1), err
    frames = [f for f in err.split("\r") if f.startswith(label + "：")]
    assert frames, err[-500:]
    counts = [tuple(map(int, m.groups())) for m in (re.search(r"\| (\d+)/(\d+) ", f) for f in frames) if m]
    done = [d for d, _ in counts]
    assert done == sorted(done) and "已用" in frames[-1]
    # the bar counts the real work: files written, or files received (e-mail attachments and zip members too)
    expected = (len(list(tmp_path.glob(made))) if made
                else len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["received"]))
    assert {t for _, t in counts} == {expected} and expected > 0
    assert any(seg and not seg.strip(" ") for seg in err.split("\r"))   # the bar is wiped out at the end


def test_no_bar_in_a_pipe_nor_for_short_work(tmp_path):
    _, piped = run_cli(["split", LIST001, *MONTH[:2], "--out", tmp_path / "a"], tty=False, delay="0")
    _, short = run_cli(["split", LIST001, *MONTH[:2], "--out", tmp_path / "b"], tty=True, delay="60")
    for err in (piped, short):
        assert "生成报送表：" not in err and "%|" not in err
