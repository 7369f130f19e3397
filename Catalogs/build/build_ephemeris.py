#!/usr/bin/env python3
"""Build Catalogs/ephemeris-de422-compact.fits: a compact Chebyshev refit of JPL DE422.

Source: the PyPI package `de422` (2009.1), which holds DE422 as jplephem-1.x `.npy` arrays: one array
per body of shape (records, 3, coefficients), Chebyshev coefficients in km for equal records spanning
`jalpha`..`jomega` (TDB Julian dates, in `constants.npy` together with AU and EMRAT).

What this script does, per body (Sun, Moon geocentric, Mercury, Venus, EMB, Mars, Jupiter..Neptune
system barycentres, Pluto):
  1. evaluates DE422 at the Chebyshev-Lobatto nodes x_j = cos(pi j / N) of each new record (the nodes
     include both ends, so neighbouring records agree in position up to the quantisation step);
  2. takes the interpolating Chebyshev series of degree N (a DCT-I of the node values);
  3. quantises every coefficient to an integer multiple of one step q (km) per body and stores each
     coefficient index (per axis) with the fewest bits that hold its largest value over the whole span
     (two's complement, MSB first), all of a record's fields packed into one fixed-length byte vector;
  4. writes one FITS binary-table HDU per body through CFITSIO (the `fitsio` package), one row per record,
     column PACKED (uint8 vector), header keywords giving the layout (see `write_fits`);
  5. checks the result against DE422 at random epochs and prints max/median geocentric angular errors.

Usage:  build_ephemeris.py [--source PATH] [--out FILE] [--check N]
  --source   a de422 tarball, the de422 package directory, or omit to import the installed `de422` package
Run through build_ephemeris.sh, which sets up the virtual environment.
"""
import argparse
import io
import os
import sys
import tarfile
import time

import numpy as np

GENERATOR_VERSION = "1.1"  # 1.1: the check includes record ends (same data as 1.0)

# body -> (DE array name, record length target in days, degree N, quantisation step q in km)
# Chosen so that the geocentric angular error stays well inside 0.02" (planets, Sun) and 0.05" (Moon)
# at the closest approach of each body, counting the EMB error that enters every geocentric vector,
# that velocities (series derivative) stay within ~1e-4 relative, and that every integer fits 32 bits
# (the reader's mantissa size; the EMB's largest coefficient is 1.52e8 km / 0.075 km < 2^31).
BODIES = {
    "SUN":     ("sun",       128.0, 14, 0.02),
    "MOON":    ("moon",       32.0, 34, 0.006),
    "MERCURY": ("mercury",    64.0, 30, 0.3),
    "VENUS":   ("venus",     128.0, 26, 0.15),
    "EMB":     ("earthmoon", 128.0, 24, 0.075),
    "MARS":    ("mars",      128.0, 16, 0.25),
    "JUPITER": ("jupiter",   128.0, 12, 2.0),
    "SATURN":  ("saturn",    256.0, 12, 4.0),
    "URANUS":  ("uranus",    512.0, 12, 8.0),
    "NEPTUNE": ("neptune",   512.0, 12, 12.0),
    "PLUTO":   ("pluto",     512.0, 12, 15.0),
}
NAIF = {"SUN": 10, "MOON": 301, "MERCURY": 1, "VENUS": 2, "EMB": 3, "MARS": 4, "JUPITER": 5,
        "SATURN": 6, "URANUS": 7, "NEPTUNE": 8, "PLUTO": 9}


