"""No English reaches a user of the portal or of its admin.

Django's, the admin's, django-filter's and django-axes's Vietnamese gaps are filled in
locale/django_overrides/vi/LC_MESSAGES (django.po and djangojs.po); a form without a valid
CSRF token gets a Vietnamese page; and a crawler signs in as every demo official (and as an
anonymous visitor), follows every link it can, and looks for English message ids in the text.
"""

import ast
import json
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import django
import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from demo.people import DEMO_PASSWORD, PEOPLE

ROOT = Path(settings.BASE_DIR)
OVERRIDES = ROOT / "locale" / "django_overrides" / "vi" / "LC_MESSAGES"
PROJECT_PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
DJANGO_DIR = Path(django.__file__).parent


# --- The message ids that must never reach a user in English ----------------------------------------


def _package_dir(name):
    return Path(__import__(name).__file__).parent


# Django's English catalogues are its full source lists of message ids.
DJANGO_CATALOGUES = [
    DJANGO_DIR / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO_DIR / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO_DIR / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po",
    DJANGO_DIR / "contrib" / "auth" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO_DIR / "contrib" / "contenttypes" / "locale" / "en" / "LC_MESSAGES" / "django.po",
]
# django-filter and django-axes ship no English (nor Vietnamese) catalogue, and their other
# languages lag behind the code: their message ids are read from the source itself.
SOURCE_PACKAGES = ["django_filters", "axes"]
GETTEXT_CALLS = {
    "_": (0,),
    "gettext": (0,),
    "gettext_lazy": (0,),
    "ngettext": (0, 1),
    "ngettext_lazy": (0, 1),
    "pgettext": (1,),
    "pgettext_lazy": (1,),
    "npgettext": (1, 2),
    "npgettext_lazy": (1, 2),
}
TEMPLATE_TRANSLATE = re.compile(r"""{%\s*(?:trans|translate)\s+(["'])(.+?)\1""")


def source_msgids(package_dir):
    """Message ids of a package's Python gettext calls and template {% translate %} tags."""
    found = set()
    for path in package_dir.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            for index in GETTEXT_CALLS.get(name, ()):
                argument = node.args[index] if index < len(node.args) else None
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add(argument.value)
    for path in package_dir.rglob("*.html"):
        found.update(match.group(2) for match in TEMPLATE_TRANSLATE.finditer(path.read_text(encoding="utf-8")))
    return found


def third_party_msgids():
    found = set()
    for path in DJANGO_CATALOGUES:
        for entry in polib.pofile(str(path)):
            found.update(filter(None, (entry.msgid, entry.msgid_plural)))
    for package in SOURCE_PACKAGES:
        found |= source_msgids(_package_dir(package))
    return found


VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def project_msgids():
    """The project's own English source strings (its catalogue's message ids)."""
    found = set()
    for entry in polib.pofile(str(PROJECT_PO)):
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if not VIETNAMESE_LETTERS.search(msgid):
                found.add(msgid)
    return found


def vietnamese_translations():
    """Every Vietnamese string the portal can show (installed catalogues, overrides, the project's)."""
    found = []
    for path in [*DJANGO_DIR.glob("**/locale/vi/LC_MESSAGES/*.po"), *ROOT.glob("locale/**/vi/LC_MESSAGES/*.po")]:
        for entry in polib.pofile(str(path)):
            found.extend(filter(None, [entry.msgstr, *entry.msgstr_plural.values()]))
    return found


# --- Matching English phrases in a page's text ---------------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")
WORD = re.compile(r"[A-Za-z][A-Za-z’']+")
MIN_WORDS = 2


class Phrase:
    """One English message id as a pattern over plain text: placeholders match any short text."""

    def __init__(self, msgid):
        self.msgid = msgid
        text = re.sub(r"<[^>]+>", " ", msgid)  # the page text has no tags either
        text = " ".join(text.replace("&amp;", "&").split())
        parts = PLACEHOLDER.split(text)
        self.words = sum(len(WORD.findall(part)) for part in parts)
        pieces = []
        for index, part in enumerate(parts):
            if index:
                pieces.append(r".{1,80}?")
            pieces.append(r"\s+".join(re.escape(word) for word in part.split(" ")) if part.strip() else re.escape(part))
        pattern = "".join(pieces)
        # A cheap first test: the longest literal piece must occur in the (lower-cased) text.
        self.needle = max(parts, key=len).strip().lower()
        # Whole phrases only: no letter may continue a word at either end.
        if text[:1].isalnum():
            pattern = r"(?<!\w)" + pattern
        if text[-1:].isalnum():
            pattern += r"(?!\w)"
        self.regex = re.compile(pattern, re.IGNORECASE)

    def __repr__(self):
        return f"Phrase({self.msgid!r})"


