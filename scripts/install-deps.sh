#!/usr/bin/env bash
# Installs the system packages remission needs to build and test, if any is missing.
# Safe to run again: it installs only what is absent. Uses sudo when not root.
set -euo pipefail

packages=(libsqlite3-dev sqlite3 libcurl4-openssl-dev zlib1g-dev pkg-config python3 python3-jsonschema apache2 bsdutils chromium fonts-dejavu-core poppler-utils)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    # apache2 is only for the WebDAV tests, which start their own server on 127.0.0.1: keep
    # the package from starting a system-wide server on port 80 when it is installed.
    policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod +x "$policy"
    fi
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -z "$policy" ] || $sudo rm -f "$policy"
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "Swift 6 is not on PATH. Install the Swift toolchain from swift.org (6.0 or later), then run this again." >&2
    exit 1
fi
