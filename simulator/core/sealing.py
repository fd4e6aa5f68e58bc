"""Secrets the simulator must read back (MFA authenticator secrets) are kept sealed, as a real server
keeps them: encrypted (Fernet: AES-128-CBC with an HMAC) under a key that never lives in the database.
A copied practice world, a class record or a trainee's snapshot holds only sealed values.

The key comes from CMECF_SIM_SECRET_KEY (a Fernet key: a classroom on several machines sets the same
one everywhere), else from `secret.key` in the data folder, written once with owner-only permissions.
Whatever carries a world to another machine carries that key with it, as a server's backup carries
its key file."""

from __future__ import annotations

import os
from functools import lru_cache

from . import places

KEY_ENV = "CMECF_SIM_SECRET_KEY"
KEY_FILE = "secret.key"
PREFIX = "sealed:"


def key_text() -> str:
    """The sealing key as text, from the environment or the data folder's key file (made on first use)."""
    given = os.environ.get(KEY_ENV, "").strip()
    if given:
        return given
    path = places.data_dir() / KEY_FILE
    if not path.exists():
        from cryptography.fernet import Fernet

        try:
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
                out.write(Fernet.generate_key().decode())
        except FileExistsError:
            pass  # another process made it first: use theirs
    return path.read_text(encoding="ascii").strip()


@lru_cache(maxsize=4)
def _fernet(key: str):
    from cryptography.fernet import Fernet

    try:
        return Fernet(key.encode())
    except ValueError:
        raise places.DatabaseUnusable(f"{KEY_ENV} (or {KEY_FILE} in the data folder) is not a sealing key: it must be "
                                  "32 url-safe base64-encoded bytes, as Fernet.generate_key() makes.") from None


def seal(secret: str) -> str:
    return PREFIX + _fernet(key_text()).encrypt(secret.encode()).decode()


def unseal(stored: str) -> str:
    """The secret a sealed value holds; a key that did not seal it is said in words."""
    from cryptography.fernet import InvalidToken

    if not stored.startswith(PREFIX):
        raise ValueError("not a sealed value")
    try:
        return _fernet(key_text()).decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken:
        raise places.DatabaseUnusable("This practice world's MFA secrets were sealed with another key: set "
                                  f"{KEY_ENV} to the key of the machine it came from.") from None
