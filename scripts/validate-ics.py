#!/usr/bin/python3
"""Validates an iCalendar file of `remission due --ics` with the icalendar package.

usage: validate-ics.py < follow-up.ics
Prints the events as JSON ([{"uid", "start", "end", "summary", "description"}], start and end
as YYYY-MM-DD) for the test to compare; exits 1 with the problems on stderr when the file is
not what RFC 5545 asks for: CRLF line ends, lines of at most 75 octets, VERSION 2.0 and a
PRODID, every event with a unique UID, a DTSTAMP in UTC, an all-day DTSTART (a DATE, not a
date-time) and a DTEND the next day; icalendar must parse it without errors.

icalendar lives in .venv-tools/ (scripts/install-deps.sh creates it from
scripts/requirements-tools.txt); run with another Python, this script restarts itself there.
"""
import datetime
import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv-tools" / "bin" / "python3"

try:
    import icalendar
except ImportError:
    if VENV_PYTHON.exists() and not os.environ.get("REMISSION_VALIDATE_ICS_RESTARTED"):
        os.environ["REMISSION_VALIDATE_ICS_RESTARTED"] = "1"
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(pathlib.Path(__file__).resolve()), *sys.argv[1:]])
    print("validate-ics: icalendar is not installed; run scripts/install-deps.sh, "
          "which installs it into .venv-tools/", file=sys.stderr)
    sys.exit(2)

raw = sys.stdin.buffer.read()
problems = []

if not raw.endswith(b"\r\n"):
    problems.append("the file does not end with CRLF")
lines = raw.split(b"\r\n")
for number, line in enumerate(lines[:-1], start=1):
    if b"\n" in line or b"\r" in line:
        problems.append(f"line {number}: a bare LF or CR (lines end with CRLF)")
    if len(line) > 75:
        problems.append(f"line {number}: {len(line)} octets, more than 75 (fold it)")
try:
    raw.decode("utf-8")
except UnicodeDecodeError as error:
    problems.append(f"not UTF-8: {error}")

events = []
try:
    calendar = icalendar.Calendar.from_ical(raw)
except Exception as error:  # icalendar raises ValueError and others on malformed input
    print(f"validate-ics: icalendar cannot parse the file: {error}", file=sys.stderr)
    sys.exit(1)

if calendar.name != "VCALENDAR":
    problems.append(f"the top component is {calendar.name}, not VCALENDAR")
if str(calendar.get("VERSION")) != "2.0":
    problems.append("VERSION is not 2.0")
if not calendar.get("PRODID"):
    problems.append("no PRODID")
for component in calendar.walk():
    for error in getattr(component, "errors", []):
        problems.append(f"{component.name}: {error}")

uids = set()
for event in calendar.walk("VEVENT"):
    uid = str(event.get("UID", ""))
    if not uid:
        problems.append("an event without UID")
    if uid in uids:
        problems.append(f"UID {uid} twice")
    uids.add(uid)
    stamp = event.get("DTSTAMP")
    if stamp is None or not isinstance(stamp.dt, datetime.datetime) or stamp.dt.utcoffset() != datetime.timedelta(0):
        problems.append(f"{uid}: DTSTAMP is not a UTC date-time")
    start, end = event.get("DTSTART"), event.get("DTEND")
    if start is None or type(start.dt) is not datetime.date:
        problems.append(f"{uid}: DTSTART is not a DATE (an all-day event)")
        continue
    if end is None or type(end.dt) is not datetime.date or end.dt != start.dt + datetime.timedelta(days=1):
        problems.append(f"{uid}: DTEND is not the day after DTSTART")
        continue
    events.append({
        "uid": uid, "start": start.dt.isoformat(), "end": end.dt.isoformat(),
        "summary": str(event.get("SUMMARY", "")), "description": str(event.get("DESCRIPTION", "")),
    })

for problem in problems[:10]:
    print(f"validate-ics: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(json.dumps(events, ensure_ascii=False))
