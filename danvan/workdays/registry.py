"""Apps that keep dated plans or issued deadlines register here to hear of days that change status.

An administrator adds a day off, or adds, moves or removes a swapped working day,
after sessions were planned or deadlines issued around it. The workdays services call
each listener inside the same transaction, so the override and what follows from it
are saved together or not at all. The foundation imports no domain app: an app joins
in its AppConfig.ready(), as sources join danvan.alerts.registry.

Two kinds of listener, each returning [str], the lines told to the administrator who
saved the override (in registration order, days-off listeners first):

- `register(name, listener)`: listener(*, days, actor) hears only of days that stopped
  being working days; `days` is [(date, why it is off)] in date order. Reception moves
  or cancels the sessions planned on them.
- `register_change_listener(name, listener)`: listener(*, days_off, working_days, actor)
  hears of both directions in one call whenever at least one day changed: `days_off` is
  [(date, why it is off)] for days that stopped being working days, `working_days` is
  [(date, name)] for days that became working days (e.g. a new swapped Saturday; the
  name carries the announcing document when the row has one). Both in date order, either
  may be empty. Use it to list issued deadlines that the change moves.
"""

from collections.abc import Callable

Listener = Callable[..., list]

LISTENERS: dict[str, Listener] = {}  # listener(*, days, actor) -> [str]
CHANGE_LISTENERS: dict[str, Listener] = {}  # listener(*, days_off, working_days, actor) -> [str]


def register(name, listener):
    """Add a days-off listener (from an app's ready()); registering the same name again replaces it."""
    LISTENERS[name] = listener
    return listener


def register_change_listener(name, listener):
    """Add a listener of both directions (from an app's ready()); the same name again replaces it."""
    CHANGE_LISTENERS[name] = listener
    return listener


def days_stopped_working(*, days, actor):
    """Tell every days-off listener; return the descriptions of what they changed, in registration order."""
    lines = []
    for listener in list(LISTENERS.values()):
        lines.extend(listener(days=days, actor=actor))
    return lines


def days_changed(*, days_off, working_days, actor):
    """Tell every change listener of both lists; return their lines, in registration order."""
    lines = []
    for listener in list(CHANGE_LISTENERS.values()):
        lines.extend(listener(days_off=days_off, working_days=working_days, actor=actor))
    return lines