class DE422:
    """Evaluates the jplephem-1.x DE422 arrays (positions in km, times in days since jalpha)."""

    def __init__(self, source):
        self.arrays = {}
        self._open(source)
        consts = dict((k.decode("ascii"), float(v)) for k, v in self._load("constants"))
        self.constants = consts
        self.jalpha = consts["jalpha"]
        self.jomega = consts["jomega"]
        self.emrat = consts["EMRAT"]
        self.au = consts["AU"]

    def _open(self, source):
        if source is None:
            import de422  # installed by `pip install de422==2009.1`
            source = os.path.dirname(de422.__file__)
        self.tar = None
        if os.path.isfile(source):
            self.tar = tarfile.open(source)
            self.members = {os.path.basename(m.name): m for m in self.tar.getmembers() if m.name.endswith(".npy")}
        else:
            self.dir = source

    def _load(self, name):
        fname = name + ".npy" if name == "constants" else "jpl-%s.npy" % name
        if self.tar is not None:
            data = self.tar.extractfile(self.members[fname]).read()
            return np.load(io.BytesIO(data), allow_pickle=(name == "constants"), encoding="latin1")
        return np.load(os.path.join(self.dir, fname), allow_pickle=(name == "constants"), encoding="latin1",
                       mmap_mode=None if name == "constants" else "r")

    def coefficients(self, name):
        if name not in self.arrays:
            self.arrays[name] = self._load(name)
        return self.arrays[name]

    def position(self, name, t, derivative=False):
        """Positions (n, 3) in km (or velocities in km/day) at `t` = days since jalpha (float array)."""
        coef = self.coefficients(name)
        nsets, _, ncoef = coef.shape
        span = self.jomega - self.jalpha
        length = span / nsets
        index = np.floor(t / length).astype(np.int64)
        index = np.clip(index, 0, nsets - 1)
        x = 2.0 * (t - index * length) / length - 1.0
        c = np.asarray(coef[index])  # (n, 3, ncoef)
        return clenshaw_derivative(c, x) * (2.0 / length) if derivative else clenshaw(c, x)


def clenshaw(c, x):
    """Sum_k c[..., k] T_k(x) for c of shape (n, 3, K) and x of shape (n,)."""
    b1 = np.zeros(c.shape[:2])
    b2 = np.zeros(c.shape[:2])
    x2 = (2.0 * x)[:, None]
    for k in range(c.shape[2] - 1, 0, -1):
        b1, b2 = x2 * b1 - b2 + c[:, :, k], b1
    return (x[:, None] * b1 - b2 + c[:, :, 0])


def clenshaw_derivative(c, x):
    """d/dx of Sum_k c[..., k] T_k(x) (Clenshaw recurrence differentiated term by term)."""
    b1 = np.zeros(c.shape[:2]); b2 = np.zeros(c.shape[:2])
    d1 = np.zeros(c.shape[:2]); d2 = np.zeros(c.shape[:2])
    x2 = (2.0 * x)[:, None]
    for k in range(c.shape[2] - 1, 0, -1):
        d1, d2 = 2.0 * b1 + x2 * d1 - d2, d1
        b1, b2 = x2 * b1 - b2 + c[:, :, k], b1
    return b1 + x[:, None] * d1 - d2


def lobatto_fit(values):
    """Chebyshev coefficients (..., N+1) interpolating values (..., N+1) given at x_j = cos(pi j/N)."""
    n = values.shape[-1] - 1
    j = np.arange(n + 1)
    w = np.ones(n + 1)
    w[0] = w[-1] = 0.5
    cosm = np.cos(np.pi * np.outer(j, j) / n)  # [k, j]
    coef = (2.0 / n) * np.einsum("...j,kj->...k", values * w, cosm)
    coef[..., 0] *= 0.5
    coef[..., -1] *= 0.5
    return coef


def fit_body(de, key, chunk=20000):
    name, target_len, degree, step = BODIES[key]
    span = de.jomega - de.jalpha
    nrec = int(round(span / target_len))
    length = span / nrec
    x = np.cos(np.pi * np.arange(degree + 1) / degree)
    ints = np.empty((nrec, 3, degree + 1), dtype=np.int64)
    for start in range(0, nrec, chunk):
        stop = min(nrec, start + chunk)
        rec = np.arange(start, stop)
        t = (rec[:, None] * length + (x[None, :] + 1.0) * 0.5 * length).ravel()
        # keep the end node of the last record inside DE422
        t = np.minimum(t, span)
        pos = de.position(name, t).reshape(stop - start, degree + 1, 3)
        coef = lobatto_fit(np.transpose(pos, (0, 2, 1)))
        ints[start:stop] = np.rint(coef / step).astype(np.int64)
    return dict(key=key, name=name, nrec=nrec, length=length, degree=degree, step=step, ints=ints)


