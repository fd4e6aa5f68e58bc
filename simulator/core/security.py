"""Password hashing with argon2id, in one of two named profiles chosen by setting.

- ``secure`` (the default for the practice app and classrooms): argon2id, t=2, m=19 MiB, p=1, the
  OWASP Password Storage Cheat Sheet minimum. A classroom served with textual-serve runs one process
  per trainee, so argon2-cffi's default (RFC 9106 low-memory: 64 MiB, t=3, p=4, 98 ms a verify here) would cost
  about 2 GB at peak for 30 simultaneous sign-ins; 19 MiB keeps that near 600 MB and a verify near
  16 ms (benchmarks/bench_hashing.py) while staying memory-hard.
- ``fast`` (tests and headless scenario runs, whose worlds are thrown away): argon2's CHEAPEST
  parameters, about 0.02 ms a hash.

The profile comes from ``CMECF_SIM_HASH_PROFILE`` or `use_profile`; an unknown name is an error,
never a silent fallback. A hash records its own parameters, so a world hashed under one profile
still verifies under the other.
"""

from __future__ import annotations

import os
from functools import lru_cache

from argon2 import PasswordHasher, Type, profiles
from argon2.exceptions import InvalidHashError, VerificationError

PROFILE_ENV = "CMECF_SIM_HASH_PROFILE"
PROFILES = {
    "secure": dict(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16, type=Type.ID),
    "fast": dict(
        time_cost=profiles.CHEAPEST.time_cost,
        memory_cost=profiles.CHEAPEST.memory_cost,
        parallelism=profiles.CHEAPEST.parallelism,
        hash_len=profiles.CHEAPEST.hash_len,
        salt_len=profiles.CHEAPEST.salt_len,
        type=Type.ID,
    ),
}

_chosen: str | None = None


class UnknownHashProfile(ValueError):
    pass


def use_profile(name: str) -> None:
    """Choose the profile for this process (the runner and tests call this explicitly)."""
    global _chosen
    if name not in PROFILES:
        raise UnknownHashProfile(f"Unknown hash profile '{name}'. Choose one of: {', '.join(PROFILES)}.")
    _chosen = name


def current_profile() -> str:
    if _chosen is not None:
        return _chosen
    name = os.environ.get(PROFILE_ENV, "secure")
    if name not in PROFILES:
        raise UnknownHashProfile(
            f"{PROFILE_ENV}={name!r} is not a hash profile. Set it to one of: {', '.join(PROFILES)}."
        )
    return name


@lru_cache(maxsize=None)
def _hasher(name: str) -> PasswordHasher:
    return PasswordHasher(**PROFILES[name])


@lru_cache(maxsize=None)
def _dummy_hash(name: str) -> str:
    return _hasher(name).hash("not a real password")


def hash_password(password: str) -> str:
    return _hasher(current_profile()).hash(password)


def _spoken(answer: str) -> str:
    """An answer as a person would give it again: case and spacing do not matter."""
    return " ".join(answer.lower().split())


def hash_answer(answer: str) -> str:
    """Security answers are kept like passwords: a stolen database does not give them away."""
    return hash_password(_spoken(answer))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when the password matches. With no stored hash, still spends the time of a verify so that
    a wrong username and a wrong password take as long (the full-stack template's timing guard)."""
    hasher = _hasher(current_profile())
    try:
        return hasher.verify(stored_hash or _dummy_hash(current_profile()), password) and bool(stored_hash)
    except (VerificationError, InvalidHashError):
        return False
