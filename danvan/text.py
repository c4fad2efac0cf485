"""Text helpers shared by the apps."""

import unicodedata

from django.utils.formats import date_format


def without_diacritics(text):
    """Vietnamese without its marks, case kept: "Đơn ĐƯỢC thụ lý" → "Don DUOC thu ly" (an SMS without
    diacritics, a file name). Đ/đ are letters of their own, not a D with a mark, so they are mapped by hand
    before the combining marks are dropped."""
    text = unicodedata.normalize("NFD", str(text or "").replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if unicodedata.category(ch) != "Mn"))


def fold(text):
    """Lower-case without diacritics, for searching Vietnamese typed with or without accents: "Đất đai" →
    "dat dai"."""
    return without_diacritics(text).casefold().strip()


def short_date(value):
    """A date as the portal writes it in running text: 05/02/2026."""
    return date_format(value, "SHORT_DATE_FORMAT")
