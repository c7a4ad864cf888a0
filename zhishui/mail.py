"""E-mails saved from a mail client (.eml): when the message arrived, who sent it, and its
attachments, which are collected as returns with the message as their provenance.

The received time is the date the receiving server wrote in the topmost
``Received:`` header (the last hop, i.e. the office's own mail server); failing
that, the sender's ``Date:``.  Standard library only.
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
from dataclasses import dataclass, field


@dataclass
class Message:
    subject: str = ""
    sender: str = ""             # the address, lower case
    sender_name: str = ""
    received: dt.datetime | None = None
    received_from: str = ""      # Received | Date
    sent: dt.datetime | None = None   # the Date header: when the sender's client sent it
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    body_chars: int = 0
    problem: str = ""            # Chinese, when the message could not be read


BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")


def _local(d: dt.datetime) -> dt.datetime:
    """A header time as Beijing wall-clock time without tzinfo, like every other time here
    (offices keep Beijing time whatever zone a server or a CI machine is set to)."""
    if d.tzinfo is not None:
        d = d.astimezone(BEIJING)
    return d.replace(tzinfo=None, microsecond=0)


def _header_time(value: str) -> dt.datetime | None:
    try:
        return _local(email.utils.parsedate_to_datetime(value.strip()))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def received_time(msg) -> tuple[dt.datetime | None, str]:
    for value in msg.get_all("Received") or []:
        when = _header_time(str(value).rpartition(";")[2])
        if when:
            return when, "Received"
    date = msg.get("Date")
    when = _header_time(str(date)) if date else None
    return (when, "Date") if when else (None, "")


def read_message(data: bytes) -> Message:
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as e:  # noqa: BLE001 - a damaged message is reported, not fatal
        return Message(problem=f"邮件无法解析（{type(e).__name__}）")
    out = Message()
    try:
        out.subject = str(msg.get("Subject", "") or "")
        name, addr = email.utils.parseaddr(str(msg.get("From", "") or ""))
        out.sender, out.sender_name = addr.strip().lower(), name.strip()
    except Exception:  # noqa: BLE001 - odd header encodings: keep what can be read
        pass
    out.received, out.received_from = received_time(msg)
    date = msg.get("Date")
    out.sent = _header_time(str(date)) if date else None
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if filename or disposition == "attachment":
            try:
                payload = part.get_payload(decode=True) or b""
            except Exception:  # noqa: BLE001
                payload = b""
            out.attachments.append((_safe_name(filename or "未命名附件"), payload))
        elif part.get_content_maintype() == "text":
            try:
                out.body_chars += len(part.get_content().strip())
            except Exception:  # noqa: BLE001 - an unknown charset: the body is archived with the message
                pass
    return out


def _safe_name(name: str) -> str:
    """Only the last path component: an attachment's name never chooses where it goes."""
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "未命名附件"
