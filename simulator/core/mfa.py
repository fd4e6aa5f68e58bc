"""Multi-factor authentication (R9): TOTP secrets, single-use backup codes, and the enrolment rule."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date

import pyotp
from sqlmodel import select

from . import sealing
from .context import Ctx
from .models import BackupCode, PacerAccount
from .timeutil import local

AVAILABLE_FROM = date(2025, 5, 11)
REQUIRED_FROM = date(2025, 12, 31)
SKIPS_ALLOWED = 3
ISSUER = "PACER"
_TOTP_CODE = re.compile(r"^\d{6}$")


def today(ctx: Ctx) -> date:
    return local(ctx.now, ctx.world.display_zone).date()


def available(ctx: Ctx) -> bool:
    return today(ctx) >= AVAILABLE_FROM


def required(ctx: Ctx) -> bool:
    return today(ctx) >= REQUIRED_FROM


def enrolled(account: PacerAccount) -> bool:
    return bool(account.mfa_secret)


def secret_of(account: PacerAccount) -> str:
    """The authenticator secret, unsealed: it is kept encrypted under a key outside the database."""
    return sealing.unseal(account.mfa_secret) if account.mfa_secret else ""


def _derived(ctx: Ctx, purpose: str, account: PacerAccount) -> bytes:
    """Secrets derive from the world's seed (`[settings] seed`), so a scenario's results repeat run
    after run and the two drivers agree. The practice world's seed is fixed too: its keys are training
    keys, as open as the practice passwords the Who am I panel shows."""
    return hashlib.sha256(f"{ctx.world.seed}:{purpose}:{account.id}:{secret_of(account)}".encode()).digest()


def new_secret(ctx: Ctx, account: PacerAccount) -> str:
    return base64.b32encode(_derived(ctx, "mfa-secret", account)[:20]).decode().rstrip("=")


def new_backup_codes(ctx: Ctx, account: PacerAccount) -> list[str]:
    digest = _derived(ctx, "mfa-backup", account)
    stream = hashlib.sha512(digest).digest()
    codes = []
    for i in range(10):
        number = int.from_bytes(stream[i * 4 : i * 4 + 4], "big") % 100_000_000
        codes.append(f"{number // 10_000:04d}-{number % 10_000:04d}")
    return codes


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().encode()).hexdigest()


def install(ctx: Ctx, account: PacerAccount, secret: str, codes: list[str]) -> None:
    """Make `secret` the account's authenticator secret and `codes` its unused backup codes."""
    for old in ctx.db.exec(select(BackupCode).where(BackupCode.account_id == account.id)):
        ctx.db.delete(old)
    account.mfa_secret = sealing.seal(secret)
    account.mfa_skips = 0
    ctx.db.add(account)
    for code in codes:
        ctx.db.add(BackupCode(account_id=account.id, code=_code_hash(code)))
    ctx.db.flush()


def current_code(ctx: Ctx, secret: str) -> str:
    return pyotp.TOTP(secret).at(ctx.now)


def provisioning_uri(account: PacerAccount) -> str:
    return pyotp.TOTP(secret_of(account)).provisioning_uri(name=account.username, issuer_name=ISSUER)


def accept_code(ctx: Ctx, account: PacerAccount, code: str) -> bool:
    """A current TOTP code (one 30-second step of drift either way) or an unused backup code, which is spent."""
    code = (code or "").strip()
    if not account.mfa_secret or not code:
        return False
    if _TOTP_CODE.match(code):
        return pyotp.TOTP(secret_of(account)).verify(code, for_time=ctx.now, valid_window=1)
    unused = ctx.db.exec(
        select(BackupCode).where(
            BackupCode.account_id == account.id, BackupCode.code == _code_hash(code), BackupCode.used.is_(None)
        )
    ).first()
    if unused is None:
        return False
    unused.used = ctx.now
    ctx.db.add(unused)
    return True


def backup_codes_left(ctx: Ctx, account: PacerAccount) -> int:
    return len(
        list(ctx.db.exec(select(BackupCode).where(BackupCode.account_id == account.id, BackupCode.used.is_(None))))
    )
