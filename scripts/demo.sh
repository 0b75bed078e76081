#!/usr/bin/env bash
# A tour of remission in a temporary journal. It never touches your real journal:
# every command gets --journal pointing into a fresh temporary directory.
set -euo pipefail

bin=${1:?usage: demo.sh PATH-TO-REMISSION}
home=$(mktemp -d "${TMPDIR:-/tmp}/remission-demo.XXXXXX")
trap 'rm -rf "$home"' EXIT
journal="$home/journal"
export REMISSION_TODAY=2026-11-20   # a fixed "today", so the tour reads the same every time

# Commands in bold on a terminal; a log or a pipe gets plain text (as remission itself does).
if [[ -t 1 && -z ${NO_COLOR:-} ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi

# The command as typed, in bold on a terminal.
say() { printf '\n%s$ %s%s\n' "$bold" "$1" "$plain"; }

# Each command is shown as you would type it: "<1", "10 mg" and the like in quotes.
shown() {
    local arg out=""
    for arg in "$@"; do
        if [[ $arg =~ ^[A-Za-z0-9_./:=+,-]+$ ]]; then out+=" $arg"
        else out+=" \"${arg//\"/\\\"}\""; fi
    done
    printf '%s' "${out# }"
}

run() {
    say "remission $(shown "$@")"
    "$bin" "$@" --journal "$journal"
}

echo "A patient with lupus, treated with anti-CD19 CAR-T on 2026-03-02, keeps a journal."
run init --infusion-date 2026-03-02 --diagnosis SLE --product "anti-CD19 CAR-T" --target CD19 --device-name laptop
run med start prednisone --dose "10 mg" --frequency daily --date 2026-01-05
run med start hydroxychloroquine --dose "200 mg" --frequency twice-daily --date 2025-06-01
run event lymphodepletion --date d-5 --note "fludarabine + cyclophosphamide"
run event crs --date d+1 --grade 1 --note "fever 38.4, resolved with paracetamol"
run lab cd19 "<1" cells/uL --date d+7 --range 77-427
run lab anti-dsdna 180 IU/mL --date d-3 --range "<30"
run lab anti-dsdna 12 IU/mL --date d+90 --range "<30"
run lab c3 82 mg/dL --date d+90 --range 90-180
run med change prednisone --dose "5 mg" --date d+30
run med stop prednisone --date d+100 --reason "tapered off"
run lab cd19 142 cells/uL --date d+120 --range 77-427
run assess --date d+180 --sledai 2 --clinical-sledai 0 --pga 0.2
run log --date yesterday --symptom fatigue=3 --symptom joint-pain=1 --wellbeing 7 --tag walk
run list --since d+0
echo
echo "Where things stand: the remission dashboard, and how the values moved."
run summary
run trend
run trend cd19
run report --output "$home/clinic-report.html"
echo "(a self-contained page for the clinic: charts, medication timeline, lab table; open it in a browser)"
echo
echo "What the follow-up plan asks for now, and the plan with its sources (editable defaults)."
run due
run due --check || echo "(exit status $?: something is due or overdue, as a reminder script sees it)"
run plan reschedule visits --months 1,3,6,9,12,24 --window 7d
run due --within 90d --ics "$home/follow-up.ics"
echo
echo "A typing mistake is refused with a clear message, and nothing is written:"
run lab c3 82 mmol/L || true
run log --symptom fatigue=11 || true
run check
echo
echo "The JSON export is complete and deterministic (first lines):"
"$bin" export --format json --journal "$journal" | head -n 12

echo
echo "Sync: a second journal (the desktop) joins through a folder remote, end-to-end encrypted."
export REMISSION_PASSPHRASE="demo passphrase, never use it"   # real use: a prompt without echo
export REMISSION_SCRYPT_LOG2N=12                                # real use: the stronger default
desktop="$home/desktop"
run remote add usb "$home/usb-stick"
run sync
say "remission join $home/usb-stick --journal desktop"
"$bin" join "$home/usb-stick" --journal "$desktop" --name usb --device-name desktop
say "remission log --symptom fatigue=2 --journal desktop"
"$bin" log --symptom fatigue=2 --journal "$desktop"
say "remission sync --journal desktop"
"$bin" sync --journal "$desktop"
run sync
run devices
echo
echo "On the stick, only sealed segments (no health data):"
find "$home/usb-stick" -type f | sed "s|$home/||" | sort
if cmp -s <("$bin" export --journal "$journal") <("$bin" export --journal "$desktop"); then
    echo "Laptop and desktop exports are byte-identical."
fi
echo
echo "Done. The demo journal in $home is removed on exit."
