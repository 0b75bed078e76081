#!/usr/bin/env bash
# A pull of ten years by a device that already holds the journal key, side by side with the
# sqlite3 command loading the same operations as rows of a table with an index: the floor
# for putting them into SQLite at all. Through a folder remote, so that only the pull is
# measured (bench/sync.sh measures the network side). Reports wall and CPU time (user +
# sys; the machine is shared and wall times drift) and peak memory.
# Goal (issue 12): pull at most 5x the sqlite3 load in CPU time, peak at most 64 MiB.
#
# usage: bench/pull.sh PATH-TO-REMISSION [YEARS]
set -euo pipefail

bin=$(realpath "${1:?usage: pull.sh PATH-TO-REMISSION [YEARS]}")
years=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
command -v /usr/bin/time >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"; $sudo apt-get install -y -qq time >/dev/null; }

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

/usr/bin/time -f "%e %U %S %M" -o "$work/floor.time" sqlite3 "$work/floor.sqlite" < "$work/load.sql" >/dev/null
/usr/bin/time -f "%e %U %S %M" -o "$work/pull.time" "$bin" sync --journal "$work/b" >/dev/null
cmp -s <("$bin" export --journal "$work/a") <("$bin" export --journal "$work/b") && same=identical || same=DIFFERENT

python3 - "$work/floor.time" "$work/pull.time" "$operations" "$segments" "$same" <<'PY'
import sys
def read(path):
    wall, user, sys_, kib = open(path).read().split()
    return float(wall), float(user) + float(sys_), int(kib)
floor, pull = read(sys.argv[1]), read(sys.argv[2])
print(f"\n{sys.argv[3]} operations in {sys.argv[4]} segments; export of both devices after the pull: {sys.argv[5]}")
print(f"sqlite3 load (rows + index) : {floor[0]:6.2f} s wall, {floor[1]:6.2f} s CPU, peak {floor[2] / 1024:6.1f} MiB")
print(f"remission sync (pull)       : {pull[0]:6.2f} s wall, {pull[1]:6.2f} s CPU, peak {pull[2] / 1024:6.1f} MiB")
print(f"pull / load, CPU            : {pull[1] / max(floor[1], 0.001):.1f}x   (goal: at most 5x; peak at most 64 MiB)")
PY
