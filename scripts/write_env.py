"""Write a local .env with a fresh SECRET_KEY, once; an existing .env is kept as it is."""

import secrets
import sys
from pathlib import Path

target = Path(sys.argv[1] if len(sys.argv) > 1 else ".env")
if target.exists():
    sys.exit(0)
target.write_text(
    "# Written by `make` for this checkout only; never commit it. See .env.example.\n"
    f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
)
print(f"Wrote {target} with a new SECRET_KEY.")
