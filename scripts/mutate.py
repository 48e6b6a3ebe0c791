"""Mutation testing of the integration with Cosmic Ray (see docs/mutation.md).

    python scripts/mutate.py [--tests PATH ...] [--sample N [--seed S]] [MODULE ...]

MODULE is a module's path in custom_components/recovery_routines, with or
without .py, with / or . (heat/controller, heat.rules.budget, const), or a
subpackage (heat: every module in it); none means every module. For each
module, Cosmic Ray makes every one-place change its operators know (a
comparison turned round, a number off by one, a decorator removed, ...) and
runs the tests against each; a mutant the tests do not notice survives.
Prints the kill rate per module and every survivor with its diff.

Runs on a copy of the repository in a scratch folder, so the work tree is
never left mutated. Three things make a mutant's run fast:

- Only the tests that ran the changed line run (coverage contexts from one
  measured run of the tests, --tests or the whole suite; a change outside any
  function, such as a decorator or a constant, runs every test of the
  module), fastest first, with -x and without coverage.
- A server imports pytest and Home Assistant once and forks a child for each
  mutant; the child imports the (mutated) integration afresh.
- --sample N runs a random sample of N mutants of each module.

The helper commands `serve` and `run-tests` are what Cosmic Ray calls.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import hashlib
import json
import os
from pathlib import Path, PurePosixPath
import random
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from typing import Any
import xml.etree.ElementTree as ET

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path("custom_components", "recovery_routines")
# The package as Python names it (for absolute imports of its modules).
PACKAGE_NAME = "custom_components.recovery_routines"
# Every test; its measurement is DIR/tests.json, another selection's
# DIR/tests-<hash of the selection>.json.
ALL_TESTS = ["tests"]
# The result of a mutant left out of a --sample (a SKIPPED result, not
# counted as killed nor as equivalent).
NOT_IN_SAMPLE = "Not in the sample"
PYTEST_FAST = ["-x", "-q", "-p", "no:cacheprovider", "--no-cov"]
# A mutant may break time keeping and make a test wait forever: such a run
# counts as killed once it takes this many times the tests' usual time.
TIMEOUT_FACTOR = 2
TIMEOUT_SLACK = 20.0

# ----- the scratch copy ------------------------------------------------------


def make_scratch(base: Path) -> Path:
    """Copy what the tests need into `base`/work; return that folder."""
    work = base / "work"
    if work.exists():
        shutil.rmtree(work)
    ignore = shutil.ignore_patterns(
        ".git", ".venv", ".*_cache", ".coverage*", "__pycache__", "*.pyc"
    )
    # The tests read more than the code: the manifest against hacs.json, the
    # example dashboards and blueprints, the README.
    shutil.copytree(REPO, work, ignore=ignore, dirs_exist_ok=True)
    pristine = base / "pristine"
    if pristine.exists():
        shutil.rmtree(pristine)
    shutil.copytree(REPO / PACKAGE, pristine, ignore=ignore)
    return work


# ----- modules and test selections ------------------------------------------


def has_code(path: Path) -> bool:
    """Return whether a module holds more than a docstring and `__future__`."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    return any(
        not (isinstance(node, ast.ImportFrom) and node.module == "__future__")
        for node in body
    )


def every_module() -> list[str]:
    """Return the path in the package of every module with code, e.g. heat/plug.py.

    An `__init__.py` counts only if it holds code.
    """
    package = REPO / PACKAGE
    return sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "__pycache__" not in path.parts
        and (path.name != "__init__.py" or has_code(path))
    )


def modules_named(value: str, available: list[str]) -> list[str]:
    """Return the modules `value` names: heat/controller, heat.rules.budget, const.

    With or without .py, with / or .; a subpackage (heat) names every module
    in it. An empty list when it names none.
    """
    name = value.strip().replace("\\", "/")
    for prefix in (f"{PACKAGE.as_posix()}/", f"{PACKAGE_NAME}."):
        name = name.removeprefix(prefix)
    name = name.removesuffix(".py").replace(".", "/").strip("/")
    if f"{name}.py" in available:
        return [f"{name}.py"]
    if name and (REPO / PACKAGE / name).is_dir():
        return [module for module in available if module.startswith(f"{name}/")]
    return []


def file_stem(module: str) -> str:
    """Return the name of a module's files in the scratch folder.

    heat/controller.py: heat__controller.py (.sqlite, .source, .killers, .toml).
    """
    return module.replace("/", "__")


