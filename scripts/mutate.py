"""Mutation testing of the integration with Cosmic Ray (see docs/mutation.md).

    python scripts/mutate.py [--keep] [MODULE ...]

MODULE is a file name in custom_components/recovery_routines (routines,
routines.py); none means every module. For each module, Cosmic Ray makes every
one-place change its operators know (a comparison turned round, a number off
by one, a decorator removed, ...) and runs the tests against each; a mutant
the tests do not notice survives. Prints the kill rate per module and every
survivor with its diff.

Runs on a copy of the repository in a scratch folder, so the work tree is
never left mutated. Two things make a mutant's run fast:

- Only the tests that ran the changed line run (coverage contexts from one
  measured run of the whole suite; a change outside any function, such as a
  decorator or a constant, runs every test of the module), fastest first,
  with -x and without coverage.
- A server imports pytest and Home Assistant once and forks a child for each
  mutant; the child imports the (mutated) integration afresh.

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
from pathlib import Path
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
# The heat-session module is measured separately by the lead; it is part of
# "every module" all the same.
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


# ----- which tests run which line --------------------------------------------


def measure_suite(work: Path, base: Path) -> dict[str, Any]:
    """Run the whole suite once, recording which test ran which line.

    Returns {"tests": {module: {line: [test ids]}}, "durations": {test id: s}}.
    """
    junit = base / "junit.xml"
    print("==> Measuring which tests run which lines (the whole suite, once)")
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
            f"--junitxml={junit}",
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
        sys.exit("scripts/mutate: the unmutated suite fails; fix that first")
    print(f"    {time.monotonic() - started:.0f} s")

    durations: dict[str, float] = {}
    # Our own report of our own run.
    for case in ET.parse(junit).getroot().iter("testcase"):  # noqa: S314
        classname = case.get("classname", "")
        path = "/".join(classname.split(".")) + ".py"
        durations[f"{path}::{case.get('name')}"] = float(case.get("time", "0"))

    from coverage import CoverageData  # noqa: PLC0415  # the venv's, not ours

    data = CoverageData(basename=str(work / ".coverage"))
    data.read()
    tests: dict[str, dict[str, list[str]]] = {}
    for measured_file in data.measured_files():
        code_path = Path(measured_file)
        if code_path.parent != work / PACKAGE:
            continue
        by_line = data.contexts_by_lineno(measured_file)
        tests[code_path.name] = {
            str(line): sorted(
                {context.rsplit("|", 1)[0] for context in contexts if context}
            )
            for line, contexts in by_line.items()
        }
    return {"tests": tests, "durations": durations}


def code_fingerprint() -> str:
    """Return a hash of the code and the tests.

    A kept scratch folder reuses its measurement while the hash is the same.
    """
    digest = hashlib.sha256()
    for folder in (REPO / "custom_components", REPO / "tests"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode())
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
    other than by `from .module import name`.
    """
    selected: set[str] = set()
    for path in sorted((scratch / "pristine").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        local = name if path.name == module else imported_as(tree, name, module)
        if local is None:
            if re.search(rf"\b{re.escape(name)}\b", source):
                return None
            continue
        bodies = [body for _whole, body in functions(source)]
        statements = statement_spans(source)
        by_line = tests.get(path.name, {})
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Name)
                and node.id == local
                and isinstance(node.ctx, ast.Load)
            ):
                continue
            if not any(node.lineno in body for body in bodies):
                return None
            for line in statements.get(node.lineno, [node.lineno]):
                selected.update(by_line.get(str(line), []))
    return selected


