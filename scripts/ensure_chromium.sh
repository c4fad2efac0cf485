#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it when missing and we may
# (root with apt); otherwise those tests skip with a reason (and fail under CI).
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }) \
    || echo "Could not install chromium: browser tests will be skipped."
else
  echo "No /usr/bin/chromium and no root to install it: browser tests will be skipped."
fi
exit 0
