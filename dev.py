#!/usr/bin/env python3
"""Set up and run the app, or its tests, on a machine that has only python3.

    python3 dev.py run    # virtualenv, install, migrate, units, demo data; web + worker on :8000
    python3 dev.py test   # virtualenv, install with test tools; the whole test suite

Both steps are idempotent: run them again at any time.
"""

import hashlib
import os
import shutil
import signal
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
    if stamp.exists() and stamp.read_text() == digest:
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


def cmd_run() -> None:
    ensure_venv("")
    env = {**os.environ}
    env.setdefault("DEBUG", "true")
    say("Preparing the database")
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_units", env=env)
    for command in ("load_demo", "load_festival_demo", "load_awards_demo"):
        manage(command, env=env)
    say("Starting the web server and the Celery worker (Ctrl-C stops both)")
    procs = [
        subprocess.Popen(
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
                "--schedule",
                ROOT / "var" / "celerybeat-schedule",
            ],
            cwd=ROOT,
            env=env,
        ),
        subprocess.Popen([PY, "manage.py", "runserver", "127.0.0.1:8000"], cwd=ROOT, env=env),
    ]
    time.sleep(2)
    say("Open http://127.0.0.1:8000 and log in with a demo account above")
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


def cmd_test(args: list[str]) -> int:
    ensure_venv("test")
    ensure_chromium()
    say("Running the test suite")
    code = subprocess.run([PY, "-m", "pytest", *args], cwd=ROOT).returncode
    if code == 5:
        print("pytest collected no tests: that is a failure, not a pass.", file=sys.stderr)
        return 1
    return code


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    if sys.argv[1] == "run":
        cmd_run()
    else:
        sys.exit(cmd_test(sys.argv[2:]))


if __name__ == "__main__":
    main()
