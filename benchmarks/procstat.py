"""Memory figures of this process from /proc (Linux), for the benchmarks' peak-memory columns."""

from __future__ import annotations

from pathlib import Path


def status_kb(key: str) -> int:
    """A /proc/self/status figure in kB (``VmRSS``, ``VmHWM``; 0 where there is no /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak() -> None:
    """Reset VmHWM (the peak) to the current RSS."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
