"""Drives the skyrecon CLI from Python: Venus's separation from Alcyone (the Pleiades' principal star) over the
spring of 757, from `skyrecon positions --input … --format jsonl`, plotted as a PNG.

Usage: python3 plot_venus_pleiades.py SKYRECON_BINARY OUT.png
(matplotlib is needed; Examples/run.sh installs it in a scratch virtual environment.)
"""
import csv, json, math, os, subprocess, sys, tempfile

skyrecon, out_png = sys.argv[1], sys.argv[2]

# One row per body per evening: Julian days (TT) at about 12h TT, i.e. early evening in Chang'an.
start_jd = 1997590.0                      # 0757-02-07 (Julian)
with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["row", "body", "jd_tt"])
    for k in range(70):
        for body in ("venus", "HIP17702"):
            w.writerow([k, body, start_jd + k])
result = subprocess.run([skyrecon, "positions", "--input", f.name, "--format", "jsonl"],
                        capture_output=True, text=True, check=True)
os.unlink(f.name)
places = {}
for line in result.stdout.splitlines():
    o = json.loads(line)
    places.setdefault(int(o["row"]), {})[o["body"]] = o

def separation(a, b):
    ra1, d1, ra2, d2 = (math.radians(float(x)) for x in (a["ra_app_deg"], a["dec_app_deg"], b["ra_app_deg"], b["dec_app_deg"]))
    c = math.sin(d1) * math.sin(d2) + math.cos(d1) * math.cos(d2) * math.cos(ra1 - ra2)
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))

days, seps = [], []
for k in sorted(places):
    p = places[k]
    days.append(k)
    seps.append(separation(p["venus"], p["HIP17702"]))
best = min(range(len(seps)), key=seps.__getitem__)
print(f"closest evening: day {days[best]} after 0757-02-07 (Julian), {seps[best]:.3f} deg")

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(days, seps, marker=".")
ax.axhline(1.0, color="grey", linestyle=":", label="threshold of fan, 1°")
ax.set_xlabel("days after 0757-02-07 (Julian), 12h TT")
ax.set_ylabel("Venus – Alcyone (deg, geocentric apparent)")
ax.set_title("Venus and the Pleiades, spring 757 (skyrecon, DE422)")
ax.legend()
fig.tight_layout()
fig.savefig(out_png, dpi=100)
print(f"wrote {out_png}")
