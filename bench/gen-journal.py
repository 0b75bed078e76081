#!/usr/bin/python3
"""Writes a synthetic ten-year journal as a remission JSON export, for benchmarks.

usage: gen-journal.py OUTPUT.json [YEARS]
About 400 day entries, 4,000 symptoms and 300 lab results a year, a few medication periods
and events; deterministic (fixed seed), so every run measures the same journal.
"""
import datetime
import json
import random
import sys
import uuid

output = sys.argv[1]
years = int(sys.argv[2]) if len(sys.argv) > 2 else 10
rng = random.Random(20261120)
device = "00000000-0000-4000-8000-00000000beef"
journal_id = "00000000-0000-4000-8000-0000000000aa"
start = datetime.date(2016, 11, 20)
clock = 1479600000000 << 16
counter = 0
operations, records = [], []


def uid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def add(kind, fields, record=None):
    global clock, counter
    record = record or uid()
    counter += 1
    clock += 1 << 20
    writes = [{"field": k, "replaces": [], "value": v} for k, v in sorted(fields.items()) if v is not None]
    operations.append({"clock": clock, "id": f"{device}:{counter}", "kind": kind, "record": record, "writes": writes})
    records.append({"deleted": False, "fields": {k: v for k, v in fields.items() if v is not None}, "id": record, "kind": kind})


add("profile", {"diagnosis": "SLE", "target": "CD19"}, "00000000-0000-4000-8000-000000000001")
add("event", {"date": "2017-03-02", "type": "infusion"})
names = ["fatigue", "joint-pain", "rash", "headache", "fever", "mouth-ulcers", "hair-loss", "brain-fog", "muscle-pain", "nausea"]
analytes = [("c3", "g/L", 0.9, 1.8), ("c4", "g/L", 0.1, 0.4), ("anti-dsdna", "IU/mL", 0, 30), ("cd19", "cells/µL", 77, 427),
            ("igg", "g/L", 7, 16), ("crp", "mg/L", 0, 5), ("platelets", "10⁹/L", 150, 400)]
for day in range(365 * years):
    date = (start + datetime.timedelta(days=day)).isoformat()
    if True:  # a day entry with ten symptom scores every day
        entry = uid()
        add("entry", {"date": date, "wellbeing": rng.randint(3, 9), "note": "day %d, %s" % (day, rng.choice(["ok", "tired", "good walk"]))}, entry)
        for name in rng.sample(names, 10):
            add("symptom", {"date": date, "entryId": entry, "name": name, "severity": rng.randint(0, 6)})
    if rng.random() < 0.82:
        analyte, unit, low, high = rng.choice(analytes)
        value = round(rng.uniform(low * 0.7 + 0.01, high * 1.3 + 0.01), 2)
        add("lab", {"analyte": analyte, "canonicalUnit": unit, "canonicalValue": str(value), "date": date,
                    "unit": unit, "value": str(value)})
    if day % 60 == 0:
        end = (start + datetime.timedelta(days=day + 60)).isoformat()
        add("medication", {"drug": "prednisone", "drugClass": "glucocorticoid", "dose": "5 mg", "doseAmount": "5",
                           "doseUnit": "mg", "frequency": "daily", "startDate": date, "endDate": end})

records.sort(key=lambda r: (["profile", "entry", "symptom", "lab", "medication", "event", "assessment"].index(r["kind"]), r["id"]))
export = {"devices": [{"id": device, "name": "generator"}], "format": "remission-export", "journal": journal_id,
          "operations": operations, "records": records, "version": 1}
with open(output, "w", encoding="utf-8") as f:
    json.dump(export, f, ensure_ascii=False)
print(f"{len(operations)} operations, {len(records)} records", file=sys.stderr)