def test_paths(value: str) -> str | None:
    """Return `value` as a path in the repository, if it is a test file or folder."""
    path = Path(value)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, REPO / path]
    for candidate in candidates:
        found = candidate.resolve()
        if found.exists() and found.is_relative_to(REPO / "tests"):
            return found.relative_to(REPO).as_posix()
    return None


def normal_selection(paths: list[str]) -> list[str]:
    """Return the test paths sorted, without those inside another one."""
    unique = sorted(set(paths))
    return [
        path
        for path in unique
        if not any(
            other != path and PurePosixPath(path).is_relative_to(other)
            for other in unique
        )
    ]


def measurement_file(scratch: Path, selection: list[str]) -> Path:
    """Return where the measurement of the tests `selection` is kept."""
    if selection == ALL_TESTS:
        return scratch / "tests.json"
    digest = hashlib.sha256("\n".join(selection).encode()).hexdigest()[:12]
    return scratch / f"tests-{digest}.json"


# ----- which tests run which line --------------------------------------------


def measure_suite(work: Path, base: Path, selection: list[str]) -> dict[str, Any]:
    """Run the tests `selection` once, recording which test ran which line.

    Returns {"tests": {module: {line: [test ids]}}, "durations": {test id: s},
    "selection": selection}, modules by their path in the package.
    """
    junit = base / "junit.xml"
    junit.unlink(missing_ok=True)
    print(
        f"==> Measuring which tests run which lines ({' '.join(selection)}, once)",
        flush=True,
    )
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--cov-context=test",
            "--cov-report=",
            # A part of the suite does not cover everything.
            "--cov-fail-under=0",
            f"--junitxml={junit}",
            *selection,
        ],
        cwd=work,
        env=test_env(),
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if result.returncode != 0:
        print(result.stdout[-5000:])
        sys.exit(
            f"scripts/mutate: the unmutated tests fail (pytest exit "
            f"{result.returncode}: {' '.join(selection)}); fix that first"
        )
    print(f"    {time.monotonic() - started:.0f} s", flush=True)

    durations: dict[str, float] = {}
    # Our own report of our own run.
    for case in ET.parse(junit).getroot().iter("testcase"):  # noqa: S314
        durations[junit_test_id(work, case.get("classname", ""), case.get("name"))] = (
            float(case.get("time", "0"))
        )

    from coverage import CoverageData  # noqa: PLC0415  # the venv's, not ours

    data = CoverageData(basename=str(work / ".coverage"))
    data.read()
    package = work / PACKAGE
    tests: dict[str, dict[str, list[str]]] = {}
    for measured_file in data.measured_files():
        code_path = Path(measured_file)
        if not code_path.is_relative_to(package):
            continue
        by_line = data.contexts_by_lineno(measured_file)
        tests[code_path.relative_to(package).as_posix()] = {
            str(line): sorted(
                {context.rsplit("|", 1)[0] for context in contexts if context}
            )
            for line, contexts in by_line.items()
        }
    return {"tests": tests, "durations": durations, "selection": selection}


def junit_test_id(work: Path, classname: str, name: str | None) -> str:
    """Return pytest's id of a JUnit test case (tests.heat.test_x + test_y).

    A test in a class has the class in `classname` after the module.
    """
    parts = classname.split(".")
    for end in range(len(parts), 0, -1):
        path = "/".join(parts[:end]) + ".py"
        if (work / path).is_file():
            return "::".join([path, *parts[end:], name or ""])
    return f"{'/'.join(parts)}.py::{name}"


