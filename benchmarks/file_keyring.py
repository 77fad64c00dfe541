"""A keyring backend kept in a JSON file, for benchmarks that start the app in a new process.

The benchmark's in-memory keyring (``common.BenchKeyring``) lives in one process; a
child process finds this one through ``PYTHON_KEYRING_BACKEND=benchmarks.file_keyring.FileKeyring``
and the file named by ``LEAP_BENCH_KEYRING``. Only for throwaway keys of benchmark panels:
it never touches the OS keyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend

ENV = "LEAP_BENCH_KEYRING"
BACKEND = "benchmarks.file_keyring.FileKeyring"


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _file(self) -> Path:
        return Path(os.environ[ENV])

    def _entries(self) -> dict[str, str]:
        try:
            return json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def get_password(self, service, username):
        return self._entries().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        entries = self._entries()
        entries[f"{service}\n{username}"] = password
        self._file.write_text(json.dumps(entries), encoding="utf-8")

    def delete_password(self, service, username):
        entries = self._entries()
        entries.pop(f"{service}\n{username}", None)
        self._file.write_text(json.dumps(entries), encoding="utf-8")


def write(path: Path, entries: dict[tuple[str, str], str]) -> None:
    """Put these (service, user) -> secret entries in the file at ``path``, and nothing else."""
    path.write_text(json.dumps({f"{s}\n{u}": p for (s, u), p in entries.items()}), encoding="utf-8")
