"""Apps that keep dated plans register here to hear of days that stop being working days.

An administrator adds a day off, or moves or removes a swapped working day, after
sessions or meetings were already planned on it. The workdays services call each
listener inside the same transaction, so the override and what follows from it are
saved together or not at all. The foundation imports no domain app: an app joins in
its AppConfig.ready(), as sources join danvan.alerts.registry.
"""

from collections.abc import Callable

# listener(*, days, actor) -> [str]: `days` is [(date, why it is off)] in date order; the
# strings describe each change for the administrator who saved the override.
Listener = Callable[..., list]

LISTENERS: dict[str, Listener] = {}


def register(name, listener):
    """Add a listener (from an app's ready()); registering the same name again replaces it."""
    LISTENERS[name] = listener
    return listener


def days_stopped_working(*, days, actor):
    """Tell every listener; return the descriptions of what they changed, in registration order."""
    lines = []
    for listener in list(LISTENERS.values()):
        lines.extend(listener(days=days, actor=actor))
    return lines
