"""Text helpers shared by the apps."""

import unicodedata


def fold(text):
    """Lower-case without diacritics, for searching Vietnamese typed with or without accents.

    "Đất đai" → "dat dai". Đ/đ are letters of their own, not a D with a mark, so
    they are mapped by hand before the combining marks are dropped.
    """
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").casefold().strip()
