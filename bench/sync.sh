#!/usr/bin/env bash
# Sync, measured against a real Apache mod_dav on 127.0.0.1 (started and stopped here):
#  - requests for a no-op sync (goal: one listing plus one per other device);
#  - requests to push one day's entry;
#  - time and peak memory to join a remote holding a synthetic ten-year journal, side by
#    side with curl downloading the same objects from the same server in one process;
#  - bytes on the remote per operation.
#
# usage: bench/sync.sh PATH-TO-REMISSION
set -euo pipefail

bin=$(realpath "${1:?usage: sync.sh PATH-TO-REMISSION}")
here=$(cd "$(dirname "$0")" && pwd)
command -v /usr/bin/time >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"; $sudo apt-get install -y -qq time >/dev/null; }

work=$(mktemp -d "${TMPDIR:-/tmp}/remission-sync-bench.XXXXXX")
modules=/usr/lib/apache2/modules
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/dav" "$work/lock"
chmod 755 "$work"; chmod 777 "$work/dav" "$work/lock"
user=""; [ "$(id -u)" -ne 0 ] || user=$'User nobody\nGroup nogroup'
cat > "$work/httpd.conf" <<CONF
ServerRoot "$work"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$work/httpd.pid"
ErrorLog "$work/error.log"
$user
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule authn_core_module $modules/mod_authn_core.so
LoadModule dav_module $modules/mod_dav.so
LoadModule dav_fs_module $modules/mod_dav_fs.so
LogFormat "%m %U %>s %B" short
CustomLog "$work/access.log" short
DAVLockDB "$work/lock/davlock"
DocumentRoot "$work/dav"
<Directory "$work/dav">
    Dav On
    Require all granted
</Directory>
CONF
/usr/sbin/apache2 -f "$work/httpd.conf" -DFOREGROUND &
apache=$!
trap 'kill $apache 2>/dev/null; wait $apache 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

export REMISSION_PASSPHRASE="benchmark passphrase" REMISSION_TODAY=2026-11-20 NO_COLOR=1
url="http://127.0.0.1:$port/journal"
requests() { wc -l < "$work/access.log"; }
methods_since() { tail -n +"$(( $1 + 1 ))" "$work/access.log" | awk '{print $1}' | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}' | sed 's/, $//'; }

echo "Generating a ten-year journal…"
python3 "$here/gen-journal.py" "$work/ten-years.json" 10
"$bin" import "$work/ten-years.json" --journal "$work/a" >/dev/null
operations=$("$bin" export --journal "$work/a" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["operations"]))')
"$bin" remote add dav "$url" --journal "$work/a" >/dev/null
"$bin" sync --journal "$work/a" >/dev/null
"$bin" init --journal "$work/b" --device-name second >/dev/null 2>&1 || true
rm -rf "$work/b"
"$bin" join "$url" --journal "$work/c" --device-name third >/dev/null
"$bin" log --symptom fatigue=2 --journal "$work/c" >/dev/null
"$bin" sync --journal "$work/c" >/dev/null
"$bin" sync --journal "$work/a" >/dev/null

before=$(requests); "$bin" sync --journal "$work/a" >/dev/null
noop=$(( $(requests) - before )); noop_methods=$(methods_since "$before")
# A day's entry on a device that has pushed before (its folder exists).
"$bin" log --symptom fatigue=3 --wellbeing 7 --note "a day" --journal "$work/a" >/dev/null
before=$(requests); "$bin" sync --journal "$work/a" >/dev/null
push=$(( $(requests) - before )); push_methods=$(methods_since "$before")

remote_bytes=$(du -sb "$work/dav/journal" | cut -f1)
segments=$(find "$work/dav/journal" -name '*.seg' | wc -l)

# Join: remission versus curl fetching the same objects over one connection.
urls=("$url/journal.json")
while read -r file; do urls+=("$url/${file#"$work/dav/journal/"}"); done < <(find "$work/dav/journal/devices" -name '*.seg' | sort)
curl_args=(); for u in "${urls[@]}"; do curl_args+=(-s -o /dev/null "$u"); done
/usr/bin/time -f "%e %M" -o "$work/curl.time" curl "${curl_args[@]}"
/usr/bin/time -f "%e %M" -o "$work/join.time" "$bin" join "$url" --journal "$work/d" --device-name joiner >/dev/null
read -r curl_s curl_kb < "$work/curl.time"
read -r join_s join_kb < "$work/join.time"
cmp -s <("$bin" export --journal "$work/a") <("$bin" export --journal "$work/d") && same=identical || same=DIFFERENT

cat <<REPORT

journal: $operations operations on the remote in $segments segments
no-op sync              : $noop requests ($noop_methods)   goal: 1 listing + 1 per other device (here 1 other)
sync of one day's entry : $push requests ($push_methods): the no-op's listings plus the segment's PUT and its read-back
bytes on the remote     : $remote_bytes bytes, $(( remote_bytes / operations )) bytes per operation
join (ten years)        : ${join_s} s, peak ${join_kb} KiB   (export after join: $same)
curl, same objects      : ${curl_s} s, peak ${curl_kb} KiB
join / curl time        : $(python3 -c "print(f'{$join_s / max($curl_s, 0.001):.1f}x')")
REPORT
