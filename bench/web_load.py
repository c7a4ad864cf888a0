"""Load on loopback: 300 units upload their returns within one minute to ``zhishui serve`` in its
office-server setup (PostgreSQL, a separate server process), then all 300 again at once.

Bounded: 300 units, two rounds, a fixed schedule, every request with a timeout; nothing leaves
127.0.0.1 and a unix socket.  Checked after: every upload is in the database with the bytes that
were sent, every receipt names its unit, says 按时报送 and gives the time the database holds, and
the month (run_month over the server's inbox) counts all 300 units as reported with the upload
as the evidence of arrival.  Reports p50/p95/max latency of the upload request.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import http.cookiejar
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNITS, WINDOW, CLIENTS, TIMEOUT = 300, 60.0, 32, 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(field: str, name: str, data: bytes, fields: dict) -> tuple[bytes, str]:
    b = uuid.uuid4().hex
    parts = [f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode("utf-8") + data + b"\r\n")
    return b"".join(parts) + f"--{b}--\r\n".encode(), f"multipart/form-data; boundary={b}"


def upload(link: str, path: Path) -> dict:
    """What a unit's browser does: open its page (cookie and form token), post the file, follow
    the redirect to the receipt.  Returns the receipt and the post's latency."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(link, timeout=TIMEOUT).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = path.read_bytes()
    body, ctype = multipart("file", path.name, data, {"csrf_token": token})
    req = urllib.request.Request(link + "/upload", data=body, headers={"Content-Type": ctype}, method="POST")
    t = time.perf_counter()
    with opener.open(req, timeout=TIMEOUT) as r:     # 303 -> the receipt page
        receipt = r.read().decode()
        url = r.geturl()
    latency = time.perf_counter() - t
    return {"latency": latency, "receipt_url": url, "no": url.rsplit("/", 1)[1],
            "state": re.search(r'id="state"[^>]*>([^<]+)<', receipt).group(1),
            "received": re.search(r'id="received">([^<]+)<', receipt).group(1),
            "shown_unit": re.search(r"报送单位：<strong>([^<]+)</strong>", receipt).group(1),
            "sha256": hashlib.sha256(data).hexdigest()}


