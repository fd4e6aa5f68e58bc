"""`cmecf-sim run` and `cmecf-sim lint`: scenarios through one driver or both, with SPEC §4's output,
closing line and exit codes (0 all pass, 1 a failure, 2 a file that is not a valid scenario)."""

from __future__ import annotations

import asyncio
import gc
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from xml.etree import ElementTree

from ..core import security, world
from ..core.catalog import resource_dir
from .expect import first_difference, mismatches
from .loader import Scenario, ScenarioError, Step, load

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


@dataclass
class PairResult:
    """One scenario through one driver."""

    path: str
    title: str
    driver: str
    passed: bool
    detail: str = ""
    steps: int = 0
    seconds: float = 0.0
    results: list[dict] = field(default_factory=list)
    observes: tuple[str, ...] | None = None  # the fields the face shows, when not all (the API)

    @property
    def not_applicable(self) -> int:
        return sum(1 for result in self.results if result.get("not_applicable"))

    def line(self) -> str:
        if self.passed:
            skipped = f", {self.not_applicable} not applicable to this face" if self.not_applicable else ""
            return (f"PASS  {self.path} [{self.driver}] {self.title} ({self.steps} steps{skipped}, "
                    f"{self.seconds:.2f} s)")
        return f"FAIL  {self.path} [{self.driver}] {self.detail}"


