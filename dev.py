#!/usr/bin/env python3
"""Set up and run the app, or its tests, on a machine that has only python3.

    python3 dev.py run    # virtualenv, install, migrate, units, demo data; web + worker on :8000
                          # (--port N for another port, --no-demo to skip the data)
    python3 dev.py test   # virtualenv, install with test tools; the whole test suite, on
                          # PostgreSQL and Redis when they answer on 127.0.0.1, else SQLite and
                          # the embedded broker (--sqlite forces those); split over the CPUs

Both steps are idempotent: run them again at any time.
"""

import argparse
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PY = BIN / "python"
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on the system python3
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PY.exists():
        say(f"Creating the virtualenv in {VENV}")
        try:
            venv.create(VENV, with_pip=True)
        except Exception as exc:  # Debian without python3-venv has no ensurepip
            if shutil.which("apt-get") and os.geteuid() == 0:
                run("apt-get", "install", "-y", "-q", "python3-venv")
                shutil.rmtree(VENV, ignore_errors=True)
                venv.create(VENV, with_pip=True)
            else:
                sys.exit(f"Cannot create a virtualenv ({exc}); install python3-venv first.")
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    # The test tools come on top of the base packages: after `dev.py test`, `run` has all it needs.
    satisfied = [stamp] if extras else [stamp, VENV / ".installed-test"]
    if any(s.exists() and s.read_text() == digest for s in satisfied):
        return
    say("Installing Python packages")
    run(PY, "-m", "pip", "install", "-q", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "-q", "-e", f".[{extras}]" if extras else ".")
    stamp.write_text(digest)


def ensure_chromium() -> None:
    """The browser tests drive Debian's chromium; install it when we may."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        say("Installing chromium for the browser tests (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-q", env=env)
        run("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium", env=env)
        return
    sys.exit("The browser tests need /usr/bin/chromium: run `sudo apt-get install chromium`.")


def manage(*args, env=None) -> None:
    run(PY, "manage.py", *args, env=env)


def port_owner(port: int) -> str:
    """Who listens on 127.0.0.1:``port`` (or any address), as "pid N: command", from /proc:
    the socket's inode in /proc/net/tcp*, then the process holding it among /proc/*/fd."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            # local address "0100007F:1F40", state 0A = LISTEN, inode in the tenth column
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
                inodes.add(f"socket:[{fields[9]}]")
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                if os.readlink(fd) in inodes:
                    pid = fd_dir.parent.name
                    command = (fd_dir.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                    return f"pid {pid}: {command.decode(errors='replace').strip()}"
        except OSError:  # another user's process, or one that just ended
            continue
    return "a process this user cannot see" if inodes else "an unknown process"


def ensure_port_free(port: int) -> None:
    with socket.socket() as probe:
        # As runserver binds: connections of a previous run lingering in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            sys.exit(
                f"Port {port} on 127.0.0.1 is already taken by {port_owner(port)}.\n"
                f"Stop it, or run on another port: python3 dev.py run --port {port + 1}"
            )


def stop(procs: list[subprocess.Popen], grace: float = 7) -> None:
    """Stop each child's whole process group (runserver's reloaded child, the worker's pool
    and its beat): SIGTERM, then SIGKILL for whatever still runs after ``grace`` seconds."""
    for p in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for p in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        # The group may outlive its leader (runserver's child): kill what is left of it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def interrupted(signum, frame):
    """SIGTERM (a service manager, a test) stops the children like Ctrl-C does."""
    raise KeyboardInterrupt


def cmd_run(args: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="dev.py run")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--no-demo", action="store_true", help="migrate only: no unit list, no demo data"
    )
    options = parser.parse_args(args)
    # Ctrl-C stops the run however it was started: a background job of a shell script inherits
    # SIGINT ignored, and Python then raises no KeyboardInterrupt for it.
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    ensure_port_free(options.port)
    ensure_venv("")
    env = {**os.environ}
    env.setdefault("DEBUG", "true")
    env.setdefault("SITE_URL", f"http://127.0.0.1:{options.port}")
    say("Preparing the database")
    manage("migrate", "--noinput", "-v", "0", env=env)
    if not options.no_demo:
        manage("load_units", env=env)
        for command in ("load_demo", "load_festival_demo", "load_awards_demo"):
            manage(command, env=env)
    say("Starting the web server and the Celery worker (Ctrl-C stops both)")
    # Each child leads its own process group, so Ctrl-C reaches only this script, which then
    # stops every group in order; a child left in the terminal's group (runserver's reloaded
    # child) used to outlive its parent and keep the port.
    children = [
        [
            PY,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
        ],
        [PY, "manage.py", "runserver", f"127.0.0.1:{options.port}"],
    ]
    procs = []
    try:
        for command in children:
            procs.append(subprocess.Popen(command, cwd=ROOT, env=env, process_group=0))
        time.sleep(2)
        say(f"Open http://127.0.0.1:{options.port} and log in with a demo account above")
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        say("Stopping the web server and the worker")
        stop(procs)


def postgres_answers(url: str) -> bool:
    """Whether the venv's psycopg can log in to PostgreSQL at ``url`` (dev.py's own python has
    no driver)."""
    probe = "import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=2).close()"
    done = subprocess.run([PY, "-c", probe, url], cwd=ROOT, capture_output=True)
    return done.returncode == 0


def redis_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def servers_for_tests(env: dict[str, str], sqlite: bool) -> None:
    """The suite runs against PostgreSQL and Redis where they are (CI has both), against SQLite
    and the embedded broker where they are absent; DATABASE_URL and REDIS_URL set by the caller
    win. The PostgreSQL name is the checkout's own, so two checkouts' runs do not collide."""
    if sqlite:
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        return
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
    postgres = f"postgres://postgres@127.0.0.1:5432/festival_{checkout}"
    if "DATABASE_URL" not in env and postgres_answers(postgres.rsplit("/", 1)[0] + "/postgres"):
        env["DATABASE_URL"] = postgres
    if "REDIS_URL" not in env and redis_answers("127.0.0.1", 6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/1"


def xdist_args(args: list[str]) -> list[str]:
    """pytest-xdist, a worker per CPU (tests/parallel.py keeps their state apart and hands out
    the tests); unless the caller chose (-n, -p no:xdist)."""
    chosen = any(
        a in ("-n", "--numprocesses", "no:xdist") or a.startswith(("-n", "--numprocesses="))
        for a in args
    )
    return [] if chosen else ["-n", "auto"]


def cmd_test(args: list[str]) -> int:
    sqlite = "--sqlite" in args
    args = [a for a in args if a != "--sqlite"]
    ensure_venv("test")
    ensure_chromium()
    env = {**os.environ}
    servers_for_tests(env, sqlite)
    database = "PostgreSQL" if "DATABASE_URL" in env else "SQLite"
    broker = "Redis" if "REDIS_URL" in env else "the embedded broker"
    say(f"Running the test suite on {database} and {broker}")
    command = [PY, "-m", "pytest", *xdist_args(args), *args]
    code = subprocess.run(command, cwd=ROOT, env=env).returncode
    if code == 5:
        print("pytest collected no tests: that is a failure, not a pass.", file=sys.stderr)
        return 1
    return code


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    if sys.argv[1] == "run":
        cmd_run(sys.argv[2:])
    else:
        sys.exit(cmd_test(sys.argv[2:]))


if __name__ == "__main__":
    main()
