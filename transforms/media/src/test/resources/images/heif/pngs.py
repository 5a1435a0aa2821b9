import struct, zlib, sys
def png(path, w, h, f):
    raw = b''.join(b'\x00' + bytes(v for x in range(w) for v in f(x, y)) for y in range(h))
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                           + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)
def quad(w, h):
    return lambda x, y: (RED if x < w // 2 else GREEN) if y < h // 2 else (BLUE if x < w // 2 else YELLOW)
png('quadrants.png', 128, 64, quad(128, 64))
for name, c in (('red', RED), ('green', GREEN), ('blue', BLUE), ('yellow', YELLOW), ('brown', (200, 100, 50))):
    png('tile-%s.png' % name, 64, 64, lambda x, y, c=c: c)