def round_of(links: dict, files: dict, *, window: float) -> tuple[list, float]:
    units = sorted(links)
    start = time.perf_counter() + 0.5
    results: list = [None] * len(units)

    def one(i: int):
        delay = start + window * i / len(units) - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        try:
            results[i] = {"unit": units[i], **upload(links[units[i]], files[units[i]])}
        except Exception as e:  # noqa: BLE001 - a failed upload is counted, not hidden
            results[i] = {"unit": units[i], "error": repr(e)}
    with ThreadPoolExecutor(CLIENTS) as ex:
        list(ex.map(one, range(len(units))))
    return results, time.perf_counter() - start


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main() -> dict:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from bench.province import PERIOD, make
    from pgserver import binaries, postgres_server
    from zhishui.returnsheet import period_key
    from zhishui.web.auth import hash_password
    from zhishui.web.store import Store
    from zhishui.web.workspace import Workspace
    if binaries() is None:
        print("没有安装 PostgreSQL（scripts/install-system-deps.sh），跳过网页上传负载测试")
        return {}
    data = ROOT / "out" / "bench"
    if not (data / "list.xlsx").exists():
        make(data)
    returns = {}
    for p in sorted((data / "returns").glob("*.xlsx")):
        returns[p.name.split("_")[1]] = p
    work = Path(tempfile.mkdtemp(prefix="zhishui-load-"))
    exe = shutil.which("zhishui", path=str(Path(sys.executable).parent)) or "zhishui"
    with postgres_server() as db:
        store = Store(db)
        ws = Workspace(work / "data", store)
        store.add_user("办事员", hash_password("load-test-password"))
        ws.add_list("list.xlsx", (data / "list.xlsx").read_bytes(), "办事员")
        port = free_port()
        ws.public_url = f"http://127.0.0.1:{port}"
        key = period_key(PERIOD)
        t = time.perf_counter()
        prow = ws.start_period(key, dt.date.today() + dt.timedelta(days=30), None)
        issue_s = time.perf_counter() - t
        links = ws.links(prow)
        files = {u: returns[u] for u in links if u in returns}
        assert len(files) == UNITS, (len(files), len(links))
        server = subprocess.Popen([exe, "serve", "--data", str(work / "data"), "--db", db, "--port", str(port),
                                   "--no-browser", "--public-url", ws.public_url],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            t0 = time.perf_counter()
            while True:
                try:
                    urllib.request.urlopen(f"{ws.public_url}/login", timeout=2).read()
                    break
                except OSError:
                    if time.perf_counter() - t0 > 60 or server.poll() is not None:
                        raise SystemExit("服务没有启动：" + (server.stdout.read() if server.poll() is not None else ""))
                    time.sleep(0.05)
            start_s = time.perf_counter() - t0
            t = time.perf_counter()
            urllib.request.urlopen(next(iter(links.values())), timeout=TIMEOUT).read()   # the list is read once
            warm_s = time.perf_counter() - t
            paced, paced_s = round_of(links, files, window=WINDOW)
            burst, burst_s = round_of(links, files, window=0.0)
        finally:
            server.terminate()
            server.wait(timeout=30)
        # nothing lost, every receipt right
        ups = store.uploads(prow["id"])
        by_no = {u["receipt_no"]: u for u in ups}
        problems = []
        for r in paced + burst:
            if "error" in r:
                problems.append(f"{r['unit']}: {r['error']}")
                continue
            u = by_no.get(r["no"])
            if u is None or u["unit"] != r["unit"] or r["shown_unit"] != r["unit"] or u["sha256"] != r["sha256"]:
                problems.append(f"{r['unit']}: 回执与数据库不符")
            elif r["state"] != "按时报送" or r["received"] != f"{u['received_at']:%Y-%m-%d %H:%M:%S}":
                problems.append(f"{r['unit']}: 回执内容不对（{r['state']} {r['received']}）")
        t = time.perf_counter()
        m = ws.month(store.period(key), dt.date.today())
        month_s = time.perf_counter() - t
        latest = {}
        for u in ups:
            latest[u["unit"]] = u
        for ur in m.units:
            if ur.state != "已报送" or ur.received_how != "上传" or ur.received != latest[ur.unit]["received_at"] \
                    or ur.versions != 2:
                problems.append(f"{ur.unit}: 月度判定 {ur.state} {ur.received_how} {ur.received} 版本{ur.versions}")
        store.close()
    shutil.rmtree(work, ignore_errors=True)
    out = {"units": UNITS, "uploads_in_db": len(ups), "problems": problems[:20], "problem_count": len(problems),
           "server_start_s": start_s, "first_page_s": warm_s, "issue_s": issue_s, "month_s": month_s,
           "values": len(m.col.values)}
    for name, res, secs in (("paced", paced, paced_s), ("burst", burst, burst_s)):
        lat = [r["latency"] for r in res if "latency" in r]
        out[name] = {"seconds": secs, "ok": len(lat), "p50": statistics.median(lat), "p95": pct(lat, 0.95),
                     "max": max(lat), "per_second": len(lat) / secs}
    return out


def report(r: dict) -> None:
    if not r:
        return
    p, b = r["paced"], r["burst"]
    print(f"\n网页上传（zhishui serve + PostgreSQL，本机回环，{r['units']}个单位，每份报送表约13KB、1000项任务的清单）")
    print(f"  服务启动到能访问 {r['server_start_s']:.2f} 秒；第一次打开单位页（读清单）{r['first_page_s']:.2f} 秒；"
          f"开始报送期（300份报送表和链接）{r['issue_s']:.1f} 秒")
    print(f"  一分钟内陆续上传：{p['ok']}/{r['units']} 份，用时 {p['seconds']:.1f} 秒，"
          f"上传请求 p50 {p['p50'] * 1000:.0f} 毫秒，p95 {p['p95'] * 1000:.0f} 毫秒，最长 {p['max'] * 1000:.0f} 毫秒")
    print(f"  同时上传（{CLIENTS}个并发）：{b['ok']}/{r['units']} 份，用时 {b['seconds']:.1f} 秒（每秒 {b['per_second']:.1f} 份），"
          f"p50 {b['p50'] * 1000:.0f} 毫秒，p95 {b['p95'] * 1000:.0f} 毫秒，最长 {b['max'] * 1000:.0f} 毫秒")
    print(f"  数据库中的上传 {r['uploads_in_db']} 份；回执或判定不符 {r['problem_count']} 处"
          + (f"：{'；'.join(r['problems'])}" if r["problems"] else "")
          + f"；之后算一次本月（{r['values']}个值）{r['month_s']:.1f} 秒")


if __name__ == "__main__":
    res = main()
    report(res)
    (ROOT / "out" / "bench").mkdir(parents=True, exist_ok=True)
    (ROOT / "out" / "bench" / "web_load.json").write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str),
                                                           encoding="utf-8")
    sys.exit(1 if res and res["problem_count"] else 0)
