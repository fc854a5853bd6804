"""Write every corpus case into a folder, one subfolder per case: `python -m corpus DIR`."""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import load

if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")
    for name, found in sorted(load().items()):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        args = found.build(folder)
        print(f"{name}: netreport {' '.join(args)}  (expect exit {found.exit_code})")
