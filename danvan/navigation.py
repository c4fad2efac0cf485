"""The officials' navbar: which entries each role sees.

Apps add their entries here as they land; an entry shows when the user holds
one of its roles (an empty tuple means every signed-in official). Entries that
name a group share one dropdown, so the bar fits a 1366-pixel screen.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role, roles_of


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    icon: str
    roles: tuple[Role, ...] = ()
    staff_only: bool = False
    group: str | Promise | None = None


# The grassroots work beside reception and petitions (issue of dialogue, mediation and democracy).
GRASSROOTS = _("Grassroots work")


NAV_ITEMS = (
    NavItem(_("Home"), "home", "house"),
    NavItem(
        _("Dashboard"), "dashboard:index", "speedometer2", roles=(Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR)
    ),
    NavItem(
        _("Petitions"),
        "petitions:list",
        "envelope-paper",
        roles=(Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER, Role.SUPERVISOR),
    ),
    NavItem(
        _("Citizen reception"),
        "reception:sessions",
        "people",
        # Administrators keep the calendar: they follow the sessions a day off moves.
        roles=(Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR),
    ),
    NavItem(_("Supervision"), "supervision:programmes", "binoculars", roles=(Role.SUPERVISOR, Role.LEADER)),
    NavItem(
        _("Mediation"),
        "mediation:cases",
        "people-fill",
        roles=(Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER),
        group=GRASSROOTS,
    ),
    NavItem(
        _("Dialogues"),
        "dialogues:dialogues",
        "chat-square-text",
        roles=(Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER),
        group=GRASSROOTS,
    ),
    NavItem(
        _("Grassroots democracy"),
        "democracy:disclosures",
        "megaphone",
        roles=(Role.RECEPTION_OFFICER, Role.HANDLER, Role.LEADER, Role.SUPERVISOR),
        group=GRASSROOTS,
    ),
    NavItem(_("Days off"), "workdays:year", "calendar3"),
    NavItem(_("Administration"), "admin:index", "gear", roles=(Role.ADMINISTRATOR,), staff_only=True),
)


def nav_items_for(user, current_path=""):
    """The navbar entries this user may use, each with its URL and active flag; the entries of a group are
    the `children` of one entry in the place of the group's first (or stand alone when the user has one)."""
    if not user.is_authenticated:
        return []
    held = roles_of(user)
    items, groups = [], {}
    for item in NAV_ITEMS:
        if item.staff_only and not user.is_staff:
            continue
        if item.roles and not (user.is_superuser or held.intersection(item.roles)):
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        entry = {"label": item.label, "url": url, "icon": item.icon, "active": active}
        if item.group is None:
            items.append(entry)
        elif item.group in groups:
            groups[item.group]["children"].append(entry)
        else:
            groups[item.group] = {"label": item.group, "icon": "diagram-3", "children": [entry]}
            items.append(groups[item.group])
    for group in groups.values():
        group["active"] = any(child["active"] for child in group["children"])
    return [item["children"][0] if len(item.get("children", ())) == 1 else item for item in items]


def nav_links(items):
    """Every link of the entries, those inside groups included."""
    return [link for item in items for link in item.get("children", [item])]
