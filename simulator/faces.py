"""The faces a scenario can be run through besides the core (`cmecf-sim run --driver`), by name.

The scenario package runs drivers without knowing them (it must not import the TUI, which imports it);
this module sits above both and names each face's driver. A driver is an async context manager with
`perform(step)`, `load(scenario)` (the next scenario on the same driver, as a classroom machine keeps
one app running), `reusable` and `simulation`.
"""

from __future__ import annotations


def open_ui(scenario):
    """The real Textual app, headless, driven as a person would (simulator/tui/driver.py)."""
    from .tui.driver import UiDriver

    return UiDriver(scenario)


def open_api(scenario):
    """PACER's Authentication API served on the scenario's world, reached over HTTP (simulator/api/driver.py)."""
    from .api.driver import ApiDriver

    return ApiDriver(scenario)


FACES = {"ui": open_ui, "api": open_api}