def code_fingerprint(selection: list[str]) -> str:
    """Return a hash of the code and of the tests that `selection` can run.

    A kept scratch folder reuses its measurement while the hash is the same.
    Test modules outside the selection do not count; every other file of the
    tests does (conftest.py, helpers, snapshots).
    """
    digest = hashlib.sha256("\n".join(selection).encode())
    for folder in (REPO / "custom_components", REPO / "tests"):
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(REPO)
            if (
                folder.name == "tests"
                and path.suffix == ".py"
                and path.name.startswith("test_")
                and not any(
                    PurePosixPath(relative.as_posix()).is_relative_to(selected)
                    for selected in selection
                )
            ):
                continue
            digest.update(relative.as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def functions(source: str) -> list[tuple[range, range]]:
    """Return (whole definition, body) line ranges of every function.

    The whole definition starts at its first decorator.
    """
    spans = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            last = (node.end_lineno or node.lineno) + 1
            spans.append((range(first, last), range(node.body[0].lineno, last)))
    return spans


def statement_spans(source: str) -> dict[int, range]:
    """Map every line to the lines of the innermost statement around it.

    Coverage records the lines where code ran, which for a statement over
    several lines (an `if (` and its condition below) need not be the line
    that changed.
    """
    spans: dict[int, range] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.stmt):
            span = range(node.lineno, (node.end_lineno or node.lineno) + 1)
            for line in span:
                if line not in spans or len(spans[line]) > len(span):
                    spans[line] = span
    return spans


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Return the (start, end) positions of every annotation and `type` alias.

    With `from __future__ import annotations` annotations are never evaluated,
    and the value of `type X = ...` only when asked for (we never ask), so a
    change there cannot change behaviour.
    """
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for node in ast.walk(ast.parse(source)):
        annotations: list[ast.expr | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
            arguments = node.args
            annotations.extend(
                arg.annotation
                for arg in (
                    *arguments.posonlyargs,
                    *arguments.args,
                    *arguments.kwonlyargs,
                    *(a for a in (arguments.vararg, arguments.kwarg) if a),
                )
            )
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        elif isinstance(node, ast.TypeAlias):
            # `type X = ...`: its value is evaluated only when asked for.
            annotations.append(node.value)
        spans.extend(
            (
                (annotation.lineno, annotation.col_offset),
                (annotation.end_lineno or 0, annotation.end_col_offset or 0),
            )
            for annotation in annotations
            if annotation is not None
        )
    return spans


def module_constant(source: str, line: int) -> str | None:
    """Return the name a module-level `NAME = ...` on `line` binds, if it is one."""
    for node in ast.parse(source).body:
        if not node.lineno <= line <= (node.end_lineno or node.lineno):
            continue
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            return node.targets[0].id
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            return node.target.id
        return None
    return None


def tests_reading(
    name: str,
    module: str,
    scratch: Path,
    tests: dict[str, dict[str, list[str]]],
) -> set[str] | None:
    """Return the tests that ran a line reading the constant `name` of `module`.

    None when it cannot be told: the constant is read at import (by another
    constant, a class body, a default value), or another module reaches it
    other than by `from <module> import name` (`from ..const import X`) or
    as an attribute of the module imported by name (`from .plan import
    export`, then `export.X`).
    """
    pristine = scratch / "pristine"
    selected: set[str] = set()
    for path in sorted(pristine.rglob("*.py")):
        importer = path.relative_to(pristine).as_posix()
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        names: set[str] = {name}
        aliases: set[str] = set()
        if importer != module:
            names, aliases = imported_as(tree, name, module, importer)
        if not names and not aliases:
            if re.search(rf"\b{re.escape(name)}\b", source):
                return None
            continue
        bodies = [body for _whole, body in functions(source)]
        statements = statement_spans(source)
        by_line = tests.get(importer, {})
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Name)
                and node.id in names
                and isinstance(node.ctx, ast.Load)
            ) and not (
                isinstance(node, ast.Attribute)
                and node.attr == name
                and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                continue
            if not any(node.lineno in body for body in bodies):
                return None
            for line in statements.get(node.lineno, [node.lineno]):
                selected.update(by_line.get(str(line), []))
    return selected


def module_target(module: str) -> str:
    """Return the dotted place of a module as a path: heat/plug, heat, "" (the package)."""
    parts = module.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return "/".join(parts)


def imported_module(importer: str, level: int, dotted: str | None) -> str | None:
    """Return the module (as `module_target`) an import in `importer` names.

    `level` dots before `dotted` (`from ..heat.plug import X`: 2,
    heat.plug), resolved from the package of `importer` (a module's path in
    the package); None for a module outside the package.
    """
    names = dotted.split(".") if dotted else []
    if level == 0:
        prefix = PACKAGE_NAME.split(".")
        if names[: len(prefix)] != prefix:
            return None
        return "/".join(names[len(prefix) :])
    package = importer.split("/")[:-1]
    if level - 1 > len(package):
        return None
    return "/".join([*package[: len(package) - (level - 1)], *names])


def imported_as(
    tree: ast.Module, name: str, module: str, importer: str
) -> tuple[set[str], set[str]]:
    """Return how `importer` (its `tree`) names the `name` of `module`.

    First the local names of `from <module> import name` at any level
    (`from .budget import f`, `from ...heat.rules.budget import f`), then
    those of `module` itself imported by name (`from .plan import export`,
    `import ...export as export`), whose `.name` reads the constant.
    """
    target = module_target(module)
    names: set[str] = set()
    aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = imported_module(importer, node.level, node.module)
            if source is None:
                continue
            for alias in node.names:
                if source == target and alias.name == name:
                    names.add(alias.asname or name)
                elif "/".join(p for p in (source, alias.name) if p) == target:
                    aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and imported_module(importer, 0, alias.name) == target:
                    aliases.add(alias.asname)
    return names, aliases


def tests_for_change(
    module: str, changed: set[int], scratch: Path, measured: dict[str, Any]
) -> list[str]:
    """Return the tests to run for a change on `changed` lines, fastest first.

    `measured` is the measurement of the tests that count (`measure_suite`).
    """
    by_line: dict[str, list[str]] = measured["tests"].get(module, {})
    source = (scratch / "pristine" / module).read_text(encoding="utf-8")
    spans = functions(source)
    statements = statement_spans(source)
    selected: set[str] = set()
    for line in changed or {0}:
        # The innermost function around the line: its body's tests see a
        # change in the body, a decorator or a default value alike. A change
        # outside every function happens at import: every test of the module.
        around = [(whole, body) for whole, body in spans if line in whole]
        if not around:
            readers = None
            if (name := module_constant(source, line)) is not None:
                readers = tests_reading(name, module, scratch, measured["tests"])
            if readers is not None:
                # A constant read only inside functions: the tests that ran
                # a line reading it.
                selected.update(readers)
                continue
            for tests in by_line.values():
                selected.update(tests)
            if not selected:
                # Only ever run at import (constants): every test.
                selected.update(measured["durations"])
            break
        whole, body = min(around, key=lambda span: len(span[0]))
        lines = statements.get(line, [line]) if line in body else body
        for body_line in lines:
            selected.update(by_line.get(str(body_line), []))
        if not selected:
            # Nothing recorded for these lines: every test of the function.
            for body_line in body:
                selected.update(by_line.get(str(body_line), []))
    durations: dict[str, float] = measured["durations"]
    # The tests that killed this module's earlier mutants are the likeliest
    # to kill this one: they go first, then the rest, fastest first.
    kills: dict[str, int] = {}
    killers = scratch / f"{file_stem(module)}.killers"
    if killers.exists():
        for test in killers.read_text(encoding="utf-8").splitlines():
            kills[test] = kills.get(test, 0) + 1
    return sorted(
        selected,
        key=lambda test: (-kills.get(test, 0), durations.get(test, 0.0), test),
    )


def changed_lines(pristine: Path, mutated: Path) -> set[int]:
    """Return the lines of `pristine` that differ in `mutated` (1-based)."""
    before = pristine.read_text(encoding="utf-8").splitlines()
    after = mutated.read_text(encoding="utf-8").splitlines()
    lines: set[int] = set()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            lines.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return lines


# ----- running tests: the fork server and its client -------------------------


def test_env() -> dict[str, str]:
    """Environment of every test run: no stale bytecode of a mutant, ever."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def serve(socket_path: Path, work: Path, selection: list[str]) -> None:
    """Import pytest and Home Assistant once, then fork one child per request.

    It collects the tests `selection` (paths), to import what they import.
    """
    sys.dont_write_bytecode = True
    os.chdir(work)
    sys.path.insert(0, str(work))
    import pytest  # noqa: PLC0415

    # Import everything the tests import, then forget the integration and
    # the tests themselves: each child imports them afresh from disk.
    with (
        Path(os.devnull).open("w", encoding="utf-8") as devnull,
        contextlib.redirect_stdout(devnull),
    ):
        pytest.main(["--collect-only", "-q", *PYTEST_FAST, *selection])
    for name in list(sys.modules):
        if name.split(".")[0] in {"custom_components", "tests", "conftest"}:
            del sys.modules[name]

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(socket_path))
    server.listen(1)
    while True:
        connection, _ = server.accept()
        with connection:
            request = json.loads(connection.makefile("r", encoding="utf-8").readline())
            if request.get("stop"):
                return
            code = run_in_child(
                request["args"], request["timeout"], request.get("record")
            )
            connection.sendall(f"{code}\n".encode())


