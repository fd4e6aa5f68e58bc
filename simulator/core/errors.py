"""Domain errors: one exception type carrying a SPEC §5 code and a message that says what to do next.

Every refusal in the core is a `SimError`. Both faces show `code` and `message` as they are, so the
message is written for the learner, not for a log.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    BAD_CREDENTIALS = "BAD_CREDENTIALS"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    REDACTION_ACK_REQUIRED = "REDACTION_ACK_REQUIRED"
    MFA_REQUIRED = "MFA_REQUIRED"
    BAD_OTP = "BAD_OTP"
    PASSWORD_POLICY = "PASSWORD_POLICY"
    USERNAME_TAKEN = "USERNAME_TAKEN"
    NOT_SIGNED_IN = "NOT_SIGNED_IN"
    USE_PACER_LOGIN = "USE_PACER_LOGIN"
    NOT_NEXTGEN = "NOT_NEXTGEN"
    LEGACY_ACCOUNT = "LEGACY_ACCOUNT"
    SHARED_ACCOUNT = "SHARED_ACCOUNT"
    ALREADY_LINKED = "ALREADY_LINKED"
    NOT_LINKED = "NOT_LINKED"
    LINK_PENDING = "LINK_PENDING"
    NOT_AUTHORIZED = "NOT_AUTHORIZED"
    NOT_FOUND = "NOT_FOUND"
    INVALID_INPUT = "INVALID_INPUT"
    COURT_UNAVAILABLE = "COURT_UNAVAILABLE"
    PDF_REJECTED = "PDF_REJECTED"
    FEES_DUE = "FEES_DUE"
    NOT_LEGACY = "NOT_LEGACY"
    REGISTRATION_PENDING = "REGISTRATION_PENDING"


class SimError(Exception):
    """A refusal the learner sees: a code from SPEC §5 and a message saying what to do next."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = Code(code)
        self.message = message


def invalid(message: str) -> SimError:
    return SimError(Code.INVALID_INPUT, message)


def not_found(message: str) -> SimError:
    return SimError(Code.NOT_FOUND, message)
