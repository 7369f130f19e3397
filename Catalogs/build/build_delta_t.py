#!/usr/bin/env python3
"""Build Catalogs/delta-t-smh2020.tsv from Skyfield's bundled delta_t.npz.

Source: the PyPI package `skyfield` (MIT licence), file skyfield/data/delta_t.npz, array
"Table-S15.2020.txt": the cubic-spline coefficients of Morrison, Stephenson, Hohenkerk &
Zawilski, "Addendum 2020 to 'Measurement of the Earth's rotation: 720 BC to AD 2015'",
Proc. R. Soc. A 477 (2021) 20200776.  The npz array is 6 x N: rows are start year, end year,
then the cubic coefficients a3, a2, a1, a0 (highest power first, as skyfield.curvelib.Splines
evaluates them by Horner's rule with t = (year - start) / (end - start)).  The TSV is written in
the paper's own column order: K_i, K_i+1, a0, a1, a2, a3.

Usage (from the repository root):  python3 Catalogs/build/build_delta_t.py
The script creates Catalogs/build/.venv and installs skyfield==1.55 there if skyfield is not
importable; pass --python-only to skip that and use the running interpreter as is.
"""
import os
import subprocess
import sys

SKYFIELD_VERSION = "1.55"
HERE = os.path.dirname(os.path.abspath(__file__))
CATALOGS = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
OUT = os.path.join(CATALOGS, "delta-t-smh2020.tsv")


def ensure_skyfield():
    try:
        import skyfield  # noqa: F401
        import numpy  # noqa: F401
        return
    except ImportError:
        pass
    if "--python-only" in sys.argv or os.environ.get("SKYRECON_IN_VENV"):
        sys.exit("skyfield is not importable: run `pip install skyfield==%s` first" % SKYFIELD_VERSION)
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "--quiet", "skyfield==%s" % SKYFIELD_VERSION])
    env = dict(os.environ, SKYRECON_IN_VENV="1")
    os.execve(python, [python, os.path.abspath(__file__)] + sys.argv[1:], env)


def main():
    ensure_skyfield()
    import numpy as np
    import skyfield
    from skyfield.functions import load_bundled_npy

    table = load_bundled_npy("delta_t.npz")["Table-S15.2020.txt"]
    if table.shape[0] != 6:
        sys.exit("unexpected shape %r of Table-S15.2020.txt" % (table.shape,))
    start, end, a3, a2, a1, a0 = table
    if not np.all(end[:-1] == start[1:]):
        sys.exit("spline segments are not contiguous")
    lines = [
        "# Delta T = TT - UT1 (seconds): cubic spline of Morrison, Stephenson, Hohenkerk & Zawilski,",
        "# \"Addendum 2020 to 'Measurement of the Earth's rotation: 720 BC to AD 2015'\",",
        "# Proc. R. Soc. A 477 (2021) 20200776 (Table S15, version 2020).",
        "# Extracted from skyfield %s (PyPI package `skyfield`, MIT licence), skyfield/data/delta_t.npz," % skyfield.__version__,
        "# array Table-S15.2020.txt, by Catalogs/build/build_delta_t.py.  Do not edit by hand.",
        "# Segment i covers years K_i <= y < K_i+1; with t = (y - K_i) / (K_i+1 - K_i):",
        "#   Delta T = a0 + a1 t + a2 t^2 + a3 t^3",
        "start_year\tend_year\ta0\ta1\ta2\ta3",
    ]
    for row in zip(start, end, a0, a1, a2, a3):
        lines.append("\t".join(_fmt(v) for v in row))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s (%d segments, %g..%g)" % (OUT, len(start), start[0], end[-1]))


def _fmt(v):
    text = "%.3f" % v
    return "0.000" if text == "-0.000" else text


if __name__ == "__main__":
    main()
