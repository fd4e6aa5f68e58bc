"""Every screen of the app, installed once by name and reused (a fresh screen costs 70-150 ms).

A screen's module is imported when the screen is first wanted, or when the app loads the rest of
itself just after the first screen is drawn (`MODULES`): the court list and the base below it load
with the app, the rest bring the core (SQLAlchemy, the rules) with them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from textual.screen import Screen

from .home import HomeScreen, LearnerBase

SCREEN_CLASSES = {  # installed name -> (module, class)
    "court_page": (".court_page", "CourtPageScreen"),
    "unavailable": (".court_page", "UnavailableScreen"),
    "court_login": (".logins", "CourtLoginScreen"),
    "court": (".court", "CourtScreen"),
    "pacer_login": (".logins", "PacerLoginScreen"),
    "mfa": (".logins", "MfaScreen"),
    "prompt": (".logins", "PromptScreen"),
    "update_required": (".logins", "UpdateRequiredScreen"),
    "account": (".account", "AccountScreen"),
    "register": (".logins", "RegisterScreen"),
    "console": (".console", "ConsoleScreen"),
    "inbox": (".dialogs", "InboxScreen"),
    "goto": (".dialogs", "GoToScreen"),
    "mfa_enrolled": (".dialogs", "MfaEnrolledScreen"),
    "change_password": (".dialogs", "ChangePasswordScreen"),
}
MODULES = sorted({f"{__name__}{module}" for module, _ in SCREEN_CLASSES.values()})


def _made_when_wanted(module: str, name: str) -> Callable[[], Screen]:
    def make() -> Screen:
        return getattr(import_module(module, __name__), name)()

    return make


SCREENS: dict[str, Callable[[], Screen]] = {
    "learner_base": LearnerBase,
    "home": HomeScreen,
    **{installed: _made_when_wanted(module, name) for installed, (module, name) in SCREEN_CLASSES.items()},
}
