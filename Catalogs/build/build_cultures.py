"""Builds the sky-culture catalogues of skyrecon.

Outputs (in the Catalogs folder):
  constellations.fits      the 88 IAU constellations (abbreviation, Latin name, genitive, English), their figure
                           lines (stellarium-data, skycultures/western/constellationship.fab) and the IAU
                           boundaries (Roman 1987, CDS VI/42, B1875.0; astropy's constellation_data_roman87.dat)
  asterisms-chinese.fits   the 318 asterisms (星官) of Stellarium's "chinese" sky culture: pinyin, English,
                           figure lines and members (ASCII only)
  asterisms-chinese.tsv    their names in traditional and simplified characters, pinyin with tones, English
  chinese-star-names.tsv   the Chinese names of member stars (e.g. 昴宿六 = HIP 17702)

The Chinese sky culture is Stellarium's (CC BY-SA 4.0, the Stellarium team); derived files keep that licence.
Stellarium gives simplified characters only; traditional ones come from the hand-written mapping S2T below
(facts: the standard traditional form of each character that occurs, with the few one-to-many cases decided by
the name, e.g. 台 stays in 三台 but is 臺 in 靈臺 and 漸臺).
"""

import argparse
import importlib.util
import os
import re
import sys
import unicodedata

import fitsio
import numpy as np

# abbreviation, Latin (ASCII), genitive, English -- IAU list (Delporte 1930; IAU Transactions 1922/1932).
CONSTELLATIONS = """\
And Andromeda Andromedae|Chained Maiden
Ant Antlia Antliae|Air Pump
Aps Apus Apodis|Bird of Paradise
Aqr Aquarius Aquarii|Water Bearer
Aql Aquila Aquilae|Eagle
Ara Ara Arae|Altar
Ari Aries Arietis|Ram
Aur Auriga Aurigae|Charioteer
Boo Bootes Bootis|Herdsman
Cae Caelum Caeli|Chisel
Cam Camelopardalis Camelopardalis|Giraffe
Cnc Cancer Cancri|Crab
CVn Canes_Venatici Canum_Venaticorum|Hunting Dogs
CMa Canis_Major Canis_Majoris|Great Dog
CMi Canis_Minor Canis_Minoris|Lesser Dog
Cap Capricornus Capricorni|Sea Goat
Car Carina Carinae|Keel
Cas Cassiopeia Cassiopeiae|Cassiopeia
Cen Centaurus Centauri|Centaur
Cep Cepheus Cephei|Cepheus
Cet Cetus Ceti|Whale
Cha Chamaeleon Chamaeleontis|Chameleon
Cir Circinus Circini|Compasses
Col Columba Columbae|Dove
Com Coma_Berenices Comae_Berenices|Berenice's Hair
CrA Corona_Australis Coronae_Australis|Southern Crown
CrB Corona_Borealis Coronae_Borealis|Northern Crown
Crv Corvus Corvi|Crow
Crt Crater Crateris|Cup
Cru Crux Crucis|Southern Cross
Cyg Cygnus Cygni|Swan
Del Delphinus Delphini|Dolphin
Dor Dorado Doradus|Swordfish
Dra Draco Draconis|Dragon
Equ Equuleus Equulei|Little Horse
Eri Eridanus Eridani|River
For Fornax Fornacis|Furnace
Gem Gemini Geminorum|Twins
Gru Grus Gruis|Crane
Her Hercules Herculis|Hercules
Hor Horologium Horologii|Clock
Hya Hydra Hydrae|Water Snake
Hyi Hydrus Hydri|Lesser Water Snake
Ind Indus Indi|Indian
Lac Lacerta Lacertae|Lizard
Leo Leo Leonis|Lion
LMi Leo_Minor Leonis_Minoris|Lesser Lion
Lep Lepus Leporis|Hare
Lib Libra Librae|Scales
Lup Lupus Lupi|Wolf
Lyn Lynx Lyncis|Lynx
Lyr Lyra Lyrae|Lyre
Men Mensa Mensae|Table Mountain
Mic Microscopium Microscopii|Microscope
Mon Monoceros Monocerotis|Unicorn
Mus Musca Muscae|Fly
Nor Norma Normae|Carpenter's Square
Oct Octans Octantis|Octant
Oph Ophiuchus Ophiuchi|Serpent Bearer
Ori Orion Orionis|Hunter
Pav Pavo Pavonis|Peacock
Peg Pegasus Pegasi|Winged Horse
Per Perseus Persei|Perseus
Phe Phoenix Phoenicis|Phoenix
Pic Pictor Pictoris|Painter's Easel
Psc Pisces Piscium|Fishes
PsA Piscis_Austrinus Piscis_Austrini|Southern Fish
Pup Puppis Puppis|Stern
Pyx Pyxis Pyxidis|Compass
Ret Reticulum Reticuli|Reticle
Sge Sagitta Sagittae|Arrow
Sgr Sagittarius Sagittarii|Archer
Sco Scorpius Scorpii|Scorpion
Scl Sculptor Sculptoris|Sculptor
Sct Scutum Scuti|Shield
Ser Serpens Serpentis|Serpent
Sex Sextans Sextantis|Sextant
Tau Taurus Tauri|Bull
Tel Telescopium Telescopii|Telescope
Tri Triangulum Trianguli|Triangle
TrA Triangulum_Australe Trianguli_Australis|Southern Triangle
Tuc Tucana Tucanae|Toucan
UMa Ursa_Major Ursae_Majoris|Great Bear
UMi Ursa_Minor Ursae_Minoris|Little Bear
Vel Vela Velorum|Sails
Vir Virgo Virginis|Maiden
Vol Volans Volantis|Flying Fish
Vul Vulpecula Vulpeculae|Little Fox
"""

