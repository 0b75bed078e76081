set -euo pipefail
OLD=/tmp/remission-prev
export REMISSION_TODAY=2026-11-20 TZ=UTC NO_COLOR=1 REMISSION_PASSPHRASE='fixture passphrase' HOME=/tmp/fx/home
mkdir -p home
A="--journal /tmp/fx/laptop"; B="--journal /tmp/fx/desktop"
$OLD init $A --infusion-date 2026-03-02 --diagnosis SLE --target CD19 --device-name laptop >/dev/null
$OLD lab c3 97 mg/dL --date 2026-10-01 --range 90-180 $A >/dev/null
$OLD med start prednisone --dose "10 mg" --frequency daily --date 2026-03-20 $A >/dev/null
$OLD log --symptom fatigue=4 --wellbeing 6 --date 2026-11-01 $A >/dev/null
$OLD remote add origin /tmp/fx/remote $A >/dev/null
$OLD sync $A >/dev/null
$OLD join /tmp/fx/remote $B --device-name desktop >/dev/null
LAB=$($OLD list --kind lab --json $A | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
MED=$($OLD list --kind medication --json $A | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
SYM=$($OLD list --kind symptom --json $A | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
# Before syncing: the laptop re-enters the C3 result in g/L, the desktop corrects the number.
$OLD edit $LAB --value 0.97 --unit g/L --range 0.9-1.8 $A >/dev/null
sleep 0.01
$OLD edit $LAB --value 95 $B >/dev/null
# A dose on one, a frequency on the other.
$OLD edit $MED --dose "5 mg" $A >/dev/null
$OLD edit $MED --frequency twice-daily $B >/dev/null
# Only the desktop touches the symptom: no conflict.
$OLD edit $SYM --severity 5 $B >/dev/null
$OLD sync $A >/dev/null; $OLD sync $B >/dev/null; $OLD sync $A >/dev/null
echo "lab=$LAB med=$MED sym=$SYM"
$OLD show $LAB $A | head -20
$OLD show $MED $A | head -20
