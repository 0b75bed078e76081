#!/usr/bin/env python3
"""Validates a FHIR R4 Bundle as `remission export --format fhir` writes it.

usage: validate-fhir.py [FILE]      (standard input without FILE)

Exit 0 when valid, printing a one-line summary; 1 with every problem on stderr; 2 when
fhir.resources is missing. The Bundle is parsed with fhir.resources 6.4.0, whose top-level
models are FHIR R4 (4.0.1): structure, data types, cardinality, required elements, no
unknown elements. Then this script checks what those models leave out: the codes of
required bindings the export uses, unique urn:uuid fullUrls, references that resolve within
the Bundle, narratives that are well-formed XHTML in a div (txt-1, in part), and the
invariants qty-3 (a unit code needs its system) and obs-6 (dataAbsentReason only without a
value).

fhir.resources lives in .venv-tools/ (scripts/install-deps.sh creates it from
scripts/requirements-tools.txt); run with another Python, this script restarts itself there.
"""
import json
import os
import pathlib
import re
import sys
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv-tools" / "bin" / "python3"
FHIR_RESOURCES_VERSION = "6.4.0"

try:
    import fhir.resources
    from fhir.resources.bundle import Bundle
except ImportError:
    if VENV_PYTHON.exists() and not os.environ.get("REMISSION_VALIDATE_FHIR_RESTARTED"):
        os.environ["REMISSION_VALIDATE_FHIR_RESTARTED"] = "1"
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(pathlib.Path(__file__).resolve()), *sys.argv[1:]])
    print("validate-fhir: fhir.resources is not installed; run scripts/install-deps.sh, "
          "which installs it into .venv-tools/", file=sys.stderr)
    sys.exit(2)

if fhir.resources.__version__ != FHIR_RESOURCES_VERSION or fhir.resources.__fhir_version__ != "4.0.1":
    print(f"validate-fhir: needs fhir.resources {FHIR_RESOURCES_VERSION} (FHIR 4.0.1), found "
          f"{fhir.resources.__version__} (FHIR {fhir.resources.__fhir_version__}); run scripts/install-deps.sh",
          file=sys.stderr)
    sys.exit(2)

# Required bindings (FHIR R4 value sets) of the coded elements the export writes.
REQUIRED_CODES = {
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch",
                         "batch-response", "history", "searchset", "collection"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended", "corrected",
                                "cancelled", "entered-in-error", "unknown"},
    ("MedicationStatement", "status"): {"active", "completed", "entered-in-error", "intended",
                                        "stopped", "on-hold", "unknown", "not-taken"},
    ("Procedure", "status"): {"preparation", "in-progress", "not-done", "on-hold", "stopped",
                              "completed", "entered-in-error", "unknown"},
    ("Encounter", "status"): {"planned", "arrived", "triaged", "in-progress", "onleave", "finished",
                              "cancelled", "entered-in-error", "unknown"},
}
COMPARATORS = {"<", "<=", ">=", ">"}
NARRATIVE_STATUS = {"generated", "extensions", "additional", "empty"}
PERIOD_UNITS = {"s", "min", "h", "d", "wk", "mo", "a"}
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def walk(value, path):
    """Yields (path, dict) for every object inside value."""
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")


def check(document):
    problems = []
    if document.get("resourceType") != "Bundle":
        return ["the document is not a Bundle"]
    if document.get("type") not in REQUIRED_CODES[("Bundle", "type")]:
        problems.append(f"Bundle.type '{document.get('type')}' is not a bundle type")
    entries = document.get("entry", [])
    full_urls = {}
    for index, entry in enumerate(entries):
        url = entry.get("fullUrl")
        if not isinstance(url, str) or not UUID_URN.match(url):
            problems.append(f"entry {index}: fullUrl {url!r} is not urn:uuid:<lower-case uuid>")
        elif url in full_urls:
            problems.append(f"entry {index}: fullUrl {url} repeats entry {full_urls[url]} (bdl-7)")
        else:
            full_urls[url] = index
    for index, entry in enumerate(entries):
        resource = entry.get("resource", {})
        kind = resource.get("resourceType", "?")
        where = f"entry {index} ({kind} {entry.get('fullUrl')})"
        for (resource_type, element), codes in REQUIRED_CODES.items():
            if resource_type == kind and element in resource and resource[element] not in codes:
                problems.append(f"{where}: {element} '{resource[element]}' is not one of {sorted(codes)}")
        if kind == "Observation" and "dataAbsentReason" in resource and any(k.startswith("value") for k in resource):
            problems.append(f"{where}: has both a value and a dataAbsentReason (obs-6)")
        narrative = resource.get("text")
        if isinstance(narrative, dict) and narrative.get("status") not in NARRATIVE_STATUS:
            problems.append(f"{where}: text.status '{narrative.get('status')}' is not one of {sorted(NARRATIVE_STATUS)}")
        if isinstance(narrative, dict):
            try:
                root = ElementTree.fromstring(narrative.get("div", ""))
                if root.tag != "{http://www.w3.org/1999/xhtml}div":
                    problems.append(f"{where}: text.div is not an XHTML div")
            except ElementTree.ParseError as error:
                problems.append(f"{where}: text.div is not well-formed XHTML: {error}")
        for path, item in walk(resource, kind):
            if "comparator" in item and item["comparator"] not in COMPARATORS:
                problems.append(f"{where}: {path}.comparator '{item['comparator']}' is not one of {sorted(COMPARATORS)}")
            if "periodUnit" in item and item["periodUnit"] not in PERIOD_UNITS:
                problems.append(f"{where}: {path}.periodUnit '{item['periodUnit']}' is not a UCUM unit of time")
            if "value" in item and "code" in item and "system" not in item:
                problems.append(f"{where}: {path} has a unit code without its system (qty-3)")
            reference = item.get("reference")
            if isinstance(reference, str) and reference.startswith("urn:uuid:") and reference not in full_urls:
                problems.append(f"{where}: {path}.reference {reference} is not in the Bundle")
    return problems


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "standard input"
    text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8") if len(sys.argv) > 1 else sys.stdin.read()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        print(f"validate-fhir: {name}: not JSON: {error}", file=sys.stderr)
        return 1
    problems = []
    try:
        bundle = Bundle.parse_obj(document)
    except Exception as error:  # pydantic.ValidationError, with every problem listed
        problems.append(f"fhir.resources {FHIR_RESOURCES_VERSION} (FHIR R4) rejects it:\n    "
                        + str(error).replace("\n", "\n    "))
        bundle = None
    problems += check(document) if isinstance(document, dict) else ["the document is not a JSON object"]
    if problems:
        for problem in problems:
            print(f"validate-fhir: {name}: {problem}", file=sys.stderr)
        return 1
    counts = {}
    for entry in bundle.entry or []:
        counts[entry.resource.resource_type] = counts.get(entry.resource.resource_type, 0) + 1
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
    print(f"{name}: a valid FHIR R4 Bundle ({bundle.type}) of {len(bundle.entry or [])} resources: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