# Simplified -> traditional for every simplified character in Stellarium's zh_CN asterism names (facts).
S2T = dict(zip(
    "砺禄东书云仓传军农刍关华厕厨厩参园国坟垒夹娄孙宫将师库庙廪张异摄摇极枪楼毕渊渎渐灵瓯电盖离积纪纲织罗罚节虚说诸谒谗贤败贯贲车轩轸辅辇辐辕辖进钤钩钱钺锧键长门闭阁阙阳阴阵阶陈雳顽顿飞马骑鱼鳖鸟鸡鹤龟𫓧内从势记仑卫岁乌亲闻阳",
    "礪祿東書雲倉傳軍農芻關華廁廚廄參園國墳壘夾婁孫宮將師庫廟廩張異攝搖極槍樓畢淵瀆漸靈甌電蓋離積紀綱織羅罰節虛說諸謁讒賢敗貫賁車軒軫輔輦輻轅轄進鈐鉤錢鉞鑕鍵長門閉閣闕陽陰陣階陳靂頑頓飛馬騎魚鱉鳥雞鶴龜鈇內從勢記侖衛歲烏親聞陽"))
PHRASES = {"灵台": "靈臺", "渐台": "漸臺", "勾陈": "勾陳"}  # 台 is 臺 only in these; 三台 keeps 台

NUMERALS = "一二三四五六七八九"


def to_traditional(s):
    for simp, trad in PHRASES.items():
        s = s.replace(simp, trad)
    return "".join(S2T.get(c, c) for c in s)


def chinese_number(n):
    if n < 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def roman_to_int(r):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, c in enumerate(r):
        v = values[c]
        total += -v if i + 1 < len(r) and values[r[i + 1]] > v else v
    return total


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def norm(s):
    return re.sub(r"[^a-z]", "", s.lower())


def astropy_data(name):
    spec = importlib.util.find_spec("astropy")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("astropy is not installed: pip install --no-deps astropy==8.0.2")
    return os.path.join(list(spec.submodule_search_locations)[0], "coordinates", "data", name)


def pairs_of_hips(text_fields):
    hips = [int(x) for x in text_fields]
    return list(zip(hips[0::2], hips[1::2]))


