"""Atomic saves: the temporary files of killed writers are removed at the next save."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from model.atomic import LEGACY_TEMP_AGE, atomic_write, describe_os_error, remove_stale_temps


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_next_save_removes_temporaries_of_dead_writers_only(tmp_path):
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead_tmp = tmp_path / f".model.pt.{_dead_pid()}.abc12_3x.tmp"  # a complete model, writer killed
        live_tmp = tmp_path / f".model.pt.{live.pid}.def45_6y.tmp"  # another process is writing
        old_legacy = tmp_path / ".model.pt.k2j4h5g6.tmp"  # DigitPad before PIDs were in the names
        new_legacy = tmp_path / ".other.pt.a1b2c3d4.tmp"
        user_file = tmp_path / "notes.tmp"
        for f in (dead_tmp, live_tmp, old_legacy, new_legacy, user_file):
            f.write_bytes(b"x" * 100)
        stale = time.time() - LEGACY_TEMP_AGE - 60
        os.utime(old_legacy, (stale, stale))
        atomic_write(tmp_path / "model.pt", lambda fh: fh.write(b"model"))
        assert sorted(os.listdir(tmp_path)) == sorted([live_tmp.name, new_legacy.name, "model.pt", "notes.tmp"])
        live.kill()
        live.wait()
        assert remove_stale_temps(tmp_path) == [live_tmp]
    finally:
        live.kill()


def test_os_errors_read_as_words():
    import errno

    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/x")) == "no space left on device"
    assert describe_os_error(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
