#!/usr/bin/env python3
"""Independent check of `skyrecon verify` evidence: the geocentric minimum separation over the night between a
record's subject (Moon or planet) and the star skyrecon named as nearest, recomputed from a JPL DE file with ERFA.

Nothing here shares code with skyrecon: the body comes from the JPL ephemeris through jplephem (DE406, PyPI
package `de406`, or any DE module package given with --de), light time is iterated, annual aberration applied
with erfa.ab, the star moved from the Hipparcos epoch J1991.25 with erfa.pmsafe; separations are taken between
the two GCRS directions (precession and nutation rotate both alike and drop out). The night is the same
definition as skyrecon's and the reference's: 18:00 local mean time on civil day D to 06:00 on D+1 at the site,
with the ΔT skyrecon reports in `evidence.delta_t_band.delta_t_s`. Star data are read from Catalogs/stars.fits
(the Hipparcos values, epoch J1991.25).

Set up a scratch environment (never committed):
    python3 -m venv /tmp/venv-verify && /tmp/venv-verify/bin/pip install numpy pyerfa jplephem fitsio de406
Run:
    skyrecon verify --input ../shared/corpus/records-dev.tsv --delta-t smh2016 --no-best-date --format jsonl > /tmp/v.jsonl
    /tmp/venv-verify/bin/python scripts/verify_evidence_check.py /tmp/v.jsonl [--tolerance 0.05]
Prints one line per record that differs by more than the tolerance and a summary; exits 1 when under 95 % agree.
"""
import argparse, csv, importlib, json, math, os, sys

import erfa
import fitsio
import numpy as np
from jplephem.ephem import Ephemeris

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
AU_KM = 149597870.7
C_AU_DAY = 173.1446326846693
BODIES = {"Moon": "moon", "Mercury": "mercury", "Venus": "venus", "Mars": "mars", "Jupiter": "jupiter", "Saturn": "saturn"}


def sites():
    out = {}
    with open(os.path.join(root, "Catalogs", "sites.tsv"), encoding="utf-8") as f:
        rows = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(rows, delimiter="\t"):
        out[r["key"]] = float(r["lon_deg"])
    return out


def stars():
    t = fitsio.read(os.path.join(root, "Catalogs", "stars.fits"), ext="STARS")
    return {int(h): (ra, de, pmra, pmde, plx) for h, ra, de, pmra, pmde, plx in
            zip(t["HIP"], t["RA_DEG"], t["DEC_DEG"], t["PMRA_MAS_YR"], t["PMDEC_MAS_YR"], t["PLX_MAS"])}


class Sky:
    def __init__(self, module):
        self.e = Ephemeris(importlib.import_module(module))
        self.earth_share = 1.0 / (1.0 + self.e.EMRAT)

    def earth(self, jd):
        emb, embv = self.e.position_and_velocity("earthmoon", jd)
        moon, moonv = self.e.position_and_velocity("moon", jd)
        return (emb - moon * self.earth_share) / AU_KM, (embv - moonv * self.earth_share) / AU_KM

    def body_from_earth(self, name, jd, earth_pos):
        """Geocentric position of the body at jd, retarded by light time (au)."""
        tau = 0.0
        for _ in range(3):
            if name == "moon":
                p = self.e.position("moon", jd - tau) / AU_KM
            else:
                p = self.e.position(name, jd - tau) / AU_KM - earth_pos
            tau = np.linalg.norm(p, axis=0) / C_AU_DAY
        return p

    def apparent(self, name, jd):
        ep, ev = self.earth(jd)
        p = self.body_from_earth(name, jd, ep)
        sun = self.e.position("sun", jd) / AU_KM - ep
        return aberrate(p, ev, sun)


def aberrate(p, ev, sun):
    """Unit vectors (3, n) with annual aberration (erfa.ab); ev in au/day, sun = Sun − Earth (au)."""
    p = np.atleast_2d(p.T)
    ev = np.atleast_2d(ev.T)
    sun = np.atleast_2d(sun.T)
    pn = p / np.linalg.norm(p, axis=1)[:, None]
    v = ev / C_AU_DAY
    s = np.linalg.norm(sun, axis=1)
    bm1 = np.sqrt(1 - np.sum(v * v, axis=1))
    return erfa.ab(pn, v, s, bm1)


def star_direction(star, jd):
    ra, de, pmra, pmde, plx = star
    dec = math.radians(de)
    pmr = math.radians(pmra / 3.6e6) / math.cos(dec)
    pmd = math.radians(pmde / 3.6e6)
    ra2, de2, *_ = erfa.pmsafe(math.radians(ra), dec, pmr, pmd, max(plx, 0) / 1000, 0.0, 2448349.0625, 0.0, jd, 0.0)
    return erfa.s2c(ra2, de2)


def sep_deg(a, b):
    cross = np.linalg.norm(np.cross(a, b), axis=-1)
    return np.degrees(np.arctan2(cross, np.sum(a * b, axis=-1)))


def night_minimum(sky, body, star, jdn, lon, delta_t):
    start_ut = jdn - 0.5 + 0.75 - lon / 360
    jd = start_ut + delta_t / 86400 + np.arange(0, 0.5 + 1e-9, 2 / 1440)
    pos = sky.apparent(body, jd)
    ep, ev = sky.earth(jd[len(jd) // 2])
    sd = star_direction(star, jd[len(jd) // 2])
    sun = sky.e.position("sun", jd[len(jd) // 2]) / AU_KM - ep
    sd = aberrate(sd.reshape(3, 1) * 1e9, ev.reshape(3, 1), sun.reshape(3, 1))[0]
    s = sep_deg(pos, sd)
    i = int(np.argmin(s))
    lo, hi = jd[max(i - 1, 0)], jd[min(i + 1, len(jd) - 1)]
    fine = np.linspace(lo, hi, 241)
    return float(np.min(sep_deg(sky.apparent(body, fine), sd)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl")
    ap.add_argument("--de", default="de406", help="DE module package for jplephem (default de406)")
    ap.add_argument("--tolerance", type=float, default=0.05)
    a = ap.parse_args()
    sky, cat, lon = Sky(a.de), stars(), sites()
    n = ok = 0
    worst = 0.0
    for line in open(a.jsonl, encoding="utf-8"):
        o = json.loads(line)
        e = o.get("evidence") or {}
        star, body = str(e.get("star", "")), BODIES.get(o.get("subject", ""))
        if not star.startswith("HIP") or body is None or e.get("min_sep_deg") is None or o.get("test") == "eclipse":
            continue
        band = e.get("delta_t_band") or {}
        hip = int(star[3:])
        if hip not in cat or e.get("site") not in lon or "delta_t_s" not in band:
            continue
        got = night_minimum(sky, body, cat[hip], int(e["jdn"]), lon[e["site"]], band["delta_t_s"])
        d = abs(got - e["min_sep_deg"])
        worst = max(worst, d)
        n += 1
        ok += d <= a.tolerance
        if d > a.tolerance:
            print(f"{o['id']} {o['subject']} {star}: skyrecon {e['min_sep_deg']:.4f} deg, {a.de}+ERFA {got:.4f} deg")
    print(f"{ok}/{n} records within {a.tolerance} deg of {a.de} + ERFA; largest difference {worst:.4f} deg")
    sys.exit(0 if n and ok >= 0.95 * n else 1)


if __name__ == "__main__":
    main()
