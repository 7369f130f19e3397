"""Joins skyrecon results with a table of people in SQLite, as a prosopography pipeline would (CBDB ships as SQLite):
which Tang astronomers were alive when each dated record's date fell.

Usage: python3 sqlite_join.py SKYRECON_BINARY DB_PATH
"""
import csv, io, os, sqlite3, subprocess, sys, tempfile

skyrecon, db_path = sys.argv[1], sys.argv[2]
records = [("r1", "至德二載二月壬午"), ("r2", "開元十二年正月甲子"), ("r3", "貞觀三年八月己巳朔"), ("r4", "武德四年八月丙戌朔")]
people = [("李淳風", 602, 670), ("一行", 683, 727), ("瞿曇悉達", 680, 760), ("南宮說", 680, 740)]

with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "text"])
    w.writerows(records)
out = subprocess.run([skyrecon, "date", "--input", f.name, "--format", "csv"],
                     capture_output=True, text=True, check=True).stdout
os.unlink(f.name)

db = sqlite3.connect(db_path)
db.execute("drop table if exists dates")
db.execute("drop table if exists people")
db.execute("create table dates (id text, text text, jdn integer, julian text)")
db.execute("create table people (name text, born integer, died integer)")
for r in csv.DictReader(io.StringIO(out)):
    db.execute("insert into dates values (?, ?, ?, ?)", (r["id"], r["text"], int(r["jdn"]) if r["jdn"] else None, r["julian"]))
db.executemany("insert into people values (?, ?, ?)", people)
query = """
select d.id, d.text, d.julian, group_concat(p.name, '、')
from dates d left join people p on cast(substr(d.julian, 1, 4) as integer) between p.born and p.died
group by d.id order by d.jdn
"""
for row in db.execute(query):
    print("\t".join("" if v is None else str(v) for v in row))
db.commit()