def field_widths(ints):
    """Bits (two's complement) per (axis, index) that hold every value in that field."""
    lo = ints.min(axis=0)
    hi = ints.max(axis=0)
    need = np.maximum(hi, -lo - 1)
    widths = np.ones_like(need)
    for i, v in np.ndenumerate(need):
        widths[i] = int(v).bit_length() + 1
    return widths


def pack(ints, widths):
    """Packs (nrec, 3, K) ints into (nrec, nbytes) uint8, field by field (axis-major), MSB first."""
    nrec = ints.shape[0]
    flat_ints = ints.reshape(nrec, -1)
    flat_w = widths.reshape(-1)
    total = int(flat_w.sum())
    nbytes = (total + 7) // 8
    out = np.zeros((nrec, nbytes), dtype=np.uint8)
    chunk = 50000
    for start in range(0, nrec, chunk):
        stop = min(nrec, start + chunk)
        bits = np.zeros((stop - start, nbytes * 8), dtype=np.uint8)
        pos = 0
        for f, w in enumerate(flat_w):
            w = int(w)
            u = (flat_ints[start:stop, f] & ((1 << w) - 1)).astype(np.uint64)
            shifts = np.arange(w - 1, -1, -1, dtype=np.uint64)
            bits[:, pos:pos + w] = ((u[:, None] >> shifts[None, :]) & np.uint64(1)).astype(np.uint8)
            pos += w
        out[start:stop] = np.packbits(bits, axis=1)
    return out, total


def unpack(packed, widths):
    """Inverse of `pack` (used to verify the stored file, mirroring the Swift reader)."""
    nrec = packed.shape[0]
    flat_w = widths.reshape(-1)
    bits = np.unpackbits(packed, axis=1)
    out = np.empty((nrec, flat_w.size), dtype=np.int64)
    pos = 0
    for f, w in enumerate(flat_w):
        w = int(w)
        weights = (1 << np.arange(w - 1, -1, -1, dtype=np.int64))
        u = bits[:, pos:pos + w].astype(np.int64) @ weights
        out[:, f] = np.where(u >= (1 << (w - 1)), u - (1 << w), u)
        pos += w
    return out.reshape(nrec, 3, -1)


class Compact:
    """Evaluates the compact refit from decoded integer coefficients (as the Swift reader does)."""

    def __init__(self, bodies, jalpha):
        self.bodies = bodies
        self.jalpha = jalpha

    def position(self, key, t, derivative=False):
        b = self.bodies[key]
        index = np.clip(np.floor(t / b["length"]).astype(np.int64), 0, b["nrec"] - 1)
        x = 2.0 * (t - index * b["length"]) / b["length"] - 1.0
        c = b["ints"][index].astype(np.float64) * b["step"]
        return clenshaw_derivative(c, x) * (2.0 / b["length"]) if derivative else clenshaw(c, x)