def collect(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.toml") if p.is_file()))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def validate(path: Path) -> Scenario:
    """Load a scenario and its world into a scratch database: every problem a run would meet before
    its first step is found here."""
    scenario = load(path)
    try:
        world.private_world(scenario.world).dispose()
    except world.WorldError as error:
        raise ScenarioError(path, error.where, error.problem) from None
    except Exception as failure:  # a world the loader did not foresee: still a named problem, not a traceback
        raise ScenarioError(path, "world", f"cannot be loaded ({type(failure).__name__}: {failure})") from None
    return scenario


def load_exercise(reference: str) -> Scenario:
    """A scenario file by path, or a bundled exercise by name (with or without .toml)."""
    path = Path(reference)
    if not path.exists():
        bundled = resource_dir("scenarios")
        for candidate in (bundled / reference, bundled / f"{reference}.toml"):
            if candidate.exists():
                path = candidate
                break
    return validate(path)  # its world too: a bad one is named before the app opens


def step_label(index: int, scenario: Scenario) -> tuple[str, Step]:
    if index < len(scenario.steps):
        step = scenario.steps[index]
        return f"step {step.number} {step.action}", step
    number = index - len(scenario.steps)
    objective = scenario.objectives[number]
    return f"objective {number + 1} ({objective.text}) {objective.check.action}", objective.check


def observable(expect: dict, fields: tuple[str, ...] | None, result: dict) -> dict:
    """What of an expectation a face can judge: all of it, or (a face that `observes` only some
    fields, like the API) those fields, an expected error standing as ok = false; such a face's
    message is the refusal's words, so a message is judged only on a refusal."""
    if fields is None:
        return expect
    shown = set(result) | {"ok"}
    kept = {key: value for key, value in expect.items()
            if key in fields and key in shown and (key != "message" or not result["ok"])}
    if "error" in expect and "ok" not in kept:
        kept["ok"] = False
    return kept


async def play(scenario: Scenario, driver) -> tuple[list[dict], str]:
    """Every step, then every objective's check; stops at the first unmet expectation. A step the
    face could not take itself (`not_applicable`) is not judged."""
    results: list[dict] = []
    checks = list(scenario.steps) + [objective.check for objective in scenario.objectives]
    for index, step in enumerate(checks):
        result = await driver.perform(step)
        results.append(result)
        if result.get("not_applicable"):
            continue
        problems = mismatches(observable(step.expect, getattr(driver, "observes", None), result), result)
        if problems:
            label, _ = step_label(index, scenario)
            return results, f"{label}: {'; '.join(problems)}"
    return results, ""


Faces = dict[str, Callable[[Scenario], Any]]  # driver name -> opener (simulator/faces.py names them)


class Drivers:
    """The drivers of one process's batch: a fresh core driver per scenario, and each other face's
    driver kept from scenario to scenario (each on a fresh world), as a classroom machine would be.
    The faces are given, not imported: this package does not know the TUI."""

    def __init__(self, mailbox: Path | None = None, faces: Faces | None = None) -> None:
        self.faces = faces or {}
        self.kept: dict[str, Any] = {}
        self.mailbox = mailbox  # --mailbox: where each scenario's mail goes, a Maildir per scenario

    async def run(self, scenario: Scenario, name: str, keep_mail: bool = False) -> PairResult:
        """One scenario through one driver; `keep_mail`: deliver its world's mail to the mailbox."""
        started = time.perf_counter()
        observes = None
        try:
            if name == "core":
                from .core_driver import CoreDriver

                async with CoreDriver(scenario) as driver:
                    results, failure = await play(scenario, driver)
                    self._keep_mail(scenario, driver.simulation, keep_mail)
            else:
                driver = await self._driver(name, scenario)
                results, failure = await play(scenario, driver)
                self._keep_mail(scenario, driver.simulation, keep_mail)
                observes = getattr(driver, "observes", None)
        except Exception as error:  # a bug in a face must not stop the run, nor print a traceback
            if name != "core":
                await self._close(name)  # a driver that failed is not reused
            return PairResult(str(scenario.path), scenario.title, name, False,
                              f"internal error: {type(error).__name__}: {error}", 0, time.perf_counter() - started)
        return PairResult(str(scenario.path), scenario.title, name, not failure, failure,
                          len(results), time.perf_counter() - started, results, observes)

    def _keep_mail(self, scenario: Scenario, simulation, keep_mail: bool) -> None:
        if keep_mail and self.mailbox is not None:
            from ..core import maildir

            target = self.mailbox / scenario.path.stem
            if (target / "cur").is_dir():  # a mailbox of an earlier run: this run's mail replaces it
                shutil.rmtree(target)
            maildir.deliver(simulation.engine, target, known=set())

    async def _driver(self, name: str, scenario: Scenario):
        kept = self.kept.get(name)
        if kept is not None and kept.reusable:
            await kept.load(scenario)
            return kept
        await self._close(name)
        if name not in self.faces:
            raise LookupError(f"no '{name}' driver was given to this run")
        self.kept[name] = driver = self.faces[name](scenario)
        await driver.__aenter__()
        return driver

    async def _close(self, name: str) -> None:
        driver = self.kept.pop(name, None)
        if driver is not None:
            try:
                await driver.__aexit__(None, None, None)
            except Exception:
                pass  # the failure was already reported against its scenario

    async def close(self) -> None:
        for name in list(self.kept):
            await self._close(name)


def compare(scenario: Scenario, core: PairResult, ui: PairResult, fields: tuple[str, ...] | None = None) -> PairResult:
    """With --driver both, the UI must return what the core returns, field by field; a face that
    observes only some `fields` (the API) must agree on those, on the steps it took itself."""
    for index, (a, b) in enumerate(zip(core.results, ui.results)):
        if b.get("not_applicable"):
            continue
        if fields is not None:  # the fields this face showed, except its words, which are its own
            shown = [key for key in b if key in fields and key != "message"]
            a, b = ({key: value for key, value in d.items() if key in shown} for d in (a, b))
        difference = first_difference(a, b)
        if difference:
            label, _ = step_label(index, scenario)
            ui.passed = False
            ui.detail = f"{label}: ui differs from core on {difference} (core vs ui)"
            return ui
    if ui.passed and core.passed and len(core.results) != len(ui.results):
        ui.passed = False
        ui.detail = f"ui ran {len(ui.results)} steps, core {len(core.results)}"
    return ui


def tune_gc_for_batch() -> None:
    """A batch run makes millions of short-lived objects (worlds, widgets, messages). With Python's
    default thresholds the UI driver spent about a third of its time collecting; freezing what is
    loaded once and collecting less often cuts that, for a few tens of MB more at peak
    (benchmarks/bench_drivers.py)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


async def run_batch(paths: list[Path], drivers: tuple[str, ...], hash_profile: str, fail_fast: bool = False,
                    on_scenario: Callable[[list[PairResult]], None] | None = None,
                    mailbox: Path | None = None, faces: Faces | None = None) -> list[list[PairResult]]:
    """Scenarios in turn through the drivers, in one event loop (a process's whole share of a run).
    With a `mailbox`, the first driver's world delivers its mail there."""
    security.use_profile(hash_profile)
    batch, done = Drivers(mailbox, faces), []
    try:
        for path in paths:
            scenario = load(path)
            pairs = {name: await batch.run(scenario, name, keep_mail=name == drivers[0]) for name in drivers}
            for name in pairs:
                if name != "core" and "core" in pairs:
                    pairs[name] = compare(scenario, pairs["core"], pairs[name], pairs[name].observes)
            done.append(list(pairs.values()))
            if on_scenario is not None:
                on_scenario(done[-1])
            if fail_fast and any(not pair.passed for pair in done[-1]):
                break
    finally:
        await batch.close()
    return done


def run_scenario(path: str, drivers: tuple[str, ...], hash_profile: str, faces: Faces | None = None) -> list[PairResult]:
    """One scenario on its own (pytest's unit)."""
    return asyncio.run(run_batch([Path(path)], drivers, hash_profile, faces=faces))[0]


def run_chunk(paths: list[str], drivers: tuple[str, ...], hash_profile: str, fail_fast: bool,
              mailbox: str | None = None, faces: Faces | None = None) -> list[list[PairResult]]:
    """A worker process's share of a parallel run (`faces` crosses to it by reference: module-level openers)."""
    return asyncio.run(run_batch([Path(p) for p in paths], drivers, hash_profile, fail_fast,
                                 mailbox=Path(mailbox) if mailbox else None, faces=faces))


@dataclass
class Report:
    pairs: list[PairResult] = field(default_factory=list)
    invalid: list[ScenarioError] = field(default_factory=list)
    unwritable_report: str = ""  # why --junit's file could not be written

    @property
    def exit_code(self) -> int:
        if self.invalid or self.unwritable_report:
            return EXIT_INVALID
        return EXIT_FAILED if any(not p.passed for p in self.pairs) else EXIT_OK

    def summary(self) -> str:
        """The closing line: every file is counted, a file that could not run as invalid."""
        passed = sum(p.passed for p in self.pairs)
        line = f"{passed} passed, {len(self.pairs) - passed} failed"
        return f"{line}, {len(self.invalid)} invalid" if self.invalid else line


def run(paths: list[str], driver: str = "core", jobs: int = 1, fail_fast: bool = False,
        junit: str | None = None, hash_profile: str = "fast", echo: Callable[[str], None] = print,
        mailbox: str | None = None, faces: Faces | None = None) -> Report:
    security.use_profile(hash_profile)
    tune_gc_for_batch()
    drivers = {"both": ("core", "ui"), "api": ("core", "api")}.get(driver, (driver,))  # api is judged beside the core
    report = Report()
    if junit and not _report_writable(junit, report, echo):  # said before the run, not after it
        return report
    runnable: list[Path] = []
    files = collect(paths)
    if not files:
        report.invalid.append(ScenarioError(" ".join(paths), "", "no scenario files (*.toml) found"))
        echo(f"ERROR {report.invalid[-1]}")
    for path in files:
        try:
            validate(path)
            runnable.append(path)
        except ScenarioError as error:
            report.invalid.append(error)
            echo(f"ERROR {error}")
    if mailbox and not _mailbox_usable(mailbox, report, echo):
        return report
    if jobs > 1 and len(runnable) > 1:
        _run_parallel(runnable, drivers, jobs, fail_fast, hash_profile, report, echo, mailbox, faces)
    elif runnable:
        asyncio.run(run_batch(runnable, drivers, hash_profile, fail_fast, lambda pairs: _record(pairs, report, echo),
                              Path(mailbox) if mailbox else None, faces))
    echo(report.summary())
    if junit and _report_writable(junit, report, echo):
        write_junit(report, junit)
    return report


def _mailbox_usable(target: str, report: Report, echo) -> bool:
    """Whether --mailbox names a folder the run can write its Maildirs into (said before the run)."""
    try:
        Path(target).mkdir(parents=True, exist_ok=True)
        probe = Path(target) / ".cmecf-sim-probe"
        probe.touch()
        probe.unlink()
        return True
    except OSError as failure:
        report.unwritable_report = (f"cannot write mail into {target} ({failure.strerror or failure}): choose a folder "
                                    "you may write to for --mailbox")
        echo(f"ERROR {report.unwritable_report}")
        return False


def _report_writable(target: str, report: Report, echo) -> bool:
    """Whether the report can be written there, trying it without leaving an empty file behind."""
    path = Path(target)
    try:
        existed = path.exists()
        with path.open("a", encoding="utf-8"):
            pass
        if not existed:
            path.unlink()
        return True
    except OSError as failure:
        report.unwritable_report = (f"cannot write the JUnit report to {target} ({failure.strerror or failure}): "
                                    "choose a path in a folder you may write to")
        echo(f"ERROR {report.unwritable_report}")
        return False


def _record(pairs: list[PairResult], report: Report, echo) -> None:
    for pair in pairs:
        report.pairs.append(pair)
        echo(pair.line())


def _run_parallel(paths, drivers, jobs, fail_fast, hash_profile, report, echo, mailbox=None, faces=None) -> None:
    """Each worker runs a share of the files in one process (one app reused); results are reported
    in file order once all are in, up to the first failure with --fail-fast."""
    shares = [paths[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs, initializer=tune_gc_for_batch) as pool:
        futures = [pool.submit(run_chunk, [str(p) for p in share], drivers, hash_profile, fail_fast, mailbox, faces)
                   for share in shares]
        results = {}
        for share, future in zip(shares, futures):
            for path, pairs in zip(share, future.result()):
                results[path] = pairs
    for path in paths:
        if path not in results:
            continue  # a share stopped early at its own failure (--fail-fast)
        _record(results[path], report, echo)
        if fail_fast and any(not p.passed for p in results[path]):
            break


def write_junit(report: Report, target: str) -> None:
    suite = ElementTree.Element(
        "testsuite", name="cmecf-sim", tests=str(len(report.pairs) + len(report.invalid)),
        failures=str(sum(not p.passed for p in report.pairs)), errors=str(len(report.invalid)),
    )
    for pair in report.pairs:
        case = ElementTree.SubElement(suite, "testcase", classname=pair.path, name=f"{pair.title} [{pair.driver}]",
                                      time=f"{pair.seconds:.3f}")
        if not pair.passed:
            ElementTree.SubElement(case, "failure", message=pair.detail).text = pair.detail
    for error in report.invalid:
        case = ElementTree.SubElement(suite, "testcase", classname=error.path, name="valid scenario")
        ElementTree.SubElement(case, "error", message=str(error)).text = str(error)
    ElementTree.ElementTree(suite).write(target, encoding="utf-8", xml_declaration=True)


def lint(paths: list[str], echo: Callable[[str], None] = print) -> int:
    security.use_profile("fast")
    files = collect(paths)
    if not files:
        echo(f"ERROR {' '.join(paths)}: no scenario files (*.toml) found")
        return EXIT_INVALID
    bad = 0
    for path in files:
        try:
            validate(path)
            echo(f"ok    {path}")
        except ScenarioError as error:
            bad += 1
            echo(f"ERROR {error}")
    echo(f"{len(files) - bad} valid, {bad} invalid")
    return EXIT_INVALID if bad else EXIT_OK
