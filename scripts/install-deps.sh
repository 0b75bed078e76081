#!/usr/bin/env bash
# Installs what remission needs, if any of it is missing.
#
#   install-deps.sh build   the system libraries to build and run it (make build, make demo)
#   install-deps.sh         also what the tests use: apache2 for the WebDAV tests, rclone (whose
#                           `serve webdav` overwrites: the create-only probe's test), moto (an
#                           S3 server, in .venv-moto/) for the S3 tests, chromium for
#                           the report's browser test, python3-jsonschema, python3-cryptography
#                           for the hostile segments Tests/Support/segment-writer.py seals, and
#                           the Python packages fhir.resources (the FHIR export's test) and
#                           icalendar (the calendar file's test) in .venv-tools/
#
# Safe to run again: it installs only what is absent. Uses sudo when not root.
set -euo pipefail

purpose=${1:-test}
case "$purpose" in build|test) ;; *) echo "usage: install-deps.sh [build|test]" >&2; exit 64 ;; esac

packages=(libsqlite3-dev sqlite3 libcurl4-openssl-dev zlib1g-dev pkg-config)
if [ "$purpose" = test ]; then
    packages+=(python3 python3-jsonschema python3-cryptography python3-venv apache2 rclone bsdutils chromium fonts-dejavu-core)
fi
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

# fhir.resources and icalendar, for the tests that validate the FHIR export
# (scripts/validate-fhir.py) and the calendar file (scripts/validate-ics.py): from PyPI, at
# the versions scripts/requirements-tools.txt pins, in a virtual environment of
# the project's own (.venv-tools/, git-ignored), since Debian's Python takes no system-wide
# pip installs. Installed again only when the pins change or the environment is broken.
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-tools"
requirements="$root/scripts/requirements-tools.txt"
if [ "$purpose" = test ] && { ! cmp -s "$requirements" "$venv/requirements-tools.txt" || ! "$venv/bin/python3" -c 'import fhir.resources, icalendar' 2>/dev/null; }; then
    echo "Installing fhir.resources and icalendar into $venv"
    /usr/bin/python3 -m venv --clear "$venv"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
    cp "$requirements" "$venv/requirements-tools.txt"
fi

# moto, the S3 server of the S3 sync tests (scripts/s3-test-server.py), at the versions
# scripts/requirements-moto.txt pins, in a virtual environment of its own (.venv-moto/,
# git-ignored): botocore's python-dateutil 2 and icalendar's 4 cannot share one.
moto_venv="$root/.venv-moto"
moto_requirements="$root/scripts/requirements-moto.txt"
if [ "$purpose" = test ] && { ! cmp -s "$moto_requirements" "$moto_venv/requirements-moto.txt" || ! "$moto_venv/bin/python3" -c 'import moto.server, boto3, flask' 2>/dev/null; }; then
    echo "Installing moto into $moto_venv"
    /usr/bin/python3 -m venv --clear "$moto_venv"
    "$moto_venv/bin/python3" -m pip install --quiet --disable-pip-version-check --no-input -r "$moto_requirements"
    cp "$moto_requirements" "$moto_venv/requirements-moto.txt"
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "Swift 6 is not on PATH. Install the Swift toolchain from swift.org (6.0 or later), then run this again." >&2
    exit 1
fi
