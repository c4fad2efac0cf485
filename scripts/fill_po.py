"""Fill a .po file from a Python dict of translations (msgid, or (msgid, plural), → msgstr).

Used when adding a batch of new strings: `python scripts/fill_po.py PO DICT.py`.
Entries already translated are left alone unless --overwrite.
"""

import runpy
import sys

import polib


def main(po_path, dict_path, overwrite=False):
    translations = runpy.run_path(dict_path)["T"]
    catalogue = polib.pofile(po_path)
    filled = 0
    for entry in catalogue:
        key = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
        if key not in translations or (entry.translated() and not overwrite):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: translations[key]}
        else:
            entry.msgstr = translations[key]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalogue.metadata["Language"] = "vi"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.save()
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    print(f"{filled} filled; {len(untranslated)} still untranslated")
    for msgid in untranslated:
        print("  -", msgid)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], overwrite="--overwrite" in sys.argv)