def build_phrases(msgids, allowed_in=()):
    """Phrases of at least MIN_WORDS English words, minus those the Vietnamese itself keeps on purpose.

    A Vietnamese sentence may keep an English term (“Trình duyệt (User Agent)”): such a phrase is not
    a finding. A “translation” with no Vietnamese in it at all does not excuse anything.
    """
    phrases = [Phrase(msgid) for msgid in set(msgids)]
    phrases = [phrase for phrase in phrases if phrase.words >= MIN_WORDS]
    kept_in_vietnamese = " \n ".join(" ".join(text.split()) for text in allowed_in if VIETNAMESE_LETTERS.search(text))
    lowered = kept_in_vietnamese.lower()

    def kept(phrase):
        return phrase.needle in lowered and phrase.regex.search(kept_in_vietnamese)

    return sorted((phrase for phrase in phrases if not kept(phrase)), key=lambda p: p.msgid)


class _TextExtractor(HTMLParser):
    SKIP = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.chunks.append(data)


def visible_text(html):
    """The text content of a page: no tags, attribute values, comments, scripts or styles."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.chunks).split())


def english_matches(html, phrases):
    """[(msgid, the text around it)] for each English phrase found in the page's text."""
    text = visible_text(html)
    lowered = text.lower()
    found = []
    for phrase in phrases:
        match = phrase.needle in lowered and phrase.regex.search(text)
        if match:
            found.append((phrase.msgid, text[max(match.start() - 40, 0) : match.end() + 40]))
    return sorted(found)


def english_in(html, phrases):
    return [msgid for msgid, _ in english_matches(html, phrases)]


# English that no catalogue can translate: django-axes builds its records' names in f-strings (__str__),
# and the admin shows them in titles, breadcrumbs and lists.
UNTRANSLATABLE_ENGLISH = {"Failed access: user", "Attempted Access:", "Access Log for"}


@pytest.fixture(scope="module")
def english_phrases():
    msgids = third_party_msgids() | project_msgids() | UNTRANSLATABLE_ENGLISH
    return build_phrases(msgids, allowed_in=vietnamese_translations())


# --- (a) Django's and the third-party apps' strings come out in Vietnamese -----------------------------

SAMPLE = [
    "Null characters are not allowed.",
    "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. "
    "You may need to file a bug report if the issue persists.",
    "Enter a valid domain name.",
    "Skip to main content",
    "Toggle navigation",
    "Set password",
    "Reset password",
    "Raw passwords are not stored, so there is no way to see the user’s password.",
    "%s (descending)",
    "Multiple values may be separated by commas.",
    "Ordering",
    "Past 7 days",
    "access attempts",
    "access logs",
    "access failures",
    "User Agent",
    "IP Address",
    "Account locked: too many login attempts. Contact an admin to unlock your account.",
    "Content type %(ct_id)s object %(obj_id)s doesn’t exist",
]


def _override_entries():
    return {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(OVERRIDES / "django.po"))}


@pytest.mark.parametrize("msgid", SAMPLE)
def test_django_and_third_party_strings_are_vietnamese(msgid):
    expected = _override_entries()[(None, msgid)].msgstr
    with translation.override("vi"):
        assert gettext(msgid) == expected
    assert VIETNAMESE_LETTERS.search(expected)


def test_plural_and_contextual_strings_are_vietnamese():
    with translation.override("vi"):
        assert ngettext("%(num)d day", "%(num)d days", 3) % {"num": 3} == "3 ngày"
        assert ngettext("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 2) == (
            "Vui lòng gửi tối đa %(num)d biểu mẫu."
        )
        assert pgettext("String to return when truncating text", "%(truncated_text)s…") == "%(truncated_text)s…"


def test_every_django_domain_message_id_of_those_apps_has_vietnamese():
    """The gap the overrides fill stays filled: no django-domain string of Django, the admin, auth,
    contenttypes, django-filter or axes comes out unchanged (English) under Vietnamese."""
    entries = [entry for path in DJANGO_CATALOGUES if path.name == "django.po" for entry in polib.pofile(str(path))]
    sources = {msgid for package in SOURCE_PACKAGES for msgid in source_msgids(_package_dir(package))}
    untranslated = []
    with translation.override("vi"):
        for entry in entries:
            if entry.msgid_plural:
                result = ngettext(entry.msgid, entry.msgid_plural, 1)
            elif entry.msgctxt:
                result = pgettext(entry.msgctxt, entry.msgid)
            else:
                result = gettext(entry.msgid)
            untranslated.append(entry.msgid) if result == entry.msgid else None
        untranslated += [msgid for msgid in sources if gettext(msgid) == msgid]
    assert sorted(msgid for msgid in set(untranslated) if msgid not in SAME_IN_VIETNAMESE) == []


