"""Write the synthetic HMS survey files: ``python data/hms/generate.py [--seed N] [--out DIR]``.

A thin wrapper around :func:`analysis.hms.synthetic.write`; the same seed always gives
byte-identical files. See ``data/hms/README.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run as a script from any folder: make the project's package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from analysis.hms import synthetic  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, write the two files and print their paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED,
                        help=f"random seed (default {synthetic.DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="folder to write into (default: data/hms/)")
    args = parser.parse_args(argv)
    for path in synthetic.write(args.out, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
