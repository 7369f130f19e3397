#!/usr/bin/env python3
"""The largest |d²λ/dt²| (degrees/day²) of each planet's geocentric apparent ecliptic longitude of date over
-3000..+3000, from Swiss Ephemeris speeds (Moshier theory) a day apart (half a day for Mercury): the measured
figures behind `Motion.longitudeAcceleration` in Sources/Events/Tracker.swift, which the station search uses as
its bound (with half as much again for margin).

Run it in a scratch environment with pyswisseph (e.g. the venv scripts/bench-events.sh makes under /tmp):
    /tmp/skyrecon-swe-venv/bin/python scripts/longitude_acceleration_pyswisseph.py [planet ...]
It takes about a minute a planet.
"""
import sys

import swisseph as swe

PLANETS = {"mercury": swe.MERCURY, "venus": swe.VENUS, "mars": swe.MARS, "jupiter": swe.JUPITER,
           "saturn": swe.SATURN, "uranus": swe.URANUS, "neptune": swe.NEPTUNE, "pluto": swe.PLUTO}


def largest(body, step):
    t, end = swe.julday(-3000, 1, 1, 0), swe.julday(3000, 1, 1, 0)
    previous, worst, at = None, 0.0, t
    while t < end:
        speed = swe.calc(t, body, swe.FLG_MOSEPH | swe.FLG_SPEED)[0][3]
        if previous is not None and abs(speed - previous) / step > worst:
            worst, at = abs(speed - previous) / step, t
        previous = speed
        t += step
    return worst, at


if __name__ == "__main__":
    for name in sys.argv[1:] or list(PLANETS):
        if name not in PLANETS:
            sys.exit(f"unknown planet {name!r}: use one of {', '.join(PLANETS)}")
        worst, at = largest(PLANETS[name], 0.5 if name == "mercury" else 1.0)
        print(f"{name}: {worst:.5f} deg/day^2 (at JD {at:.1f})", flush=True)
