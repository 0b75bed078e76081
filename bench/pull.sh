#!/usr/bin/env bash
# A pull of ten years by a device that already holds the journal key, side by side with the
# sqlite3 command loading the same operations as rows of a table with an index: the floor
# for putting them into SQLite at all. Through a folder remote, so that only the pull is
# measured (bench/sync.sh measures the network side). Reports wall and CPU time (user +
# sys; the machine is shared and wall times drift) and peak memory.
# Goal (issue 12): pull at most 5x the sqlite3 load in CPU time, peak at most 64 MiB.
#
# usage: bench/pull.sh PATH-TO-REMISSION [YEARS]   (PAIRS=N interleaved runs of each, 5 by default)
set -euo pipefail

bin=$(realpath "${1:?usage: pull.sh PATH-TO-REMISSION [YEARS]}")
years=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/remission-pull-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export REMISSION_PASSPHRASE="benchmark passphrase" REMISSION_TODAY=2026-11-20 NO_COLOR=1

echo "Generating a $years-year journal…"
python3 "$here/gen-journal.py" "$work/journal.json" "$years"
"$bin" init --journal "$work/a" --device-name writer >/dev/null
"$bin" remote add folder "$work/remote" --journal "$work/a" >/dev/null
"$bin" sync --journal "$work/a" >/dev/null
"$bin" join "$work/remote" --journal "$work/b" --device-name reader >/dev/null
# The writer takes in the years (as from another device) and pushes them.
"$bin" import "$work/journal.json" --journal "$work/a" >/dev/null
"$bin" sync --journal "$work/a" >/dev/null
operations=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["operations"]))' "$work/journal.json")
segments=$(find "$work/remote" -name '*.seg' | wc -l)

# The floor: the same operations, as rows with the log's primary key and record index.
python3 - "$work/journal.json" "$work/load.sql" <<'PY'
import json, sys
ops = json.load(open(sys.argv[1]))["operations"]
def q(text): return "'" + text.replace("'", "''") + "'"
with open(sys.argv[2], "w") as out:
    out.write("PRAGMA journal_mode=WAL;\nBEGIN;\n")
    out.write("CREATE TABLE operation (deviceId TEXT NOT NULL, counter INTEGER NOT NULL, clock INTEGER NOT NULL, "
              "recordId TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (deviceId, counter));\n")
    out.write("CREATE INDEX operation_record ON operation (recordId);\n")
    for op in ops:
        body = json.dumps(op, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        device, counter = op["id"].rsplit(":", 1)
        out.write("INSERT INTO operation VALUES (%s, %s, %d, %s, %s, %s);\n" % (
            q(device), counter, op["clock"], q(op["record"]), q(op["kind"]), q(body)))
    out.write("COMMIT;\n")
PY

# Interleaved runs (the machine is shared: a load hits both alike), medians compared: the
# floor into a new file, the pull into a copy of the reader as it was before its first pull.
cp -a "$work/b" "$work/b-before"
python3 - "$bin" "$work" "${PAIRS:-5}" <<'PY'
import os, shutil, statistics, subprocess, sys, time
binary, work, pairs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def run(argv, stdin=None):
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0: sys.exit(f"{argv[0]} failed: status {status}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss
floor, pull = [], []
for _ in range(pairs):
    for name in ("floor.sqlite", "floor.sqlite-wal", "floor.sqlite-shm"):
        if os.path.exists(f"{work}/{name}"): os.remove(f"{work}/{name}")
    with open(f"{work}/load.sql") as sql:
        floor.append(run(["sqlite3", f"{work}/floor.sqlite"], stdin=sql))
    shutil.rmtree(f"{work}/b")
    shutil.copytree(f"{work}/b-before", f"{work}/b", symlinks=True)
    pull.append(run([binary, "sync", "--journal", f"{work}/b"]))
def medians(samples):
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples), max(s[2] for s in samples)
with open(f"{work}/figures", "w") as out:
    for figures in (medians(floor), medians(pull)):
        out.write("%f %f %d\n" % figures)
    # The ratio of each pair, run back to back, drifts less than either time.
    out.write("%f 0 0\n" % statistics.median(p[1] / max(f[1], 0.001) for f, p in zip(floor, pull)))
PY
cmp -s <("$bin" export --journal "$work/a") <("$bin" export --journal "$work/b") && same=identical || same=DIFFERENT

python3 - "$work/figures" "$operations" "$segments" "$same" "${PAIRS:-5}" <<'PY'
import sys
(floor, pull, (ratio, _, _)) = [tuple(float(x) for x in line.split()) for line in open(sys.argv[1])]
print(f"\n{sys.argv[2]} operations in {sys.argv[3]} segments; export of both devices after the pull: {sys.argv[4]}")
print(f"medians of {sys.argv[5]} interleaved runs of each (CPU = user + sys); peak is the highest")
print(f"sqlite3 load (rows + index) : {floor[0]:6.2f} s wall, {floor[1]:6.2f} s CPU, peak {floor[2] / 1024:6.1f} MiB")
print(f"remission sync (pull)       : {pull[0]:6.2f} s wall, {pull[1]:6.2f} s CPU, peak {pull[2] / 1024:6.1f} MiB")
print(f"pull / load, CPU            : {ratio:.1f}x, median of the pairs' ratios   (goal: at most 5x; peak at most 64 MiB)")
PY
