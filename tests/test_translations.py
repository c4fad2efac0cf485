"""The committed Vietnamese catalogues (django and djangojs domains) are complete and compiled from their .po files."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

# django.po and djangojs.po (the admin's JavaScript strings) alike.
CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("**/vi/LC_MESSAGES/*.po"))


def test_there_is_a_vietnamese_catalogue():
    assert Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po") in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_string_is_translated(po_path):
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert missing == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_compiled_catalogue_matches_the_po_file(po_path):
    with po_path.with_suffix(".mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in polib.pofile(str(po_path)).translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0], entry.msgid
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_messages_end_without_a_stray_space():
    """Django's Vietnamese puts a space before the full stop in some messages; the overrides remove it."""
    from django import forms
    from django.utils import translation

    with translation.override("vi"), pytest.raises(forms.ValidationError) as error:
        forms.IntegerField(max_value=5).clean(9)
    assert error.value.messages == ["Giá trị này phải nhỏ hơn hoặc bằng 5."]