class RecordFailure:
    """A pytest plugin: append the id of a failed test to a file."""

    def __init__(self, path: str | None) -> None:
        """Record into `path` (nothing when None)."""
        self.path = path

    def pytest_runtest_logreport(self, report: Any) -> None:
        """Note a failed test (-x: the one that killed the mutant)."""
        if report.failed and self.path:
            with Path(self.path).open("a", encoding="utf-8") as file:
                file.write(f"{report.nodeid}\n")


def run_in_child(args: list[str], timeout: float, record: str | None = None) -> int:
    """Run pytest with `args` in a forked child; return its exit code.

    The id of the test that failed goes to the file `record`.
    """
    pid = os.fork()
    if pid:
        # Stopped: take the running child along.
        signal.signal(signal.SIGTERM, lambda *_: kill_group_and_exit(pid))
    if pid == 0:  # the child
        code = 1
        try:
            os.setsid()
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            import pytest  # noqa: PLC0415

            code = int(pytest.main(args, plugins=[RecordFailure(record)]))
        finally:
            os._exit(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return 124


def kill_group_and_exit(pid: int) -> None:
    """Kill the child's process group, then exit."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    sys.exit(1)


def run_tests(module: str, scratch: Path, measurement: Path) -> int:
    """Run the tests of a mutant of `module` (the test command of Cosmic Ray).

    Only tests of the measurement `measurement` (a tests*.json) run.
    """
    work = scratch / "work"
    changed = changed_lines(scratch / "pristine" / module, work / PACKAGE / module)
    measured = json.loads(measurement.read_text(encoding="utf-8"))
    tests = tests_for_change(module, changed, scratch, measured)
    if not tests:
        return 0  # no test runs the line: it survives
    usual = sum(measured["durations"].get(test, 1.0) for test in tests)
    timeout = TIMEOUT_SLACK + TIMEOUT_FACTOR * usual
    args = [*PYTEST_FAST, *tests]
    socket_path = scratch / "server.sock"
    try:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(str(socket_path))
    except OSError:
        # No server: a plain pytest run, slower by the imports.
        return subprocess.run(
            [sys.executable, "-m", "pytest", *args],
            cwd=work,
            env=test_env(),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
        ).returncode
    killers = scratch / f"{file_stem(module)}.killers"
    killers.touch()
    recorded = len(killers.read_text(encoding="utf-8").splitlines())
    started = time.monotonic()
    with client:
        request = {"args": args, "timeout": timeout, "record": str(killers)}
        client.sendall((json.dumps(request) + "\n").encode())
        code = int(client.makefile("r", encoding="utf-8").readline())
    # Cosmic Ray keeps what this prints with the mutant's result: why it was
    # killed, so a kill by timeout can be told from a failed test.
    took = f"{time.monotonic() - started:.0f} s of {len(tests)} tests (usual {usual:.0f} s)"
    if code == 124:
        print(f"timed out: {took}")
    elif failed := killers.read_text(encoding="utf-8").splitlines()[recorded:]:
        print(f"failed: {failed[0]}; {took}")
    else:
        print(f"exit {code}: {took}")
    return code


# ----- one module ------------------------------------------------------------


def cosmic_ray(*args: str, work: Path) -> None:
    """Run a cosmic-ray command of the venv in the scratch copy."""
    subprocess.run(
        [str(Path(sys.executable).parent / "cosmic-ray"), *args],
        cwd=work,
        env=test_env(),
        check=True,
    )


def skip_equivalents(session: Path, source: str) -> int:
    """Mark the mutants that cannot change behaviour as skipped; return how many.

    - A change inside an annotation: with `from __future__ import
      annotations`, annotations are never evaluated.
    - A removed `@callback`: it only tells Home Assistant's scheduler that a
      function it runs may run in the event loop. Most are methods the
      integration calls directly, where it changes nothing; each such mutant
      would run every test of the function for nothing.
    - `kw_only=True` to `False` on a dataclass: keyword-only fields only
      refuse positional arguments, which no caller passes (the tests of the
      original would fail), and no `match` statement reads the fields. The
      mutant either behaves the same or, with a field without a default after
      one with, fails at import; it would run every test of the module.
    """
    from cosmic_ray.work_db import WorkDB, use_db  # noqa: PLC0415
    from cosmic_ray.work_item import WorkerOutcome, WorkResult  # noqa: PLC0415

    spans = annotation_spans(source)
    lines = source.splitlines()

    def equivalent(mutation: Any) -> str | None:
        (line, column), end = mutation.start_pos, mutation.end_pos
        if any(start <= (line, column) and end <= stop for start, stop in spans):
            return "In an annotation: never evaluated"
        text = lines[line - 1]
        if (
            mutation.operator_name.endswith("RemoveDecorator")
            and text.strip() == "@callback"
        ):
            return "@callback removed"
        if (
            mutation.operator_name.endswith("ReplaceTrueWithFalse")
            and text.lstrip().startswith("@dataclass(")
            and text[:column].endswith("kw_only=")
        ):
            return "kw_only=False: no caller passes a field by position"
        return None

    skipped = 0
    with use_db(session, WorkDB.Mode.open) as database:
        for item in database.pending_work_items:
            reasons = {equivalent(mutation) for mutation in item.mutations}
            if None not in reasons:
                database.set_result(
                    item.job_id,
                    WorkResult(
                        output=", ".join(sorted(r for r in reasons if r)),
                        worker_outcome=WorkerOutcome.SKIPPED,
                    ),
                )
                skipped += 1
    return skipped


def resumable(session: Path, source: str, *, rerun_survivors: bool = True) -> bool:
    """Forget the survivors of a kept session; return whether it can go on.

    Its killed mutants stay killed (tests are only ever added or made
    stricter), the survivors and the mutants not run yet are run again.
    A session of a module whose code changed since starts afresh.
    """
    kept_source = session.with_suffix(".source")
    if not session.exists() or not kept_source.exists():
        return False
    if kept_source.read_text(encoding="utf-8") != source:
        return False
    with contextlib.closing(sqlite3.connect(session)) as database, database:
        database.execute(
            "DELETE FROM work_results WHERE test_outcome = 'SURVIVED' AND ?"
            " OR worker_outcome != 'NORMAL' AND worker_outcome != 'SKIPPED'",
            (rerun_survivors,),
        )
    return True


def take_sample(session: Path, size: int | None, seed: int, *, fresh: bool) -> None:
    """Keep a random sample of `size` mutants of a session; mark the rest.

    The mutants not in the sample get a SKIPPED result that says so (not
    counted as killed nor as equivalent, and not run). The equivalents are
    never in a sample. A fresh session keeps `size` of its mutants; a resumed
    one keeps its sample and grows it to `size` (None: as it is), taking in
    mutants it left out. The same seed picks the same mutants of the same
    code.
    """
    from cosmic_ray.work_db import WorkDB, use_db  # noqa: PLC0415
    from cosmic_ray.work_item import WorkerOutcome, WorkResult  # noqa: PLC0415

    if size is None:
        return
    with use_db(session, WorkDB.Mode.open) as database:
        results = {
            item.job_id: result for item, result in database.completed_work_items
        }
        items = [
            item
            for item in database.work_items
            if item.job_id not in results
            or results[item.job_id].worker_outcome != WorkerOutcome.SKIPPED
            or (results[item.job_id].output or "").startswith(NOT_IN_SAMPLE)
        ]

        def where(item: Any) -> tuple[Any, ...]:
            mutation = item.mutations[0]
            return (
                mutation.start_pos,
                mutation.end_pos,
                mutation.operator_name,
                mutation.occurrence,
            )

        items.sort(key=where)
        left_out = [
            item.job_id
            for item in items
            if item.job_id in results
            and (results[item.job_id].output or "").startswith(NOT_IN_SAMPLE)
        ]
        chooser = random.Random(seed)
        if fresh:
            if size >= len(items):
                return
            chosen = {item.job_id for item in chooser.sample(items, size)}
            database.set_multiple_results(
                [item.job_id for item in items if item.job_id not in chosen],
                WorkResult(output=NOT_IN_SAMPLE, worker_outcome=WorkerOutcome.SKIPPED),
            )
            return
    wanted = size - (len(items) - len(left_out))
    if wanted <= 0 or not left_out:
        return
    taken_in = chooser.sample(left_out, min(wanted, len(left_out)))
    with contextlib.closing(sqlite3.connect(session)) as database, database:
        database.executemany(
            "DELETE FROM work_results WHERE job_id = ?", [(job,) for job in taken_in]
        )


def mutate_module(
    module: str,
    scratch: Path,
    measurement: Path,
    resume: bool,
    *,
    rerun_survivors: bool = True,
    sample: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Mutate one module with the tests of `measurement`; return its figures."""

    work = scratch / "work"
    stem = file_stem(module)
    session = scratch / f"{stem}.sqlite"
    config = scratch / f"{stem}.toml"
    measured = json.loads(measurement.read_text(encoding="utf-8"))
    if module not in measured["tests"]:
        print(
            f"    no test of {' '.join(measured['selection'])} runs a line of "
            f"{module}: only its import-time changes can be killed"
        )
    every_test = tests_for_change(module, set(), scratch, measured)
    usual = sum(measured["durations"].get(test, 1.0) for test in every_test)
    command = shlex.join(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "run-tests",
            module,
            str(scratch),
            str(measurement),
        ]
    )
    # Cosmic Ray's own timeout is a last resort; run-tests has a tighter one.
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{work / PACKAGE / module}"\n'
        f"timeout = {2 * (TIMEOUT_SLACK + TIMEOUT_FACTOR * usual) + 60:.0f}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(command)}\n"
        "[cosmic-ray.distributor]\n"
        'name = "local"\n',
        encoding="utf-8",
    )
    source = (scratch / "pristine" / module).read_text(encoding="utf-8")
    fresh = not (resume and resumable(session, source, rerun_survivors=rerun_survivors))
    if fresh:
        session.unlink(missing_ok=True)
        cosmic_ray("init", str(config), str(session), work=work)
        session.with_suffix(".source").write_text(source, encoding="utf-8")
    skip_equivalents(session, source)
    take_sample(session, sample, seed, fresh=fresh)
    started = time.monotonic()
    cosmic_ray("exec", str(config), str(session), work=work)
    return summarize(module, session, time.monotonic() - started) | {
        "tests": measured["selection"],
        "seed": seed if sample is not None else None,
    }


