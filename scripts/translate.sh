#!/usr/bin/env bash
# Refresh the Vietnamese catalogue from the source, fill it from a dict file (T = {msgid: msgstr}),
# and compile it. Serialised with a lock so several people can run it at once.
# Usage: scripts/translate.sh [DICT.py ...]
set -euo pipefail
cd "$(dirname "$0")/.."
PO=locale/vi/LC_MESSAGES/django.po
exec 9>/tmp/danvan-po.lock
flock 9
.venv/bin/python manage.py makemessages --locale vi --no-obsolete --no-location --ignore ".venv/*" --ignore "staticfiles/*" --ignore "var/*" --ignore "tests/*" >/dev/null
for dict in "$@"; do
  .venv/bin/python scripts/fill_po.py "$PO" "$dict"
done
.venv/bin/python manage.py compilemessages --locale vi --ignore ".venv/*" >/dev/null
