"""pytest collects the bundled scenarios (SPEC §4): each file is a test item through the core driver,
and one through both drivers, which must agree field by field."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("CMECF_SIM_HASH_PROFILE", "fast")
# one sealing key for the tests' worlds (core/sealing.py), so none writes a key file into the home folder
os.environ.setdefault("CMECF_SIM_SECRET_KEY", "dGVzdHMtc2VhbGluZy1rZXktMzItYnl0ZXMtbG9uZyE=")


def pytest_configure(config) -> None:
    from simulator.core import security

    security.use_profile("fast")


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".toml" and "scenarios" in file_path.relative_to(parent.config.rootpath).parts[:1]:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self):
        for drivers in (("core",), ("core", "ui")):
            name = "both" if len(drivers) == 2 else drivers[0]
            yield ScenarioItem.from_parent(self, name=name, drivers=drivers)


class ScenarioFailure(Exception):
    pass


class ScenarioItem(pytest.Item):
    def __init__(self, *, drivers: tuple[str, ...], **kwargs) -> None:
        super().__init__(**kwargs)
        self.drivers = drivers
        self.add_marker(pytest.mark.xdist_group("scenarios"))

    def runtest(self) -> None:
        from simulator.scenario.loader import ScenarioError
        from simulator.faces import FACES
        from simulator.scenario.runner import run_scenario, validate

        try:
            validate(self.path)
        except ScenarioError as error:
            raise ScenarioFailure(str(error)) from None
        failures = [pair.line() for pair in run_scenario(str(self.path), self.drivers, "fast", FACES) if not pair.passed]
        if failures:
            raise ScenarioFailure("\n".join(failures))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"{self.path.name} [{self.name}]"