# Symbols and loanwords that read the same in Vietnamese: the catalogues translate them to themselves.
SAME_IN_VIETNAMESE = {
    "",
    "…",
    "IPv4",
    "IPv6",
    "Email",
    "%(size)d byte",
    "%s KB",
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
    "%(class_name)s %(instance)s",
    "%(truncated_text)s…",
    ":?.!",
    ":",
    ", ",
}


# --- (b) The CSRF failure page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_csrf_failure_page_is_vietnamese_in_the_portal_layout(english_phrases):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "quantri", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "portal-navbar" in html and "portal-footer" in html  # base.html: navbar and footer
    assert "Chưa gửi được biểu mẫu" in html
    assert "cookie" in html and "tải lại trang" in html and "chưa được lưu" in html
    assert "CSRF verification failed" not in html
    assert english_in(html, english_phrases) == []


@pytest.mark.django_db
def test_csrf_failure_page_offers_the_way_back_only_within_the_site():
    client = Client(enforce_csrf_checks=True)
    back = client.post("/accounts/login/", {}, HTTP_REFERER="http://testserver/accounts/login/")
    assert 'href="http://testserver/accounts/login/"' in back.content.decode()
    elsewhere = client.post("/accounts/login/", {}, HTTP_REFERER="https://example.com/phish")
    assert "example.com" not in elsewhere.content.decode()


# --- (c) The admin's JavaScript catalogue -------------------------------------------------------------


