#!/usr/bin/env bash
# S3 requests, counted on moto's log (moto on 127.0.0.1 with signature checking, started and
# stopped here, as in the tests):
#  - a first sync (creates journal.json, runs the create-only probe, pushes one segment);
#  - a no-op sync of a device that has two other devices (goal: one listing plus one per
#    other device);
#  - pushing a day's entry (goal: one PUT and its read-back).
#
# usage: bench/s3.sh PATH-TO-REMISSION   (needs .venv-moto/ from scripts/install-deps.sh test)
set -euo pipefail

bin=$(realpath "${1:?usage: s3.sh PATH-TO-REMISSION}")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/remission-s3-bench.XXXXXX")

# The server stops when its standard input closes.
coproc MOTO { "$root/.venv-moto/bin/python3" "$root/scripts/s3-test-server.py" 2>"$work/moto.log"; }
moto_pid=$MOTO_PID
trap 'exec {MOTO[1]}>&- 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
read -r line <&"${MOTO[0]}"
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$line" "$1"; }
export AWS_ACCESS_KEY_ID; AWS_ACCESS_KEY_ID=$(field accessKeyId)
export AWS_SECRET_ACCESS_KEY; AWS_SECRET_ACCESS_KEY=$(field secretAccessKey)
endpoint="http://127.0.0.1:$(field port)"
url="s3://$(field bucket)/bench"
export REMISSION_PASSPHRASE="benchmark passphrase" REMISSION_TODAY=2026-11-20 NO_COLOR=1 REMISSION_SCRYPT_LOG2N=12 HOME="$work"

# One line per request ("METHOD PATH"), werkzeug's colours taken out.
request_lines() { grep 'HTTP/1.1' "$work/moto.log" | sed -E 's/\x1b\[[0-9;]*m//g; s/.*"([A-Z]+) ([^ ]*) HTTP.*/\1 \2/' || true; }
requests() { request_lines | wc -l; }
# "3 LIST, 1 GET": listings are GETs with list-type=2.
kinds_since() {
    request_lines | tail -n +"$(( $1 + 1 ))" \
        | awk '{ if ($1 == "GET" && $2 ~ /list-type=2/) print "LIST"; else print $1 }' \
        | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}' | sed 's/, $//'
}
measure() {  # label, then the command
    local label=$1; shift
    local before; before=$(requests)
    "$@" >/dev/null
    printf '%-34s %3d requests (%s)\n' "$label" "$(( $(requests) - before ))" "$(kinds_since "$before")"
}

"$bin" init --journal "$work/a" --device-name a >/dev/null
"$bin" remote add s3 "$url" --endpoint-url "$endpoint" --journal "$work/a" >/dev/null
"$bin" log --symptom fatigue=2 --journal "$work/a" >/dev/null
measure "first sync (journal.json, probe)" "$bin" sync --journal "$work/a"
for device in b c; do
    "$bin" join "$url" --endpoint-url "$endpoint" --journal "$work/$device" --device-name "$device" >/dev/null
    "$bin" log --symptom rash=1 --journal "$work/$device" >/dev/null
    "$bin" sync --journal "$work/$device" >/dev/null
done
"$bin" sync --journal "$work/a" >/dev/null
measure "no-op sync, two other devices" "$bin" sync --journal "$work/a"
"$bin" log --symptom fatigue=3 --wellbeing 7 --note "a day" --journal "$work/a" >/dev/null
measure "a day's entry" "$bin" sync --journal "$work/a"