def build_western(stellarium, out):
    rows = [line.split("|") for line in CONSTELLATIONS.strip().split("\n")]
    cons = [(r[0].split()[0], r[0].split()[1].replace("_", " "), r[0].split()[2].replace("_", " "), r[1])
            for r in rows]
    assert len(cons) == 88
    abbrs = {c[0] for c in cons}
    lines = []
    with open(os.path.join(stellarium, "skycultures/western/constellationship.fab")) as f:
        for line in f:
            t = line.split()
            if len(t) < 2:
                continue
            if t[0] not in abbrs:
                sys.exit(f"unknown constellation {t[0]} in constellationship.fab")
            for a, b in pairs_of_hips(t[2:]):
                lines.append((t[0], a, b))
    bounds = []
    with open(astropy_data("constellation_data_roman87.dat")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            t = line.split()
            bounds.append((float(t[0]), float(t[1]), float(t[2]), t[3]))
    if len(bounds) != 357:
        sys.exit(f"Roman (1987) table has {len(bounds)} rows, expected 357")

    c = np.zeros(len(cons), dtype=[("ABBR", "S3"), ("LATIN", "S20"), ("GENITIVE", "S24"), ("ENGLISH", "S24")])
    for i, (a, lat, gen, eng) in enumerate(cons):
        c[i] = (a, lat, gen, eng)
    fl = np.zeros(len(lines), dtype=[("ABBR", "S3"), ("HIP1", "i4"), ("HIP2", "i4")])
    for i, r in enumerate(lines):
        fl[i] = r
    b = np.zeros(len(bounds), dtype=[("RA_LOW_H", "f8"), ("RA_HIGH_H", "f8"), ("DEC_LOW_DEG", "f8"), ("ABBR", "S3")])
    for i, r in enumerate(bounds):
        b[i] = r
    path = os.path.join(out, "constellations.fits")
    if os.path.exists(path):
        os.remove(path)
    with fitsio.FITS(path, "rw") as f:
        f.write(c, extname="CONSTELLATIONS", header=[
            {"name": "SOURCE", "value": "IAU list (Delporte 1930); facts in build_cultures.py", "comment": ""}])
        f.write(fl, extname="FIGURES", header=[
            {"name": "SOURCE", "value": "stellarium-data 0.22 western constellationship.fab", "comment": ""},
            {"name": "LICENSE", "value": "CC BY-SA 4.0 (Stellarium western sky culture)", "comment": ""}])
        f.write(b, extname="BOUNDARIES", header=[
            {"name": "SOURCE", "value": "Roman 1987, PASP 99, 695; CDS VI/42 (via astropy)", "comment": ""},
            {"name": "EQUINOX", "value": 1875.0, "comment": "Besselian equinox B1875.0 of RA/Dec"},
            {"name": "RULE", "value": "first row with RA_LOW<=RA<RA_HIGH and DEC>=DEC_LOW", "comment": ""}])
    print(f"wrote {path}: {len(cons)} constellations, {len(lines)} figure lines, {len(bounds)} boundary rows")


HEADER_FIX = {"Pillars(Horn)": "Pillars (In Horn Mansion)", "Winnowing Basket Mansion": "Winnowing Basket"}


def build_chinese(stellarium, out):
    d = os.path.join(stellarium, "skycultures/chinese")
    eng, pinyin_plain, zh = {}, {}, {}
    with open(os.path.join(d, "constellation_names.eng.fab"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'(\d+)\s+"(.*?)"\s+_\("(.*?)"\)', line)
            if m:
                eng[int(m.group(1))] = m.group(3)
                pinyin_plain[int(m.group(1))] = m.group(2)
    with open(os.path.join(d, "constellation_names.zh_CN.fab"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r'(\d+)\s+".*?"\s+_\("(.*?)"\)', line)
            if m:
                zh[int(m.group(1))] = m.group(2)
    lines = []
    with open(os.path.join(d, "constellationship.fab")) as f:
        for line in f:
            t = line.split()
            if len(t) >= 2:
                for a, b in pairs_of_hips(t[2:]):
                    lines.append((int(t[0]), a, b))
    if len(eng) != 318 or len(zh) != 318:
        sys.exit(f"expected 318 asterisms, found {len(eng)} English and {len(zh)} Chinese names")

    by_norm = {norm(v): k for k, v in eng.items()}
    by_norm_short = {}
    for k, v in eng.items():
        by_norm_short.setdefault(norm(re.sub(r"\s*\((Vassal of|In) .*\)$", "", v)), k)

    def asterism_of(header):
        header = HEADER_FIX.get(header, header)
        return by_norm.get(norm(header)) or by_norm_short.get(norm(header))

    # The English block and the pinyin block of star_names.fab list the same stars in the same order.
    entries, current = [], None
    pinyin_block = False
    with open(os.path.join(d, "star_names.fab"), encoding="utf-8") as f:
        for line in f:
            if "Pinyin Transliteration" in line:
                pinyin_block = True
            if line.startswith("#") and not line.startswith("##") and not pinyin_block:
                current = asterism_of(line.strip().strip("#").strip())
                continue
            m = re.match(r'\s*(\d+)\|_\("(.*)"\)', line)
            if m:
                entries.append((pinyin_block, current, int(m.group(1)), m.group(2)))
    english = [e for e in entries if not e[0]]
    pinyin = [e for e in entries if e[0]]
    if [e[2] for e in english] != [e[2] for e in pinyin]:
        sys.exit("star_names.fab: the English and pinyin blocks do not list the same stars")

    stars, members, tone_pinyin = [], {}, {}
    for (_, ast, hip, en), (_, _, _, py) in zip(english, pinyin):
        uncertain = 1 if ("?" in en or "*" in en) else 0
        clean = re.sub(r"\s+", " ", re.sub(r"\s*\(.*\)$", "", en.replace("?", "").replace("*", ""))).strip()
        py_clean = re.sub(r"\s*\(.*\)$", "", py.replace("?", "").replace("*", "")).strip()
        number, added, trad, simp = 0, 0, "", ""
        if ast is not None:
            base = re.sub(r"\s*\(.*\)$", "", eng[ast]).strip()
            m = re.match(r"^" + re.escape(base) + r"(?: (Added))?(?: ([IVXLC]+))?$", clean)
            if m:
                added = 1 if m.group(1) else 0
                number = roman_to_int(m.group(2)) if m.group(2) else 0
                zname = re.sub(r"\(.*\)$", "", zh[ast])
                simp = zname + ("增" if added else "") + (chinese_number(number) if number else "")
                trad = to_traditional(simp)
                pm = re.match(r"^(.*?)(?: zēng)?(?: [IVXLC]+)?$", py_clean)
                if pm and not added:
                    tone_pinyin.setdefault(ast, pm.group(1))
                members.setdefault((ast, hip), (number, added, uncertain))
            else:  # individually named stars (天市垣 巴, 蜀 …): their "Added" stars are still 增星
                added = 1 if " Added" in clean else 0
                members.setdefault((ast, hip), (0, added, uncertain))
        stars.append((hip, ast or 0, number, added, uncertain, trad, simp, py_clean, en.strip()))
    for ast, a, b in lines:  # stars drawn in a figure are members even when unnamed
        for h in (a, b):
            members.setdefault((ast, h), (0, 0, 0))

    a = np.zeros(len(eng), dtype=[("ID", "i2"), ("PINYIN", "S32"), ("ENGLISH", "S64")])
    for i, k in enumerate(sorted(eng)):
        a[i] = (k, ascii_fold(pinyin_plain[k]), ascii_fold(eng[k]))
    li = np.zeros(len(lines), dtype=[("ID", "i2"), ("HIP1", "i4"), ("HIP2", "i4")])
    for i, r in enumerate(lines):
        li[i] = r
    mem = sorted(members.items())
    me = np.zeros(len(mem), dtype=[("ID", "i2"), ("HIP", "i4"), ("NUMBER", "i2"), ("ADDED", "u1"),
                                   ("UNCERTAIN", "u1")])
    for i, ((ast, hip), (num, add, unc)) in enumerate(mem):
        me[i] = (ast, hip, num, add, unc)
    path = os.path.join(out, "asterisms-chinese.fits")
    if os.path.exists(path):
        os.remove(path)
    lic = [{"name": "LICENSE", "value": "CC BY-SA 4.0", "comment": "Chinese sky culture from Stellarium"},
           {"name": "SOURCE", "value": "stellarium-data 0.22 skycultures/chinese", "comment": ""},
           {"name": "CULTURE", "value": "Qing (Yixiang kaocheng 1756)", "comment": "naming and membership"}]
    with fitsio.FITS(path, "rw") as f:
        f.write(a, extname="ASTERISMS", header=lic)
        f.write(li, extname="LINES", header=lic)
        f.write(me, extname="MEMBERS", header=lic + [
            {"name": "NUMBERS", "value": "NUMBER 0 = unnumbered; ADDED 1 = zeng xing", "comment": ""}])
    header = ("# Chinese sky culture from Stellarium (stellarium-data 0.22, skycultures/chinese), CC BY-SA 4.0;\n"
              "# traditional characters derived by Catalogs/build/build_cultures.py (S2T). Rebuild: "
              "sh Catalogs/build/build_sky.sh\n")
    with open(os.path.join(out, "asterisms-chinese.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("id\ttraditional\tsimplified\tpinyin\tenglish\n")
        for k in sorted(eng):
            simp = zh[k]
            f.write(f"{k}\t{to_traditional(simp)}\t{simp}\t{tone_pinyin.get(k, pinyin_plain[k])}\t{eng[k]}\n")
    with open(os.path.join(out, "chinese-star-names.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("hip\tasterism\tnumber\tadded\tuncertain\ttraditional\tsimplified\tpinyin\tenglish\n")
        for s in stars:
            f.write("\t".join(str(x) for x in s) + "\n")
    named = sum(1 for s in stars if s[5])
    print(f"wrote {path}: {len(eng)} asterisms, {len(lines)} lines, {len(mem)} members; "
          f"{len(stars)} star names ({named} with Chinese characters)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--stellarium", required=True, help="stellarium-data's usr/share/stellarium folder")
    p.add_argument("--out", required=True, help="the Catalogs folder")
    a = p.parse_args()
    build_western(a.stellarium, a.out)
    build_chinese(a.stellarium, a.out)


if __name__ == "__main__":
    main()
