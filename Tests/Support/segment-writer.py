#!/usr/bin/env python3
"""A small writer of remission's sync format, version 2 (Schema/sync-format.md), for remission's
tests only: it seals hostile segments under a known passphrase. It is not part of the product.

    segment-writer.py REMOTE_DIR --passphrase-env VAR --device UUID --sequence N
                      [--previous HEX | --previous-from-remote] [--name NAME]
                      [--relay-name ID=NAME ...] [--vector ID=SEQ ...] [--format 2]
                      [--raw] < operations.jsonl

Reads REMOTE_DIR/journal.json, unwraps the journal key with the passphrase in the environment
variable VAR (scrypt with the manifest's parameters; ChaCha20-Poly1305 with associated data
"remission journal key " + journal id), and writes REMOTE_DIR/devices/UUID/NNNNNNNNNNNN.seg:

    "RMSSEG01" || header length (4 bytes, big-endian) || header JSON (keys sorted, compact)
               || 12-byte nonce || ChaCha20-Poly1305(zlib(names line \\n operation lines))

under HKDF-SHA256(journal key, header salt, "remission segment"), associated data everything
before the sealed body. `previous` is "" for sequence 1, the SHA-256 hex of the device's
segment N-1 on the remote with --previous-from-remote, or the value of --previous.

Standard input holds one operation per line (blank lines ignored). Each is re-encoded as
canonical JSON (keys sorted, no spaces, non-ASCII and "/" unescaped) unless --raw, which
takes the lines byte for byte. The names line is {"device":NAME,"relayed":{...}}, where
`relayed` names every other device whose operation the segment carries (by --relay-name, or
by its id when none is given). Creates the segment exclusively (fails if it exists) and
prints nothing on success. Exit 1 with a message on standard error otherwise.
"""
import argparse, base64, hashlib, json, os, sys, zlib

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"RMSSEG01"


def canonical(value):
    """remission's canonical JSON: keys sorted, no spaces, '/' and non-ASCII not escaped."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fail(message):
    print("segment-writer: " + message, file=sys.stderr)
    sys.exit(1)


def journal_key(remote, passphrase):
    with open(os.path.join(remote, "journal.json"), "rb") as f:
        manifest = json.load(f)
    if manifest.get("format") != "remission-sync":
        fail("journal.json is not a remission journal")
    kdf = manifest["kdf"]
    if kdf.get("algorithm") != "scrypt":
        fail("journal.json uses %r, not scrypt" % kdf.get("algorithm"))
    n, r, p = kdf["n"], kdf["r"], kdf["p"]
    wrapping = hashlib.scrypt(passphrase.encode("utf-8"), salt=base64.b64decode(kdf["salt"]), n=n, r=r, p=p,
                              maxmem=128 * n * r * (p + 1) + (1 << 20), dklen=32)
    box = base64.b64decode(manifest["key"])
    associated = ("remission journal key " + manifest["journal"]).encode("utf-8")
    try:
        key = ChaCha20Poly1305(wrapping).decrypt(box[:12], box[12:], associated)
    except Exception:
        fail("the passphrase does not open journal.json")
    if len(key) != 32:
        fail("journal.json holds a key of %d bytes" % len(key))
    return manifest["journal"], key


def segment_name(sequence):
    return "%012d.seg" % sequence


def pairs(items, what, convert=str):
    result = {}
    for item in items or []:
        if "=" not in item:
            fail("%s wants ID=VALUE, not %r" % (what, item))
        key, value = item.split("=", 1)
        result[key] = convert(value)
    return result


def main():
    parser = argparse.ArgumentParser(description="Seals a remission segment (tests only).")
    parser.add_argument("remote", help="the folder remote (holds journal.json and devices/)")
    parser.add_argument("--passphrase-env", required=True, help="environment variable holding the passphrase")
    parser.add_argument("--device", required=True, help="the writing device's id (its folder)")
    parser.add_argument("--sequence", required=True, type=int)
    previous = parser.add_mutually_exclusive_group()
    previous.add_argument("--previous", help="the header's `previous`, as is")
    previous.add_argument("--previous-from-remote", action="store_true",
                          help="SHA-256 of the device's segment SEQUENCE-1 on the remote")
    parser.add_argument("--name", default="mallory", help="the writer's device name (sealed)")
    parser.add_argument("--relay-name", action="append", help="ID=NAME for the sealed `relayed` names")
    parser.add_argument("--vector", action="append", help="ID=SEQUENCE for the header's vector")
    parser.add_argument("--format", type=int, default=2)
    parser.add_argument("--journal", help="the header's journal id (default: journal.json's)")
    parser.add_argument("--raw", action="store_true", help="operation lines byte for byte, not re-encoded")
    arguments = parser.parse_args()

    passphrase = os.environ.get(arguments.passphrase_env)
    if passphrase is None:
        fail("$%s is not set" % arguments.passphrase_env)
    journal, key = journal_key(arguments.remote, passphrase)
    folder = os.path.join(arguments.remote, "devices", arguments.device)

    lines = [line for line in sys.stdin.buffer.read().decode("utf-8").split("\n") if line.strip()]
    operations = []
    relayed_ids = set()
    for line in lines:
        try:
            operation = json.loads(line)
        except ValueError as error:
            fail("not an operation: %r (%s)" % (line[:80], error))
        operations.append(line if arguments.raw else canonical(operation))
        device = str(operation.get("id", "")).rsplit(":", 1)[0] if isinstance(operation, dict) else ""
        if device and device != arguments.device:
            relayed_ids.add(device)

    if arguments.previous is not None:
        previous_hash = arguments.previous
    elif arguments.previous_from_remote and arguments.sequence > 1:
        with open(os.path.join(folder, segment_name(arguments.sequence - 1)), "rb") as f:
            previous_hash = hashlib.sha256(f.read()).hexdigest()
    else:
        previous_hash = ""

    relayed = {device: device for device in relayed_ids}
    relayed.update(pairs(arguments.relay_name, "--relay-name"))
    salt = os.urandom(16)
    header = {
        "device": arguments.device,
        "format": arguments.format,
        "journal": arguments.journal or journal,
        "operations": len(operations),
        "previous": previous_hash,
        "salt": base64.b64encode(salt).decode("ascii"),
        "sequence": arguments.sequence,
        "vector": pairs(arguments.vector, "--vector", int),
    }
    header_bytes = canonical(header).encode("utf-8")
    prefix = MAGIC + len(header_bytes).to_bytes(4, "big") + header_bytes

    names = canonical({"device": arguments.name, "relayed": relayed})
    plain = "\n".join([names] + operations).encode("utf-8")
    segment_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"remission segment").derive(key)
    nonce = os.urandom(12)
    sealed = nonce + ChaCha20Poly1305(segment_key).encrypt(nonce, zlib.compress(plain, 9), prefix)

    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, segment_name(arguments.sequence))
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        fail("%s exists; segments are never replaced" % path)
    with os.fdopen(descriptor, "wb") as f:
        f.write(prefix + sealed)


if __name__ == "__main__":
    main()