def write_fits(path, de, bodies):
    import fitsio

    if os.path.exists(path):
        os.remove(path)
    with fitsio.FITS(path, "rw") as f:
        f.write(None, header=[
            {"name": "SOURCE", "value": "DE422", "comment": "JPL DE422 (Folkner 2011), PyPI de422 2009.1"},
            {"name": "MODEL", "value": "JPL DE422, skyrecon compact refit", "comment": "citable name"},
            {"name": "GENERATR", "value": "build_ephemeris.py " + GENERATOR_VERSION, "comment": "Catalogs/build"},
            {"name": "TIMESCAL", "value": "TDB", "comment": "time argument"},
            {"name": "FRAME", "value": "ICRF", "comment": "axes (DE422 frame)"},
            {"name": "JDSTART", "value": de.jalpha, "comment": "first TDB Julian date covered"},
            {"name": "JDEND", "value": de.jomega, "comment": "last TDB Julian date covered"},
            {"name": "EMRAT", "value": de.emrat, "comment": "Earth/Moon mass ratio (DE422)"},
            {"name": "AU", "value": de.au, "comment": "km per au (DE422)"},
            {"name": "NBODIES", "value": len(bodies), "comment": "number of body HDUs"},
        ])
        for key, b in bodies.items():
            widths = b["widths"]
            packed = b["packed"]
            nbytes = packed.shape[1]
            data = np.zeros(b["nrec"], dtype=[("PACKED", "u1", (nbytes,))])
            data["PACKED"] = packed
            header = [
                {"name": "BODY", "value": key, "comment": "body (Moon: geocentric; others barycentric)"},
                {"name": "NAIFID", "value": NAIF[key], "comment": "NAIF id of the body"},
                {"name": "CENTER", "value": 399 if key == "MOON" else 0, "comment": "NAIF id of the origin"},
                {"name": "JDSTART", "value": de.jalpha, "comment": "TDB Julian date of record 0 start"},
                {"name": "RECDAYS", "value": b["length"], "comment": "record length (days)"},
                {"name": "NRECORDS", "value": b["nrec"], "comment": "records (table rows)"},
                {"name": "DEGREE", "value": b["degree"], "comment": "Chebyshev degree N (N+1 coeffs per axis)"},
                {"name": "QSTEP", "value": b["step"], "comment": "km per integer unit of every coefficient"},
                {"name": "UNITS", "value": "km", "comment": "position unit; velocity from derivative"},
                {"name": "NBITS", "value": int(b["total_bits"]), "comment": "used bits per record"},
                {"name": "WIDTHS", "value": ",".join(str(int(w)) for w in widths.reshape(-1)),
                 "comment": "bits per field, x0..xN,y0..yN,z0..zN"},
                {"name": "PACKING", "value": "twos-complement MSB-first", "comment": "field encoding"},
                {"name": "FITNODES", "value": "Chebyshev-Lobatto", "comment": "interpolation nodes"},
                {"name": "MAXERR", "value": float(b.get("maxerr_arcsec", 0.0)),
                 "comment": "measured max geocentric error (arcsec)"},
            ]
            f.write(data, extname=key, header=header)
            f[key].write_checksum()
        f[0].write_checksum()


def angle_between(a, b):
    cross = np.linalg.norm(np.cross(a, b), axis=1)
    dot = np.einsum("ij,ij->i", a, b)
    return np.arctan2(cross, dot) * 206264.80624709636


def check(de, compact, n, seed=20260101):
    """Errors of every body vs DE422 at n random epochs plus both sides of every record boundary.

    The ends of a record are where the quantisation errors of all coefficients add up (|T_k(+-1)| = 1),
    so the largest errors sit there; random epochs alone would understate them. Medians are taken over
    the random epochs only.
    """
    rng = np.random.default_rng(seed)
    span = de.jomega - de.jalpha
    edges = np.unique(np.concatenate([np.arange(1, b["nrec"]) * b["length"] for b in compact.bodies.values()]))
    t = np.concatenate([rng.uniform(0.0, span, n), edges - 1e-6, edges + 1e-6])
    share = 1.0 / (1.0 + de.emrat)
    moon_de = de.position("moon", t)
    moon_c = compact.position("MOON", t)
    earth_de = de.position("earthmoon", t) - share * moon_de
    earth_c = compact.position("EMB", t) - share * moon_c
    results = {}
    for key, b in compact.bodies.items():
        if key == "EMB":
            continue
        if key == "MOON":
            g_de, g_c = moon_de, moon_c
        else:
            g_de = de.position(b["name"], t) - earth_de
            g_c = compact.position(key, t) - earth_c
        err = angle_between(g_de, g_c)
        km = np.linalg.norm(g_de - g_c, axis=1) if key == "MOON" else np.linalg.norm(
            de.position(b["name"], t) - compact.position(key, t), axis=1)
        v_de = de.position(b["name"], t, derivative=True)
        v_c = compact.position(key, t, derivative=True)
        vrel = np.linalg.norm(v_de - v_c, axis=1) / np.linalg.norm(v_de, axis=1)
        results[key] = (err.max(), np.median(err[:n]), km.max(), vrel.max())
    emb_km = np.linalg.norm(de.position("earthmoon", t) - compact.position("EMB", t), axis=1)
    v_de = de.position("earthmoon", t, derivative=True)
    vrel = np.linalg.norm(v_de - compact.position("EMB", t, derivative=True), axis=1) / np.linalg.norm(v_de, axis=1)
    results["EMB"] = (float("nan"), float("nan"), emb_km.max(), vrel.max())
    return results