def _js_catalogue(content):
    match = re.search(r"const newcatalog = (\{.*?\});\n", content, re.S)
    assert match, content[:500]
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_admin_javascript_catalogue_is_vietnamese(admin_client):
    """JavaScriptCatalog merges LOCALE_PATHS after the admin's own catalogue, so djangojs.po wins."""
    catalogue = _js_catalogue(admin_client.get("/admin/jsi18n/").content.decode())
    assert catalogue["Choose all %s"] == "Chọn tất cả %s"
    assert catalogue["Remove all %s"] == "Bỏ chọn tất cả %s"
    assert catalogue["Chosen %s"] == "%s đã chọn"
    assert catalogue['Choose %s by selecting them and then select the "Choose" arrow button.'].startswith("Chọn")
    for entry in polib.pofile(str(OVERRIDES / "djangojs.po")):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = catalogue[key]
        assert (value[0] if isinstance(value, list) else value) == (entry.msgstr or entry.msgstr_plural[0])
    source = polib.pofile(str(DJANGO_DIR / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"))
    keys = {f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid for entry in source}
    assert sorted(keys - set(catalogue)) == []  # no admin script string falls back to English


# --- (d) The crawler ----------------------------------------------------------------------------------

MAX_PAGES_PER_ROLE = 150
MAX_ADMIN_PAGES = 400  # 26 models: list, add, a few records, history, filters
MAX_PER_SHAPE = 3  # /petitions/1/, /petitions/2/, ?page=2, ?o=1…: a few of each kind, not every one
SKIP = re.compile(
    r"logout|/i18n/|\.xlsx|\.ics|\.csv|\.pdf|/static/|/media/|/attachments/\d|/evidence/\d|/documents/\d"
    r"|/admin/r/|/admin/logout|/admin/password_change|/admin/jsi18n"
)


def _links(html):
    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                href = dict(attrs).get("href")
                if href:
                    self.found.append(href)

    parser = Links()
    parser.feed(html)
    return parser.found


def _normalise(base, href):
    """Same-origin path with its query (sorted), or None for anything the crawler does not follow."""
    url = urlsplit(urljoin(base, href))
    if url.scheme not in {"http", "https"} or url.netloc != "testserver":
        return None
    query = urlencode(sorted(parse_qsl(url.query, keep_blank_values=True)))
    return url.path + (f"?{query}" if query else "")


def _shape(target):
    """Pages that differ only by ids or query values share a shape: /petitions/N/?page= …"""
    path, _, query = target.partition("?")
    return re.sub(r"\d+", "N", path) + "?" + "&".join(sorted(key for key, _ in parse_qsl(query, True)))


def crawl(client, start, phrases, admin=False, limit=MAX_PAGES_PER_ROLE):
    """Breadth-first GET of the pages reachable from `start`: (pages seen, [(page, msgid, excerpt)])."""
    queue = deque(start)
    seen, shapes, findings, pages = set(start), {}, [], []
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        links = [response["Location"]] if response.status_code in {301, 302} else []
        content_type = response.get("Content-Type", "")
        if not links and content_type.startswith("text/html") and not response.get("Content-Disposition"):
            html = response.content.decode()
            pages.append((url, response.status_code))
            findings.extend((url, msgid, excerpt) for msgid, excerpt in english_matches(html, phrases))
            links = _links(html)
        for href in links:
            target = _normalise("http://testserver" + url, href)
            if not target or target in seen or SKIP.search(target):
                continue
            if target.startswith("/admin/") and not admin:
                continue
            shape = _shape(target)
            shapes[shape] = shapes.get(shape, 0) + 1
            if shapes[shape] > MAX_PER_SHAPE:
                continue
            seen.add(target)
            queue.append(target)
    return pages, findings


def _log_in(username):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not sign in"
    return client


@pytest.mark.django_db
def test_no_english_on_any_page_of_any_role(english_phrases, capsys):
    call_command("load_demo", "--force")
    capsys.readouterr()
    # A failed sign-in, so that axes's attempt and failure records have admin pages to visit too.
    Client().post("/accounts/login/", {"username": "khong.ton.tai", "password": "sai-mat-khau"})
    crawls = [("(anonymous)", Client(), "/", False)]
    for person in PEOPLE:
        crawls.append((person.username, _log_in(person.username), "/", False))
        if person.username == "quantri":  # the administrator: the admin site too
            crawls.append(("quantri (admin)", _log_in(person.username), "/admin/", True))
    counts, findings = {}, []
    for name, client, start, admin in crawls:
        limit = MAX_ADMIN_PAGES if admin else MAX_PAGES_PER_ROLE
        pages, found = crawl(client, [start], english_phrases, admin=admin, limit=limit)
        counts[name] = len(pages)
        findings.extend(f"{name}  {url}  “{msgid}”  in: …{excerpt}…" for url, msgid, excerpt in found)
    summary = "Crawled: " + "; ".join(f"{name}: {count} pages" for name, count in counts.items())
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "vietnamese-crawl.txt").write_text("\n".join([summary, *findings, ""]), encoding="utf-8")
    with capsys.disabled():
        print(f"\n{summary} (findings also in test-artifacts/vietnamese-crawl.txt)")
    assert all(count > 1 for count in counts.values()), counts  # every role got past its first page
    assert findings == [], "English on these pages (role, page, message id):\n" + "\n".join(findings)


# --- The matcher itself -------------------------------------------------------------------------------


def test_matcher_finds_english_text_only_as_whole_phrases():
    phrases = build_phrases(
        [
            "Null characters are not allowed.",
            "Ensure this value is a multiple of step size %(limit_value)s.",
            "Filter",  # one word: never a finding
            "access attempts",
            "User Agent",
        ],
        allowed_in=["Trình duyệt (User Agent)"],
    )
    assert [phrase.msgid for phrase in phrases] == [
        "Ensure this value is a multiple of step size %(limit_value)s.",
        "Null characters are not allowed.",
        "access attempts",
    ]
    page = """<html><head><title>Cổng</title><script>var s = "Null characters are not allowed.";</script></head>
    <body><p title="Null characters are not allowed.">Trình duyệt (User Agent)</p><!-- access attempts -->
    <ul class="errorlist"><li>Ensure this value is a
       multiple of step size 5.</li></ul><h1>Access attempts</h1><p>Filter</p></body></html>"""
    assert english_in(page, phrases) == [
        "Ensure this value is a multiple of step size %(limit_value)s.",
        "access attempts",
    ]
    assert english_in("<p>Null characters are not allowed.</p>", phrases) == ["Null characters are not allowed."]
    assert english_in("<p>Không được chứa ký tự rỗng (null).</p>", phrases) == []
    assert english_in("<p>Bad access attemptsX</p>", phrases) == []  # not a whole phrase


@pytest.mark.django_db
def test_matcher_catches_a_deliberately_english_page(english_phrases, rf, settings):
    """Django's own CSRF page in English is full of message ids the crawler must report."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE
    from django.views.csrf import csrf_failure

    # Without the project's templates Django falls back to its built-in (English) page.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": []}]
    with translation.override("en"):
        english_page = csrf_failure(rf.post("/"), reason=REASON_NO_CSRF_COOKIE).content.decode()
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [ROOT / "templates"]}]
    found = english_in(english_page, english_phrases)
    assert "CSRF verification failed. Request aborted." in found
    assert "Forbidden" not in found  # a single word is not a phrase
    with translation.override("vi"):
        vietnamese_page = Client(enforce_csrf_checks=True).post("/accounts/login/").content.decode()
    assert english_in(vietnamese_page, english_phrases) == []
