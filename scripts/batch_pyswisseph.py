"""The issue-7 batch job written as a user would with pyswisseph: rows `row,body,jd_tt` in, apparent RA/Dec,
ecliptic longitude/latitude and distance out, as CSV. Run by scripts/bench-batch.sh beside skyrecon.

pyswisseph's default ephemeris (no ephemeris files installed) is the built-in Moshier theory; swe.calc takes
Terrestrial Time, so `jd_tt` goes in as given. Usage: python batch_pyswisseph.py rows.csv > out.csv
"""
import csv
import sys

import swisseph as swe

BODIES = {"sun": swe.SUN, "moon": swe.MOON, "mercury": swe.MERCURY, "venus": swe.VENUS, "mars": swe.MARS,
          "jupiter": swe.JUPITER, "saturn": swe.SATURN, "uranus": swe.URANUS, "neptune": swe.NEPTUNE}


def main(path):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["row", "body", "jd_tt", "ra_app_deg", "dec_app_deg", "lon_app_deg", "lat_app_deg", "dist_au"])
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            body = BODIES[r["body"].strip().lower()]
            jd = float(r["jd_tt"])
            (ra, dec, dist, *_), _ = swe.calc(jd, body, swe.FLG_EQUATORIAL)
            (lon, lat, *_), _ = swe.calc(jd, body, 0)
            out.writerow([r["row"], r["body"], r["jd_tt"], f"{ra:.9f}", f"{dec:.9f}", f"{lon:.9f}", f"{lat:.9f}",
                          f"{dist:.12f}"])


if __name__ == "__main__":
    main(sys.argv[1])
