#!/usr/bin/env bash
# Installs the system packages remission needs to build and test, if any is missing.
# Safe to run again: it installs only what is absent. Uses sudo when not root.
set -euo pipefail

packages=(libsqlite3-dev sqlite3 libcurl4-openssl-dev pkg-config python3 python3-jsonschema)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "Swift 6 is not on PATH. Install the Swift toolchain from swift.org (6.0 or later), then run this again." >&2
    exit 1
fi
