"""A Jupyter kernel that runs this very interpreter, so notebooks see the installed package.

A kernelspec named `python3` may point to another Python (a global Jupyter, a conda base);
ours has its own name and lives in this environment's prefix.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KERNEL_NAME = "dantoc-analysis"


def kernel_spec() -> dict:
    return {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--log-level=ERROR"],
        "display_name": "Python (dantoc-analysis)",
        "language": "python",
        "metadata": {"debugger": False},
    }


def ensure_kernel() -> str:
    """Install (or refresh) the kernelspec in sys.prefix; return its name."""
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    wanted = json.dumps(kernel_spec(), indent=1, sort_keys=True)
    spec = folder / "kernel.json"
    if not spec.is_file() or spec.read_text(encoding="utf-8") != wanted:
        folder.mkdir(parents=True, exist_ok=True)
        spec.write_text(wanted, encoding="utf-8")
    return KERNEL_NAME