def summarize(module: str, session: Path, seconds: float) -> dict[str, Any]:
    """Return the figures and the survivors of a module's session.

    "sample" is [mutants in the sample, mutants that can change behaviour]
    when some were left out (--sample), else None.
    """
    from cosmic_ray.work_db import WorkDB, use_db  # noqa: PLC0415
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome  # noqa: PLC0415

    killed = survived = skipped = equivalent = left_out = 0
    survivors = []
    with use_db(session, WorkDB.Mode.open) as database:
        for item, result in database.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                if (result.output or "").startswith(NOT_IN_SAMPLE):
                    left_out += 1
                else:
                    equivalent += 1
            elif result.worker_outcome == WorkerOutcome.NO_TEST:
                skipped += 1
            elif result.test_outcome == TestOutcome.SURVIVED:
                survived += 1
                mutation = item.mutations[0]
                survivors.append(
                    {
                        "line": mutation.start_pos[0],
                        "operator": mutation.operator_name.split("/")[-1],
                        "occurrence": mutation.occurrence,
                        "diff": result.diff or "",
                    }
                )
            else:
                killed += 1
        pending = len(database.pending_work_items)
    survivors.sort(key=lambda survivor: (survivor["line"], survivor["operator"]))
    in_sample = killed + survived + skipped + pending
    return {
        "module": module,
        "killed": killed,
        "survived": survived,
        "skipped": skipped,
        "not_run_equivalent": equivalent,
        "pending": pending,
        "sample": [in_sample, in_sample + left_out] if left_out else None,
        "seconds": seconds,
        "survivors": survivors,
    }


