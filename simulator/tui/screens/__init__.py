"""Every screen of the app, installed once by name and reused (a fresh screen costs 70-150 ms)."""

from .account import AccountScreen
from .console import ConsoleScreen
from .court import CourtScreen
from .court_page import CourtPageScreen, UnavailableScreen
from .dialogs import ChangePasswordScreen, GoToScreen, InboxScreen, MfaEnrolledScreen
from .home import HomeScreen, LearnerBase
from .logins import CourtLoginScreen, MfaScreen, PacerLoginScreen, PromptScreen, RegisterScreen, UpdateRequiredScreen

SCREENS = {
    "learner_base": LearnerBase,
    "home": HomeScreen,
    "court_page": CourtPageScreen,
    "unavailable": UnavailableScreen,
    "court_login": CourtLoginScreen,
    "court": CourtScreen,
    "pacer_login": PacerLoginScreen,
    "mfa": MfaScreen,
    "prompt": PromptScreen,
    "update_required": UpdateRequiredScreen,
    "account": AccountScreen,
    "register": RegisterScreen,
    "console": ConsoleScreen,
    "inbox": InboxScreen,
    "goto": GoToScreen,
    "mfa_enrolled": MfaEnrolledScreen,
    "change_password": ChangePasswordScreen,
}
