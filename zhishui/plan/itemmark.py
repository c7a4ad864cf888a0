"""The dot after an item number (1. / 2、 / 3．): not a decimal point (3.5公里), but a year may follow it
straight away (3.2021年春节前完成…: item 3, not the number 3.2021)."""
from __future__ import annotations

ITEM_DOT = r"[.、．](?:(?!\d)|(?=(?:19|20)\d\d年))"
