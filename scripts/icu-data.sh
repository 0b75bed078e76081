#!/usr/bin/env bash
# Writes OUT.inc (and OUT's .dat beside it) for Sources/CICUData/icudata.S: the toolchain's ICU
# data cut to root and English (scripts/trim-icu-data.swift), under the symbol the toolchain's
# lib_FoundationICU.a looks for (icudtNN_dat). GRDB imports Foundation, and Foundation always
# links ICU and, through it, 34 MB of data of which remission uses almost none.
set -euo pipefail
out=${1:?usage: icu-data.sh OUT.inc}
swift=${SWIFT:-swift}
bin=$(dirname "$(readlink -f "$(command -v swiftc)")")
archive=$bin/../lib/swift_static/linux/lib_FoundationICU.a
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin/llvm-ar" p "$archive" icu_packaged_data.cpp.o > "$tmp/data.o"
symbol=$("$bin/llvm-nm" "$tmp/data.o" | awk '$2 == "R" && $3 ~ /^icudt[0-9]+_dat$/ { print $3 }')
[ -n "$symbol" ] || { echo "icu-data.sh: no icudtNN_dat in $archive" >&2; exit 1; }
"$bin/llvm-objcopy" -O binary --only-section=.rodata "$tmp/data.o" "$tmp/full.dat"
mkdir -p "$(dirname "$out")"
dat=$(cd "$(dirname "$out")" && pwd)/$(basename "$out" .inc).dat
"$swift" "$(dirname "$0")/trim-icu-data.swift" "$tmp/full.dat" "$dat"
cat > "$out" <<ASM
    .section .rodata.$symbol,"a",@progbits
    .globl $symbol
    .type $symbol, @object
    .balign 16
$symbol:
    .incbin "$dat"
    .size $symbol, . - $symbol
    .section .note.GNU-stack,"",@progbits
ASM
