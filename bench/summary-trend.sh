#!/usr/bin/env bash
# `remission summary`, `trend` and `report` as whole processes on a synthetic ten-year
# journal (≈ 4,000 day entries, 40,000 symptoms, 3,300 lab results), side by side with the
# sqlite3 command reading the same tables with the same aggregates: the floor for a fresh
# process that answers from this journal. Goal: summary and trend well under 100 ms.
#
# usage: bench/summary-trend.sh PATH-TO-REMISSION [RUNS]
set -euo pipefail

bin=${1:?usage: summary-trend.sh PATH-TO-REMISSION [RUNS]}
runs=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v hyperfine >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq hyperfine >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/remission-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export REMISSION_HOME="$work/journal" REMISSION_TODAY=2027-11-19 NO_COLOR=1
/usr/bin/python3 "$here/gen-journal.py" "$work/years.json" 11
"$bin" import "$work/years.json" >/dev/null
db="$work/journal/journal.sqlite"
sqlite3 "$db" "SELECT 'day entries', count(*) FROM dayEntry UNION ALL SELECT 'symptoms', count(*) FROM symptom
    UNION ALL SELECT 'lab results', count(*) FROM labResult UNION ALL SELECT 'medication periods', count(*) FROM medication;"

floor="SELECT analyte, count(*), min(canonicalValue), max(canonicalValue), avg(canonicalValue) FROM labResult GROUP BY analyte;
SELECT name, count(*), min(severity), max(severity), avg(severity) FROM symptom GROUP BY name;
SELECT count(*), avg(wellbeing) FROM dayEntry; SELECT * FROM medication; SELECT * FROM clinicalEvent; SELECT * FROM assessment;"

mkdir -p bench/out
hyperfine -N --warmup 3 --runs "$runs" --export-json bench/out/summary-trend.json \
    -n "sqlite3 aggregates (floor)" "sqlite3 $db \"$floor\"" \
    -n "remission summary" "$bin summary" \
    -n "remission summary --json" "$bin summary --json" \
    -n "remission trend" "$bin trend" \
    -n "remission trend cd19" "$bin trend cd19" \
    -n "remission report" "$bin report --output $work/report.html --force"

python3 - bench/out/summary-trend.json "$work/report.html" <<'PY'
import json, os, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["mean"]
print()
for r in results:
    goal = "  (goal: well under 100 ms)" if r["command"] in ("remission summary", "remission trend") else ""
    print(f"{r['command']:28s} {r['mean']*1000:7.1f} ms mean  {r['median']*1000:7.1f} ms median  {r['mean']/floor:5.1f}x floor{goal}")
print(f"report size: {os.path.getsize(sys.argv[2]):,} bytes")
PY
