"""Start time of the two candidate web stacks, measured the way the clerk meets it:
process start -> first page answered on loopback (a jinja2 template, a form post parser).

Used once to choose the framework of ``zhishui serve`` (README 「网页」); kept so the
choice can be measured again.  A stack that is not installed is reported as such.
"""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

STACKS = {
    "Starlette + uvicorn": """
import jinja2, uvicorn
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route
import multipart
env = jinja2.Environment(autoescape=True)
t = env.from_string("<p>{{ x }}</p>")
async def home(request):
    return HTMLResponse(t.render(x="督办台"))
app = Starlette(routes=[Route("/", home)])
uvicorn.run(app, host="127.0.0.1", port=PORT, log_level="warning")
""",
    "Flask + waitress": """
import jinja2, waitress
from flask import Flask
env = jinja2.Environment(autoescape=True)
t = env.from_string("<p>{{ x }}</p>")
app = Flask(__name__)
@app.route("/")
def home():
    return t.render(x="督办台")
waitress.serve(app, host="127.0.0.1", port=PORT, _quiet=True)
""",
    "Flask (werkzeug)": """
import jinja2
from flask import Flask
env = jinja2.Environment(autoescape=True)
t = env.from_string("<p>{{ x }}</p>")
app = Flask(__name__)
@app.route("/")
def home():
    return t.render(x="督办台")
app.run(host="127.0.0.1", port=PORT)
""",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_once(code: str) -> tuple[float, float]:
    """(wall seconds to the first page, CPU seconds the server process used until then)."""
    port = free_port()
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code.replace("PORT", str(port))],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t0 < 20:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
                    r.read()
                wall = time.perf_counter() - t0
                break
            except OSError:
                time.sleep(0.005)
        else:
            raise RuntimeError("server did not answer in 20 s")
    finally:
        p.terminate()
    _, _, ru = os.wait4(p.pid, 0)   # CPU time: what the start costs, whatever else the machine does
    return wall, ru.ru_utime + ru.ru_stime


def main(runs: int = 11) -> dict:
    """Runs interleaved (A, B, C, A, B, C …) so that a busy moment of the machine hits all alike."""
    times: dict[str, list] = {name: [] for name in STACKS}
    for _ in range(runs):
        for name, code in STACKS.items():
            if times[name] is None:
                continue
            try:
                times[name].append(start_once(code))
            except RuntimeError:
                times[name] = None
    out = {}
    for name, got in times.items():
        if not got:
            out[name] = None
            print(f"{name}: 未安装或无法启动")
            continue
        wall, cpu = statistics.median(w for w, _ in got), statistics.median(c for _, c in got)
        out[name] = {"wall": wall, "cpu": cpu}
        print(f"{name}: 启动到第一页 中位数 {wall * 1000:.0f} 毫秒（{runs} 次，最快 {min(w for w, _ in got) * 1000:.0f}），"
              f"服务进程用 CPU {cpu * 1000:.0f} 毫秒")
    return out


if __name__ == "__main__":
    main()
