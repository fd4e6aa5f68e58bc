"""Password hashing profiles (simulator.core.security)."""

from __future__ import annotations

import pytest

from simulator.core import security
from simulator.core.security import UnknownHashProfile


@pytest.fixture(autouse=True)
def restore_profile(monkeypatch):
    """Each test chooses its own profile; the session's choice comes back afterwards."""
    monkeypatch.setattr(security, "_chosen", security._chosen)


def test_use_profile_unknown_name_is_refused_with_the_choices():
    before = security.current_profile()
    with pytest.raises(UnknownHashProfile) as info:
        security.use_profile("bogus")
    message = str(info.value)
    assert "bogus" in message and "secure" in message and "fast" in message
    assert security.current_profile() == before  # no silent change


def test_unknown_profile_is_a_value_error():
    assert issubclass(UnknownHashProfile, ValueError)


def test_env_bogus_makes_current_profile_raise(monkeypatch):
    monkeypatch.setattr(security, "_chosen", None)
    monkeypatch.setenv(security.PROFILE_ENV, "bogus")
    with pytest.raises(UnknownHashProfile) as info:
        security.current_profile()
    assert security.PROFILE_ENV in str(info.value) and "bogus" in str(info.value)
    assert "secure" in str(info.value) and "fast" in str(info.value)
    with pytest.raises(UnknownHashProfile):
        security.hash_password("anything")


def test_env_chooses_the_profile(monkeypatch):
    monkeypatch.setattr(security, "_chosen", None)
    monkeypatch.setenv(security.PROFILE_ENV, "fast")
    assert security.current_profile() == "fast"
    monkeypatch.delenv(security.PROFILE_ENV)
    assert security.current_profile() == "secure"  # the default


def test_use_profile_wins_over_env(monkeypatch):
    monkeypatch.setenv(security.PROFILE_ENV, "bogus")
    security.use_profile("fast")
    assert security.current_profile() == "fast"


@pytest.mark.parametrize(("made_under", "checked_under"), [("fast", "secure"), ("secure", "fast"), ("fast", "fast")])
def test_hash_verifies_under_the_other_profile(made_under, checked_under):
    security.use_profile(made_under)
    stored = security.hash_password("Training#Pass2021")
    assert stored.startswith("$argon2id$")
    security.use_profile(checked_under)
    assert security.verify_password(stored, "Training#Pass2021")
    assert not security.verify_password(stored, "Training#Pass2022")
    assert not security.verify_password(stored, "")


def test_profiles_differ_in_their_parameters():
    security.use_profile("secure")
    assert "m=19456" in security.hash_password("x")
    security.use_profile("fast")
    assert "m=19456" not in security.hash_password("x")


def test_hashes_are_salted():
    security.use_profile("fast")
    assert security.hash_password("same") != security.hash_password("same")


@pytest.mark.parametrize("password", ["", "x", "not a real password", "Training#Pass2021"])
def test_verify_without_a_stored_hash_is_false(password):
    assert security.verify_password(None, password) is False


def test_empty_stored_hash_does_not_verify_the_dummy_password():
    """An empty stored hash is no hash: the timing guard's dummy password must not match it."""
    assert security.verify_password("", "x") is False
    assert security.verify_password("", "not a real password") is False


@pytest.mark.parametrize("stored", ["garbage", "$argon2id$v=19$m=8,t=1,p=1$broken", "plaintext-password"])
def test_verify_against_a_malformed_hash_is_false(stored):
    assert security.verify_password(stored, "plaintext-password") is False
