#!/usr/bin/python3
"""Validates a JSON document against one of the schemas in Schema/json/.

usage: validate-json.py SCHEMA-NAME < document.json
Exit 0 when valid; 1 with the first errors on stderr otherwise. The tests run it with
Debian's python3-jsonschema, which scripts/install-deps.sh installs.
"""
import json
import pathlib
import sys

import jsonschema

schemas_dir = pathlib.Path(__file__).resolve().parent.parent / "Schema" / "json"
store = {}
for path in schemas_dir.glob("*.schema.json"):
    schema = json.loads(path.read_text(encoding="utf-8"))
    store[schema["$id"]] = schema

name = sys.argv[1]
schema = json.loads((schemas_dir / name).read_text(encoding="utf-8"))
document = json.load(sys.stdin)

validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
try:
    from referencing import Registry, Resource  # jsonschema >= 4.18
    registry = Registry().with_resources((uri, Resource.from_contents(s)) for uri, s in store.items())
    validator = validator_class(schema, registry=registry)
except ImportError:
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validator = validator_class(schema, resolver=resolver)

errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
for error in errors[:5]:
    print(f"{name}: {'/'.join(map(str, error.path)) or '(root)'}: {error.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