def report(results: list[dict[str, Any]]) -> None:
    """Print the survivors, then the kill rate per module."""
    for result in results:
        for survivor in result["survivors"]:
            print(
                f"\n--- survived: {PACKAGE / result['module']}:{survivor['line']} "
                f"{survivor['operator']} #{survivor['occurrence']}"
            )
            print(
                "\n".join(
                    line
                    for line in survivor["diff"].splitlines()
                    if line.startswith(("+", "-"))
                    and not line.startswith(("+++", "---"))
                )
            )
    width = max([18, *(len(result["module"]) for result in results)])
    print(
        f"\n{'module':<{width}}  mutants  killed  survived  kill rate    time"
        "  not run (equivalent)  pending  sample"
    )
    for result in results:
        total = result["killed"] + result["survived"]
        rate = 100 * result["killed"] / total if total else 100.0
        sample = ""
        if result.get("sample"):
            size, of = result["sample"]
            sample = f"  {size} of {of}"
            if result.get("seed") is not None:
                sample += f" (seed {result['seed']})"
        print(
            f"{result['module']:<{width}} {total:>8} {result['killed']:>7} "
            f"{result['survived']:>9} {rate:>9.1f}% {result['seconds']:>6.0f} s"
            f"  {result['not_run_equivalent']:>20} {result['pending']:>8}{sample}"
        )
    for result in results:
        if result.get("sample"):
            size, of = result["sample"]
            print(
                f"{result['module']}: a random sample of {size} of its {of} mutants "
                "that can change behaviour; the others were not run"
            )


