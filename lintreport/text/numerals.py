"""Chinese numerals as written in reports: 一, 十四, 一百二十, 两, 〇.

Only the integer reading of a numeral lives here; quantities with units and approximations are the
number-consistency checks' business.
"""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (十四 → 14, 一百二十 → 120, 二〇二三 → 2023), or None."""
    if not text:
        return None
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        # Digit-by-digit form used for years: 二〇二三.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[ch]
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def int_to_cn(value: int) -> str:
    """Chinese numeral for 1..99 as used in headings (1 → 一, 10 → 十, 21 → 二十一)."""
    names = "零一二三四五六七八九"
    if value < 10:
        return names[value]
    if value < 20:
        return "十" + (names[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return names[tens] + "十" + (names[ones] if ones else "")
    return str(value)
