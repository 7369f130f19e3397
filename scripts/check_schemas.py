#!/usr/bin/env python3
"""Checks what the CLI writes against the JSON Schemas in Schemas/: every JSON object of every command's json/jsonl
output validates (Draft 2020-12, the `jsonschema` package), and every CSV header carries the schema's required
fields. Run by scripts/test.sh; exits 1 naming each output that fails.

    python3 scripts/check_schemas.py .build/debug/skyrecon
"""
import csv, io, json, os, subprocess, sys, tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("check_schemas.py: the Python package jsonschema is missing: pip install jsonschema (scripts/test.sh does)")

here = os.path.dirname(os.path.abspath(__file__))
schemas_dir = os.path.join(here, "..", "Schemas")
skyrecon = sys.argv[1]
tmp = tempfile.mkdtemp()
corpus = os.path.join(tmp, "corpus")
os.makedirs(corpus)
with open(os.path.join(corpus, "t.txt"), "w", encoding="utf-8") as f:
    f.write("開元四年六月己未太白晝見七月辛巳熒惑犯房占曰有喪八月甲子月掩軒轅大星")
rows = os.path.join(tmp, "rows.csv")
with open(rows, "w", encoding="utf-8") as f:
    f.write('row,body,jd_tt,note\n1,venus,1997625.0,"a, b"\n2,HIP17702,1997625.0,nan\n3,nosuchstar,1997625.0,\n')
dates = os.path.join(tmp, "dates.csv")
with open(dates, "w", encoding="utf-8") as f:
    f.write('id,text\n007,至德二載二月壬午\nx,"上元元年,二月"\ninf,至德二載二月癸亥\n')
records = os.path.join(tmp, "records.tsv")
with open(records, "w", encoding="utf-8") as f:
    f.write("id\ttext\nr1\t至德二載二月壬午太白犯昴\nr2\t至德二載二月壬午太白犯某星\n")

cases = [  # schema, arguments; each runs as jsonl (and json, csv where the command offers them)
    ("positions", ["positions", "--date", "0757-03-14T12:00", "--objects", "venus,pleiades,moon", "--site", "changan"]),
    ("positions", ["positions", "--input", rows]),
    ("scene-rows", ["scene", "--date", "0757-03-14", "--objects", "venus,pleiades"]),
    ("date", ["date", "至德二載二月壬午"]),
    ("date", ["date", "--input", dates]),
    ("sites", ["sites"]),
    ("sky-find", ["sky", "find", "昴"]),
    ("events", ["events", "--from", "0757-01-01", "--to", "0757-06-01", "--objects", "venus,pleiades", "--kind", "approach", "--within", "2"]),
    ("events", ["events", "--from", "0757-01-01", "--to", "0759-01-01", "--objects", "sun", "--kind", "eclipse", "--site", "changan"]),
    ("events", ["events", "--from", "0757-01-01", "--to", "0757-02-01", "--objects", "moon", "--kind", "phase"]),
    ("events", ["events", "--from", "0757-01-01", "--to", "0757-03-01", "--kind", "crescent", "--criterion", "odeh", "--site", "changan"]),
    ("events", ["events", "--from", "1959-07-01", "--to", "1959-07-15", "--objects", "venus,regulus", "--kind", "occultation"]),
    ("events", ["events", "--from", "0757-03-01", "--to", "0757-03-03", "--objects", "venus", "--kind", "rise", "--site", "changan"]),
    ("record", ["read", "至德二載二月壬午，太白犯昴"]),
    ("record", ["link", "--corpus", corpus, "--chance-trials", "0"]),
    ("record", ["verify", "至德二載二月壬午，太白犯昴", "--chance-trials", "0"]),
    ("record", ["verify", "--input", records, "--chance-trials", "0"]),
    ("verify-rules", ["verify", "--explain"]),
    ("event-links", ["link", "--events", os.path.join(tmp, "events.jsonl"), "--corpus", corpus]),
]
failures = 0
checked = 0
with open(os.path.join(tmp, "events.jsonl"), "w", encoding="utf-8") as f:
    f.write(subprocess.run([skyrecon, "events", "--from", "0716-01-01", "--to", "0717-01-01", "--objects", "venus,jupiter",
                            "--kind", "approach", "--within", "3", "--format", "jsonl"], capture_output=True, text=True).stdout)
def fail(msg):
    global failures
    failures += 1
    print("SCHEMA: " + msg)

def run(args, fmt):
    p = subprocess.run([skyrecon] + args + ["--format", fmt], capture_output=True, text=True)
    return p.stdout

validators = {}
for name in sorted({c[0] for c in cases} | {"scene"}):
    with open(os.path.join(schemas_dir, name + ".schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validators[name] = (schema, jsonschema.Draft202012Validator(schema))

def check_objects(name, objects, what):
    global checked
    if not objects:
        fail(f"{what}: no JSON object written")
    for o in objects:
        errors = sorted(validators[name][1].iter_errors(o), key=lambda e: e.path)
        checked += 1
        for e in errors[:3]:
            fail(f"{what}: {'/'.join(map(str, e.path))}: {e.message}")

for name, args in cases:
    what = "skyrecon " + " ".join(a if len(a) < 40 else a[:37] + "…" for a in args)
    lines = [l for l in run(args, "jsonl").splitlines() if l.strip()]
    objects = []
    for l in lines:
        try:
            objects.append(json.loads(l, parse_constant=lambda c: fail(f"{what}: bare {c} in JSON")))
        except json.JSONDecodeError as e:
            fail(f"{what} (jsonl): not JSON: {e}")
    check_objects(name, objects, what + " --format jsonl")
    text = run(args, "json") if name != "scene-rows" else ""   # the scene's json is the whole report: checked below
    if text.strip():
        try:
            value = json.loads(text)
            check_objects(name, value if isinstance(value, list) else [value], what + " --format json")
        except json.JSONDecodeError as e:
            fail(f"{what} (json): not JSON: {e}")
    if name not in ("verify-rules", "event-links") and args[0] != "verify":   # verify's CSV is its own flat table (id, text, verdict …)
        out = run(args, "csv")
        if out.strip():
            header = next(csv.reader(io.StringIO(out)))
            missing = [k for k in validators[name][0]["required"] if k not in ("version", "date", "claims") and k not in header]
            if missing:
                fail(f"{what} --format csv: header lacks {missing}")

scene = run(["scene", "--date", "0757-03-14", "--objects", "venus,pleiades"], "json")
check_objects("scene", [json.loads(scene)], "skyrecon scene --format json")
print(f"check_schemas: {checked} JSON objects from {len(cases) + 1} commands checked against Schemas/; {failures} problems")
sys.exit(1 if failures else 0)