def verify_file(path, bodies):
    """Reads the written file back through CFITSIO and checks every decoded integer."""
    import fitsio

    with fitsio.FITS(path) as f:
        for key, b in bodies.items():
            hdu = f[key]
            header = hdu.read_header()
            widths = np.array([int(w) for w in header["WIDTHS"].rstrip("&").split(",")]).reshape(b["widths"].shape)
            packed = hdu.read()["PACKED"]
            if not (np.array_equal(widths, b["widths"]) and np.array_equal(unpack(packed, widths), b["ints"])):
                raise SystemExit("verification of %s in %s failed" % (key, path))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", help="de422 tarball or package directory (default: installed de422)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                  "ephemeris-de422-compact.fits"))
    ap.add_argument("--check", type=int, default=100000, help="random epochs for the final check")
    ap.add_argument("--bodies", default=",".join(BODIES), help="comma-separated subset (for experiments)")
    ap.add_argument("--set", action="append", default=[],
                    help="override BODY=days,degree,step (for experiments)")
    args = ap.parse_args()
    for s in args.set:
        k, v = s.split("=")
        d, n, q = v.split(",")
        BODIES[k] = (BODIES[k][0], float(d), int(n), float(q))

    t0 = time.time()
    de = DE422(args.source)
    keys = args.bodies.split(",")
    for needed in ("MOON", "EMB"):
        if needed not in keys:
            keys.append(needed)
    bodies = {}
    for key in keys:
        b = fit_body(de, key)
        b["widths"] = field_widths(b["ints"])
        if b["widths"].max() > 32:
            # the Swift reader keeps 32-bit mantissas: raise the step instead
            raise SystemExit("%s needs %d-bit coefficients; use a step above %g km" % (
                key, b["widths"].max(), b["step"]))
        b["packed"], b["total_bits"] = pack(b["ints"], b["widths"])
        assert np.array_equal(unpack(b["packed"][:1000], b["widths"]), b["ints"][:1000])
        bodies[key] = b
        print("%-8s %7d records of %8.3f d, degree %2d, step %6.3f km, %4d bits/record, %8.3f MB  (%.0f s)" % (
            key, b["nrec"], b["length"], b["degree"], b["step"], b["total_bits"],
            b["packed"].nbytes / 1e6, time.time() - t0), flush=True)
    total = sum(b["packed"].nbytes for b in bodies.values())
    print("payload %.3f MB" % (total / 1e6))

    compact = Compact(bodies, de.jalpha)
    res = check(de, compact, args.check)
    print("check against DE422 at %d random epochs (seed 20260101) and both sides of every record boundary:"
          % args.check)
    print("  body     geocentric angle (arcsec)   max position   max relative")
    print("               max    median(random)  error (km)   velocity error")
    for key, (mx, med, km, vrel) in res.items():
        bodies[key]["maxerr_arcsec"] = 0.0 if np.isnan(mx) else mx
        print("  %-8s %9.5f  %9.5f   %11.4f   %11.2e" % (key, mx, med, km, vrel))
    print("  (Moon: geocentric; EMB: barycentric position only; others: geocentric angle, barycentric km)")
    write_fits(args.out, de, bodies)
    verify_file(args.out, bodies)
    print("wrote and verified %s: %.3f MB (%.0f s)" % (args.out, os.path.getsize(args.out) / 1e6,
                                                       time.time() - t0))


if __name__ == "__main__":
    main()
