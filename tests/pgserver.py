"""A real PostgreSQL server for the tests and the load bench: Debian's binaries, a fresh
cluster in a temporary folder, listening only on a unix socket in that folder.

``scripts/install-system-deps.sh`` installs the postgresql package.  PostgreSQL refuses to run
as root, so under root (CI) the cluster belongs to the ``postgres`` system user the package
creates.  ``binaries()`` returns None where the server is not installed, so the caller can skip
saying why.
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

PORT = 5432   # only names the socket file: nothing listens on TCP


def binaries() -> Path | None:
    for cand in [os.environ.get("ZHISHUI_PG_BIN", "")] + sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if cand and (Path(cand) / "initdb").exists() and (Path(cand) / "pg_ctl").exists():
            return Path(cand)
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    return None


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@contextlib.contextmanager
def postgres_server():
    """Yield a SQLAlchemy URL of a running, empty database ``zhishui``; stop and remove it after."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (scripts/install-system-deps.sh installs it)")
    root = Path(tempfile.mkdtemp(prefix="zhishui-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(root, 0o755)
    log = root / "server.log"
    try:
        subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", "zhishui", "--auth=trust",
                                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        opts = (f"-c listen_addresses='' -k {sock} -p {PORT} -c fsync=off -c synchronous_commit=off "
                f"-c full_page_writes=off -c max_connections=60")
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts,
                                  "-w", "-t", "60", "start"]), check=True, capture_output=True, timeout=90)
        subprocess.run(_as_owner([str(bin_dir / "createdb"), "-h", str(sock), "-p", str(PORT), "-U", "zhishui",
                                  "zhishui"]), check=True, capture_output=True, timeout=60)
        yield f"postgresql://zhishui@/zhishui?host={sock}&port={PORT}"
    except subprocess.CalledProcessError as e:
        text = (e.stderr or b"").decode(errors="replace") + (log.read_text(errors="replace") if log.exists() else "")
        raise RuntimeError(f"PostgreSQL did not start: {text[-2000:]}") from None
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                           capture_output=True, timeout=60)
        for _ in range(20):
            with contextlib.suppress(OSError):
                shutil.rmtree(root)
                break
            time.sleep(0.1)


def fresh_database(url: str, name: str, template: str | None = None) -> str:
    """A new empty database on the same server (or a copy of the database ``template``); its URL."""
    from sqlalchemy import create_engine, text
    from zhishui.web.store import normalize_url
    eng = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    eng.dispose()
    return url.replace("/zhishui?", f"/{name}?")
