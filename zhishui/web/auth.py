"""Clerk login and the protections every form has.

Passwords: scrypt (hashlib, OpenSSL's implementation) with a random salt, stored as
``scrypt$n$r$p$salt$hash``.  The first clerk sets a password on first start, and only with the
setup code the server printed (so the first visitor of an office server cannot take it).
Sessions are Flask's signed cookies (key kept in the server's settings table), carrying the
user and a generation number that a password change bumps, ending every old session.
Every POST carries a per-session CSRF token, checked before any view runs.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
import threading
import time

from flask import abort, current_app, g, redirect, request, session, url_for

N, R, P = 2 ** 14, 8, 1
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    h = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, maxmem=64 * 1024 * 1024, dklen=32)
    return "$".join(["scrypt", str(N), str(R), str(P), base64.b64encode(salt).decode(), base64.b64encode(h).decode()])


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, h = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=64 * 1024 * 1024, dklen=len(base64.b64decode(h)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(h))


def password_problem(password: str, again: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"密码至少{MIN_PASSWORD}个字符"
    if password != again:
        return "两次输入的密码不一样"
    return None


# --- login throttling: a few guesses per minute per address --------------------------
_failures: dict[str, list[float]] = {}
_fail_lock = threading.Lock()
MAX_FAILURES, WINDOW = 8, 300.0


def too_many_failures(addr: str) -> bool:
    with _fail_lock:
        recent = [t for t in _failures.get(addr, []) if time.time() - t < WINDOW]
        _failures[addr] = recent
        return len(recent) >= MAX_FAILURES


def note_failure(addr: str) -> None:
    with _fail_lock:
        _failures.setdefault(addr, []).append(time.time())


def clear_failures(addr: str) -> None:
    with _fail_lock:
        _failures.pop(addr, None)


# --- sessions -------------------------------------------------------------------------

def log_in(user) -> None:
    session.clear()
    session["uid"], session["gen"] = user["id"], user["session_gen"]
    session["csrf"] = secrets.token_urlsafe(24)
    session.permanent = True


def current_user():
    """The logged-in clerk, or None; a session from before a password change is void."""
    if "user" in g:
        return g.user
    g.user = None
    uid = session.get("uid")
    if uid is not None:
        u = current_app.config["STORE"].user(uid=uid)
        if u is not None and u["session_gen"] == session.get("gen"):
            g.user = u
    return g.user


def clerk_required(view):
    @functools.wraps(view)
    def wrapper(*a, **kw):
        if current_app.config["STORE"].user_count() == 0:
            return redirect(url_for("clerk.setup"))
        if current_user() is None:
            return redirect(url_for("clerk.login", next=request.path))
        return view(*a, **kw)
    return wrapper


# --- CSRF -----------------------------------------------------------------------------

def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def check_csrf() -> None:
    """Every state-changing request must carry the session's token (forms: a hidden field)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    if not session.get("csrf") or not hmac.compare_digest(sent, session["csrf"]):
        abort(400, description="页面已过期或来源不明（缺少防伪造校验码）。请刷新页面后重新提交。")
