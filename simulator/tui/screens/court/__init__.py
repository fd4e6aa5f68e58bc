"""A court's CM/ECF, signed in: the screen with its menu bar (screen.py) and one module per page below it."""

from .filing_wizard import FilingWizard
from .screen import CourtScreen

__all__ = ["CourtScreen", "FilingWizard"]
