"""`python3 dev.py run` starts and stops like a terminal user expects: Ctrl-C (SIGINT to the
terminal's process group) stops the web server, its reloaded child and the worker, and frees the
port; a second run starts on the same port; a taken port is named with its owner. While it runs,
/healthz/ is 200: its worker records the heartbeat the web server reads.

Each run gets its own VAR_DIR (database, broker, cache, beat schedule) and a port of its own."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def health(port: int) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=5) as response:
            return f"{response.status} {response.read().decode()}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.read().decode()}"
    except OSError as error:
        return str(error)


def processes_with(marker: str) -> list[str]:
    """The processes whose environment carries ``marker``: dev.py and all it started."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if marker.encode() in (proc / "environ").read_bytes():
                found.append(f"{proc.name}: {(proc / 'cmdline').read_bytes()!r}")
        except OSError:
            continue
    return found


def signal_masks(pid: int) -> str:
    """The signals a process blocks, ignores and catches, to tell why one was not acted on."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "gone"
    return " ".join(
        line for line in status.splitlines() if line.startswith(("SigBlk", "SigIgn", "SigCgt"))
    )


def dev_run(var_dir: Path, port: int, marker: str) -> subprocess.Popen:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_EMBEDDED_DIR", "SECRET_KEY"}
    }
    env |= {"VAR_DIR": str(var_dir), "DEBUG": "true", "DEV_RUN_TEST": marker}
    env.pop("SITE_URL")
    log = open(var_dir / "dev-run.log", "ab")  # noqa: SIM115 - closed with the process
    # A session of its own stands for the terminal: SIGINT to its group is Ctrl-C.
    return subprocess.Popen(
        [sys.executable, "dev.py", "run", "--no-demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until(condition, timeout: float, what: str, var_dir: Path) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}; log:\n{(var_dir / 'dev-run.log').read_text()[-3000:]}")
        time.sleep(0.2)


def start_and_interrupt(var_dir: Path, port: int) -> None:
    marker = uuid.uuid4().hex
    run = dev_run(var_dir, port, marker)
    try:
        wait_until(lambda: answers(port), 180, f"nothing answers on port {port}", var_dir)
        wait_until(
            lambda: any(b"celery" in p.encode() for p in processes_with(marker)),
            30,
            "no worker started",
            var_dir,
        )
        wait_until(
            lambda: health(port).startswith("200 "),
            60,
            "/healthz/ never answered 200 (no worker heartbeat?)",
            var_dir,
        )
        os.killpg(run.pid, signal.SIGINT)
        interrupted = time.monotonic()
        wait_until(
            lambda: not answers(port) and not processes_with(marker),
            10,
            f"10 s after Ctrl-C still running: {processes_with(marker)}; "
            f"dev.py's signals: {signal_masks(run.pid)}",
            var_dir,
        )
        assert time.monotonic() - interrupted < 10
        assert run.wait(timeout=1) is not None
    finally:
        for line in processes_with(marker):
            os.kill(int(line.split(":")[0]), signal.SIGKILL)


def test_ctrl_c_stops_everything_and_a_second_run_starts_cleanly(tmp_path):
    port = free_port()
    start_and_interrupt(tmp_path, port)
    start_and_interrupt(tmp_path, port)


def test_a_taken_port_is_named_with_its_owner(tmp_path):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run(
            [sys.executable, "dev.py", "run", "--no-demo", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already taken by pid {os.getpid()}" in result.stderr
    # This process's command line: pytest's, or a pytest-xdist worker's.
    command = Path("/proc/self/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    assert f"pid {os.getpid()}: {command}" in result.stderr