def sample_size(value: str) -> int:
    """Parse --sample: a number of mutants, or "all"."""
    if value == "all":
        return sys.maxsize
    size = int(value)
    if size < 1:
        message = "the sample needs at least one mutant"
        raise argparse.ArgumentTypeError(message)
    return size


def main() -> int:
    """Parse the command line and mutate the modules asked for."""
    if len(sys.argv) > 1 and sys.argv[1] == "run-tests":
        return run_tests(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        serve(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4:] or ALL_TESTS)
        return 0

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "modules",
        nargs="*",
        help="e.g. heat/controller heat.rules.budget const.py, or a subpackage "
        "(heat) for every module in it (default: every module)",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        default=[],
        metavar="PATH",
        help="the test files or folders that count (default: tests); a value "
        "that is no test path but a module is taken as a MODULE",
    )
    parser.add_argument(
        "--sample",
        type=sample_size,
        metavar="N",
        help='run a random sample of N mutants of each module ("all": every '
        "one; with --resume: grow the kept sample to N)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        help="with --sample: the seed of the sample (default: a random one, printed)",
    )
    parser.add_argument(
        "--scratch",
        type=Path,
        help="scratch folder (default: a new one in $TMPDIR, removed at the end)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--report",
        action="store_true",
        help="with --scratch: only print the figures of the sessions there, "
        "also of a run that was stopped (its mutants ran in random order)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with --scratch: keep the killed mutants of the last run, rerun the rest",
    )
    parser.add_argument(
        "--pending",
        action="store_true",
        help="with --resume: run only the mutants without a result, keep the survivors",
    )
    options = parser.parse_args()
    if (options.resume or options.report) and not options.scratch:
        parser.error("--resume and --report need --scratch")
    if options.seed is not None and options.sample is None:
        parser.error("--seed needs --sample")
    # Stopped (kill, Ctrl-C): stop the fork server and Cosmic Ray too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    available = every_module()
    # --tests takes every value up to the next option: a module named after
    # the test paths (--tests tests/heat heat/plug) is a module all the same.
    selection: list[str] = []
    names = list(options.modules)
    for value in options.tests:
        if (path := test_paths(value)) is not None:
            selection.append(path)
        elif modules_named(value, available):
            names.append(value)
        else:
            parser.error(f"--tests: no test file or folder {value}")
    selection = normal_selection(selection) or ALL_TESTS
    modules: list[str] = []
    for name in names:
        named = modules_named(name, available)
        if not named:
            parser.error(
                f"no such module (or no code in it): {name} "
                f"(choose from {', '.join(available)})"
            )
        modules.extend(module for module in named if module not in modules)
    modules = modules or available

    if options.report:
        report(
            [
                summarize(module, session, 0.0)
                for module in modules
                if (session := options.scratch / f"{file_stem(module)}.sqlite").exists()
            ]
        )
        return 0

    seed = options.seed
    if options.sample is not None and seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    if options.sample is not None:
        print(f"==> A sample of each module's mutants, seed {seed}")

    with contextlib.ExitStack() as stack:
        if options.scratch:
            scratch = options.scratch.resolve()
            scratch.mkdir(parents=True, exist_ok=True)
        else:
            scratch = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="rr-mutate-"))
            )
        work = make_scratch(scratch)
        measurement = measurement_file(scratch, selection)
        fingerprint = code_fingerprint(selection)
        if (
            not measurement.exists()
            or json.loads(measurement.read_text(encoding="utf-8")).get("fingerprint")
            != fingerprint
        ):
            measured = measure_suite(work, scratch, selection) | {
                "fingerprint": fingerprint
            }
            measurement.write_text(json.dumps(measured), encoding="utf-8")
        else:
            print(f"==> Reusing the measurement of {' '.join(selection)}")
        socket_path = scratch / "server.sock"
        socket_path.unlink(missing_ok=True)
        server = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "serve",
                str(socket_path),
                str(work),
                *selection,
            ],
            env=test_env(),
        )
        stack.callback(stop_server, server, socket_path)
        for _ in range(600):
            if socket_path.exists():
                break
            time.sleep(0.1)

        results = []
        for module in modules:
            print(f"\n==> Mutating {PACKAGE / module}", flush=True)
            results.append(
                mutate_module(
                    module,
                    scratch,
                    measurement,
                    options.resume,
                    rerun_survivors=not options.pending,
                    sample=options.sample,
                    seed=seed or 0,
                )
            )
            report(results[-1:])
        print("\n==> All modules")
        report(results)
        if options.json:
            options.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def stop_server(server: subprocess.Popen[bytes], socket_path: Path) -> None:
    """Ask the fork server to stop; kill it if it does not."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as client:
        client.connect(str(socket_path))
        client.sendall(b'{"stop": true}\n')
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
