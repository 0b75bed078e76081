#!/usr/bin/env bash
# Makes DIR/libstdc++.a, a link to the C++ runtime's archive, for the release link's -L DIR
# (Makefile): the Swift runtime needs libstdc++, and the toolchain links it as a shared library,
# whose loading and 4,300 symbol bindings cost every start of remission about 1 ms. Searched
# before the compiler's own directories, DIR makes `-lstdc++` find the archive instead.
set -euo pipefail
dir=${1:?usage: static-libstdcxx.sh DIR}
bin=$(dirname "$(readlink -f "$(command -v swiftc)")")
archive=$("$bin/clang" -print-file-name=libstdc++.a)
[ -f "$archive" ] || {
    echo "static-libstdcxx.sh: the toolchain's clang finds no libstdc++.a ('$archive'); install libstdc++-12-dev" >&2
    exit 1
}
mkdir -p "$dir"
ln -sfn "$archive" "$dir/libstdc++.a"
