#!/usr/bin/env python3
"""Builds an iPhone-style gridded HEIC from single-tile HEICs made by heif-enc (libheif 1.15 has no grid output).

Usage: make-grid-heic.py OUT.heic WIDTH HEIGHT ROWS COLS TILE.heic... [--irot N] [--imir AXIS] [--icc FILE]
The tiles (row by row) must be equal-sized HEVC images; the grid item (the primary image) is WIDTHxHEIGHT,
cropped from the ROWSxCOLS canvas of tiles; --irot/--imir add those transforms to the grid item, --icc a
'colr' property of type 'prof' holding that ICC profile.
"""
import struct
import sys


def box(kind, payload):
    return struct.pack('>I4s', 8 + len(payload), kind) + payload


def full(kind, version, flags, payload):
    return box(kind, struct.pack('>I', (version << 24) | flags) + payload)


def children(b, start, end):
    p = start
    while p + 8 <= end:
        size, kind = struct.unpack('>I4s', b[p:p + 8])
        yield kind, p, p + size
        p += size


def read_tile(path):
    """The hvcC property, the ispe size and the coded data of item 1 of a heif-enc file."""
    b = open(path, 'rb').read()
    meta = next((s, e) for k, s, e in children(b, 0, len(b)) if k == b'meta')
    parts = {k: (s, e) for k, s, e in children(b, meta[0] + 12, meta[1])}
    iprp_s, iprp_e = parts[b'iprp']
    ipco = next((s, e) for k, s, e in children(b, iprp_s + 8, iprp_e) if k == b'ipco')
    props = {k: b[s:e] for k, s, e in children(b, ipco[0] + 8, ipco[1])}
    s, e = parts[b'iloc']
    assert b[s + 8] == 0 and b[s + 12] == 0x44 and b[s + 13] in (0x00, 0x40), 'expects iloc v0, 4-byte fields'
    base_size = b[s + 13] >> 4
    count = struct.unpack('>H', b[s + 14:s + 16])[0]
    p = s + 16
    for _ in range(count):
        item, _dref = struct.unpack('>HH', b[p:p + 4])
        base = struct.unpack('>I', b[p + 4:p + 8])[0] if base_size else 0
        p += 4 + base_size
        extents = struct.unpack('>H', b[p:p + 2])[0]
        offset, length = struct.unpack('>II', b[p + 2:p + 10])
        assert extents == 1
        if item == 1:
            data = b[base + offset:base + offset + length]
        p += 2 + 8 * extents
    w, h = struct.unpack('>II', props[b'ispe'][12:20])
    return props[b'hvcC'], (w, h), data


def main(argv):
    irot = imir = icc = None
    if '--icc' in argv:
        i = argv.index('--icc'); icc = open(argv[i + 1], 'rb').read(); del argv[i:i + 2]
    if '--irot' in argv:
        i = argv.index('--irot'); irot = int(argv[i + 1]); del argv[i:i + 2]
    if '--imir' in argv:
        i = argv.index('--imir'); imir = int(argv[i + 1]); del argv[i:i + 2]
    out, width, height, rows, cols = argv[0], int(argv[1]), int(argv[2]), int(argv[3]), int(argv[4])
    tiles = [read_tile(p) for p in argv[5:]]
    assert len(tiles) == rows * cols
    n = len(tiles)
    grid_id = n + 1
    grid_data = struct.pack('>BBBBHH', 0, 0, rows - 1, cols - 1, width, height)
    # properties: hvcC per tile (1..n), tile ispe (n+1), grid ispe (n+2), then irot / imir
    props = [t[0] for t in tiles]
    tw, th = tiles[0][1]
    props.append(full(b'ispe', 0, 0, struct.pack('>II', tw, th)))
    props.append(full(b'ispe', 0, 0, struct.pack('>II', width, height)))
    grid_props = [n + 2]
    if icc is not None:
        props.append(box(b'colr', b'prof' + icc))
        grid_props.append(len(props))
    if irot is not None:
        props.append(box(b'irot', bytes([irot & 3])))
        grid_props.append(len(props) | 0x80)
    if imir is not None:
        props.append(box(b'imir', bytes([imir & 1])))
        grid_props.append(len(props) | 0x80)
    ipma = struct.pack('>I', n + 1)
    for i in range(n):
        ipma += struct.pack('>HB', i + 1, 2) + bytes([0x80 | (i + 1), n + 1])
    ipma += struct.pack('>HB', grid_id, len(grid_props)) + bytes(grid_props)
    iprp = box(b'iprp', box(b'ipco', b''.join(props)) + full(b'ipma', 0, 0, ipma))
    hdlr = full(b'hdlr', 0, 0, struct.pack('>I4sIII', 0, b'pict', 0, 0, 0) + b'\0')
    pitm = full(b'pitm', 0, 0, struct.pack('>H', grid_id))
    infes = b''.join(full(b'infe', 2, 1, struct.pack('>HH4s', i + 1, 0, b'hvc1') + b'\0') for i in range(n))
    infes += full(b'infe', 2, 0, struct.pack('>HH4s', grid_id, 0, b'grid') + b'\0')
    iinf = full(b'iinf', 0, 0, struct.pack('>H', n + 1) + infes)
    iref = full(b'iref', 0, 0, box(b'dimg', struct.pack('>HH', grid_id, n) + b''.join(
        struct.pack('>H', i + 1) for i in range(n))))
    datas = [t[2] for t in tiles] + [grid_data]

    def build(mdat_start):
        entries = b''
        offset = mdat_start + 8
        for i, d in enumerate(datas):
            entries += struct.pack('>HHHII', i + 1, 0, 1, offset, len(d))
            offset += len(d)
        iloc = full(b'iloc', 0, 0, bytes([0x44, 0x00]) + struct.pack('>H', len(datas)) + entries)
        meta = full(b'meta', 0, 0, hdlr + pitm + iloc + iinf + iref + iprp)
        ftyp = box(b'ftyp', b'heic' + struct.pack('>I', 0) + b'mif1heicmiaf')
        return ftyp + meta

    head = build(0)
    head = build(len(head))
    open(out, 'wb').write(head + box(b'mdat', b''.join(datas)))


main(sys.argv[1:])
