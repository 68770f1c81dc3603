"""The site under gunicorn, as separate processes, for tests that need real servers."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from urllib.request import urlopen

import psycopg2
from django.conf import settings
from django.db import connection


def database_url():
    """The test database, for processes started by a test."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def app_server(workers=1, output=subprocess.DEVNULL, config=False, **env):
    """
    A gunicorn process on a free local port; yields its base URL. With
    ``config``, it reads the production configuration (partnership/gunicorn_conf.py).
    """
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "partnership.wsgi",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]  # fmt: skip
    if config:
        command += ["--config", "python:partnership.gunicorn_conf"]
    process = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        stdout=output,
        stderr=output,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                urlopen(f"{url}/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_port(port, seconds=10):
    for _attempt in range(int(seconds * 20)):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


class RedisServer:
    """A redis-server of a test's own, on a free port, keeping its data in ``directory``."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    @staticmethod
    def available():
        return shutil.which("redis-server") is not None

    def start(self):
        # An RDB snapshot written on shutdown is the old data a restart reads.
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port),
                   "--dir", str(self.directory), "--dbfilename", "dump.rdb",
                   "--save", "", "--appendonly", "no", "--daemonize", "no"]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for_port(self.port)

    def stop(self):
        """Shut down after writing the data to disk, as a clean restart would."""
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "save"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        self.process.wait(timeout=10)
        self.process = None

    def close(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


class HungServer:
    """A loopback server that accepts connections and never answers."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                accepted, _address = self.listener.accept()
            except OSError:
                return
            self.connections.append(accepted)

    def close(self):
        # shutdown() wakes the accepting thread; close() alone may not.
        with suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for accepted in self.connections:
            accepted.close()


class PostgresCluster:
    """
    A PostgreSQL cluster of a test's own, in a temporary directory on a free
    port. initdb and pg_ctl refuse to run as root, so as root they run as
    the postgres user.
    """

    def __init__(self, bindir):
        self.bindir = Path(bindir)
        self.directory = Path(tempfile.mkdtemp(prefix="partnership-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/partnership"

    @staticmethod
    def find_bindir():
        """The newest installed PostgreSQL's binaries, or None."""
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=_version)
        return found[-1].parent if found else None

    def _run(self, program, *args):
        command = [str(self.bindir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def create(self):
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        self.start()
        with closing(psycopg2.connect(self.url.rsplit("/", 1)[0] + "/postgres")) as admin:
            admin.autocommit = True
            admin.cursor().execute("CREATE DATABASE partnership")

    def pg_ctl(self, *args):
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.directory}")  # fmt: skip
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.directory / "log"),
                  "-o", options, "-w", *args)  # fmt: skip

    def start(self):
        self.pg_ctl("start")

    def stop(self):
        self.pg_ctl("stop", "-m", "fast")

    def restart(self):
        self.pg_ctl("restart", "-m", "fast")

    def close(self):
        with suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


def _version(pg_ctl):
    return int(pg_ctl.parent.parent.name) if pg_ctl.parent.parent.name.isdigit() else 0