def imported_as(tree: ast.Module, name: str, module: str) -> str | None:
    """Return the local name of `from .module import name` in `tree`, if any."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.level == 1
            and node.module == module.removesuffix(".py")
        ):
            for alias in node.names:
                if alias.name == name:
                    return alias.asname or name
    return None


def tests_for_change(module: str, changed: set[int], scratch: Path) -> list[str]:
    """Return the tests to run for a change on `changed` lines, fastest first."""
    measured = json.loads((scratch / "tests.json").read_text(encoding="utf-8"))
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
    killers = scratch / f"{module}.killers"
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


def serve(socket_path: Path, work: Path) -> None:
    """Import pytest and Home Assistant once, then fork one child per request."""
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
        pytest.main(["--collect-only", "-q", *PYTEST_FAST, "tests"])
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


def run_tests(module: str, scratch: Path) -> int:
    """Run the tests of a mutant of `module` (the test command of Cosmic Ray)."""
    work = scratch / "work"
    changed = changed_lines(scratch / "pristine" / module, work / PACKAGE / module)
    tests = tests_for_change(module, changed, scratch)
    if not tests:
        return 0  # no test runs the line: it survives
    measured = json.loads((scratch / "tests.json").read_text(encoding="utf-8"))
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
    killers = scratch / f"{module}.killers"
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


def mutate_module(
    module: str, scratch: Path, resume: bool, *, rerun_survivors: bool = True
) -> dict[str, Any]:
    """Mutate one module; return its figures and survivors."""

    work = scratch / "work"
    session = scratch / f"{module}.sqlite"
    config = scratch / f"{module}.toml"
    measured = json.loads((scratch / "tests.json").read_text(encoding="utf-8"))
    every_test = tests_for_change(module, set(), scratch)
    usual = sum(measured["durations"].get(test, 1.0) for test in every_test)
    command = shlex.join(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "run-tests",
            module,
            str(scratch),
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
    if not (resume and resumable(session, source, rerun_survivors=rerun_survivors)):
        session.unlink(missing_ok=True)
        cosmic_ray("init", str(config), str(session), work=work)
        session.with_suffix(".source").write_text(source, encoding="utf-8")
    skip_equivalents(session, source)
    started = time.monotonic()
    cosmic_ray("exec", str(config), str(session), work=work)
    return summarize(module, session, time.monotonic() - started)


def summarize(module: str, session: Path, seconds: float) -> dict[str, Any]:
    """Return the figures and the survivors of a module's session."""
    from cosmic_ray.work_db import WorkDB, use_db  # noqa: PLC0415
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome  # noqa: PLC0415

    killed = survived = skipped = equivalent = 0
    survivors = []
    with use_db(session, WorkDB.Mode.open) as database:
        for item, result in database.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
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
    return {
        "module": module,
        "killed": killed,
        "survived": survived,
        "skipped": skipped,
        "not_run_equivalent": equivalent,
        "pending": pending,
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
    print(
        "\nmodule              mutants  killed  survived  kill rate    time"
        "  not run (equivalent)  pending"
    )
    for result in results:
        total = result["killed"] + result["survived"]
        rate = 100 * result["killed"] / total if total else 100.0
        print(
            f"{result['module']:<18} {total:>8} {result['killed']:>7} "
            f"{result['survived']:>9} {rate:>9.1f}% {result['seconds']:>6.0f} s"
            f"  {result['not_run_equivalent']:>20} {result['pending']:>8}"
        )


def main() -> int:
    """Parse the command line and mutate the modules asked for."""
    if len(sys.argv) > 1 and sys.argv[1] == "run-tests":
        return run_tests(sys.argv[2], Path(sys.argv[3]))
    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        serve(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "modules", nargs="*", help="e.g. routines cold.py (default: all)"
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
    # Stopped (kill, Ctrl-C): stop the fork server and Cosmic Ray too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    available = sorted(path.name for path in (REPO / PACKAGE).glob("*.py"))
    modules = [
        m if m.endswith(".py") else f"{m}.py" for m in options.modules
    ] or available
    unknown = [m for m in modules if m not in available]
    if unknown:
        parser.error(
            f"no such module: {', '.join(unknown)} (choose from {', '.join(available)})"
        )

    if options.report:
        report(
            [
                summarize(module, options.scratch / f"{module}.sqlite", 0.0)
                for module in modules
                if (options.scratch / f"{module}.sqlite").exists()
            ]
        )
        return 0

    with contextlib.ExitStack() as stack:
        if options.scratch:
            scratch = options.scratch.resolve()
            scratch.mkdir(parents=True, exist_ok=True)
        else:
            scratch = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="rr-mutate-"))
            )
        work = make_scratch(scratch)
        measured_file = scratch / "tests.json"
        fingerprint = code_fingerprint()
        if (
            not measured_file.exists()
            or json.loads(measured_file.read_text(encoding="utf-8")).get("fingerprint")
            != fingerprint
        ):
            measured = measure_suite(work, scratch) | {"fingerprint": fingerprint}
            measured_file.write_text(json.dumps(measured), encoding="utf-8")
        socket_path = scratch / "server.sock"
        socket_path.unlink(missing_ok=True)
        server = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "serve",
                str(socket_path),
                str(work),
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
            print(f"\n==> Mutating {PACKAGE / module}")
            results.append(
                mutate_module(
                    module,
                    scratch,
                    options.resume,
                    rerun_survivors=not options.pending,
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
