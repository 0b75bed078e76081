#!/usr/bin/python3
"""Counts pixels of given colours in a PNG screenshot, to show that a page's charts rendered.

usage: check-screenshot.py FILE.png RRGGBB [RRGGBB ...]
Prints one JSON object: width, height, the share of non-white pixels, and for each colour the
number of pixels within 24 of it on every channel. Standard library only (zlib), so it runs on
Debian's python3 with nothing installed; Chromium writes 8-bit RGB(A), non-interlaced PNGs.
"""
import json
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path} is not a PNG file")
    i, idat = 8, b""
    while i < len(data):
        (n,) = struct.unpack(">I", data[i:i + 4])
        kind, chunk = data[i + 4:i + 8], data[i + 8:i + 8 + n]
        i += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(idat)
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for x in range(bpp, stride):
                row[x] = (row[x] + row[x - bpp]) & 255
        elif kind == 2:
            row = bytearray((a + b) & 255 for a, b in zip(row, previous))
        elif kind == 3:
            for x in range(stride):
                row[x] = (row[x] + ((row[x - bpp] if x >= bpp else 0) + previous[x]) // 2) & 255
        elif kind == 4:
            for x in range(stride):
                a = row[x - bpp] if x >= bpp else 0
                b = previous[x]
                c = previous[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        yield width, height, bpp, row
        previous = row


def main():
    path, colours = sys.argv[1], [bytes.fromhex(c) for c in sys.argv[2:]]
    counts = [0] * len(colours)
    nonwhite = total = 0
    width = height = 0
    for width, height, bpp, row in decode(path):
        for x in range(0, width * bpp, bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            total += 1
            if r < 240 or g < 240 or b < 240:
                nonwhite += 1
                for index, c in enumerate(colours):
                    if abs(r - c[0]) <= 24 and abs(g - c[1]) <= 24 and abs(b - c[2]) <= 24:
                        counts[index] += 1
            elif colours:
                for index, c in enumerate(colours):
                    if abs(r - c[0]) <= 24 and abs(g - c[1]) <= 24 and abs(b - c[2]) <= 24:
                        counts[index] += 1
    print(json.dumps({
        "width": width, "height": height, "nonwhite": round(nonwhite / max(total, 1), 4),
        "colours": {sys.argv[2 + i]: counts[i] for i in range(len(colours))},
    }))


main()
