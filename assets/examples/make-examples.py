#!/usr/bin/env python3
"""Re-creates the example images from Debian packages (authoring tool, not used at run time).

Needs: apt-get install python3-pil librsvg2-bin python3-skimage tuxpaint-stamps-default openclipart-svg
Run:   /usr/bin/python3 assets/examples/make-examples.py
Photos are centre-cropped to a square (optionally shifted by `shift`, a fraction of the slack);
stamps and clip art with transparency are composited on white, trimmed, padded to a square.
Everything is resized to 256x256. Nothing here reads Tiny ImageNet.
"""
import io
import os
import subprocess
import sys

from PIL import Image

OUT = os.path.dirname(os.path.abspath(__file__))
SIZE = 256
SK = '/usr/lib/python3/dist-packages/skimage/data/'
TP = '/usr/share/tuxpaint/stamps/'
OC = '/usr/share/openclipart/svg/'

# id, source path, kind ('photo' = crop, 'stamp' = trim and pad), output format, crop shift
IMAGES = [
    ('espresso-cup', SK + 'coffee.png', 'photo', 'jpg', (0.0, 0.0)),
    ('koala', TP + 'animals/marsupials/koala.png', 'stamp', 'jpg', None),
    ('mandarin-orange', TP + 'food/fruit/mandarine.png', 'stamp', 'jpg', None),
    ('orange-clipart', OC + 'food/fruit/orange.svg', 'stamp', 'png', None),
    ('yellow-bell-pepper', TP + 'food/vegetables/yellowpepper.png', 'stamp', 'jpg', None),
    ('ladybug-clipart', OC + 'animals/bugs/ladybug_01.svg', 'stamp', 'png', None),
    ('pizza-clipart', OC + 'food/pizza_4_stagioni_archite_01.svg', 'stamp', 'jpg', None),
    ('school-bus-clipart', TP + 'vehicles/masstransit/cartoon/schoolbus.svg', 'stamp', 'png', None),
    ('yellow-sports-car-clipart', TP + 'vehicles/auto/sportscar3.svg', 'stamp', 'png', None),
    ('red-sports-car-clipart', OC + 'transportation/sportcar_sergio_luiz_ara_01.svg', 'stamp', 'png', None),
    ('schooner-clipart', OC + 'transportation/boating/boat_jarno_vasamaa1.svg', 'stamp', 'png', None),
    ('tiger', TP + 'animals/mammals/cats/tiger.png', 'stamp', 'jpg', None),
    ('astronaut', SK + 'astronaut.png', 'photo', 'jpg', (0.0, 0.0)),
    ('cat-chelsea', SK + 'chelsea.png', 'photo', 'jpg', (-0.3, 0.0)),
    ('rocket-launch', SK + 'rocket.jpg', 'photo', 'jpg', (0.0, 0.0)),
    ('hubble-deep-field', SK + 'hubble_deep_field.jpg', 'photo', 'jpg', (0.0, 0.0)),
]


def load(path):
    if path.endswith('.svg'):
        png = subprocess.run(['rsvg-convert', '-w', '1024', '-a', path], check=True, capture_output=True).stdout
        return Image.open(io.BytesIO(png)).convert('RGBA')
    return Image.open(path).convert('RGBA')


def photo(img, shift):
    w, h = img.size
    s = min(w, h)
    dx, dy = shift
    left = round((w - s) / 2 * (1 + dx))
    top = round((h - s) / 2 * (1 + dy))
    return img.convert('RGB').crop((left, top, left + s, top + s))


def stamp(img):
    bbox = img.getchannel('A').point(lambda a: 255 if a > 8 else 0).getbbox()
    img = img.crop(bbox)
    w, h = img.size
    s = round(max(w, h) * 1.08)  # a small white margin around the object
    canvas = Image.new('RGBA', (s, s), (255, 255, 255, 255))
    canvas.alpha_composite(img, ((s - w) // 2, (s - h) // 2))
    return canvas.convert('RGB')


def main():
    only = set(sys.argv[1:])
    for ident, src, kind, fmt, shift in IMAGES:
        if only and ident not in only:
            continue
        img = load(src)
        sq = photo(img, shift) if kind == 'photo' else stamp(img)
        out = sq.resize((SIZE, SIZE), Image.LANCZOS)
        path = os.path.join(OUT, f'{ident}.{fmt}')
        if fmt == 'jpg':
            out.save(path, 'JPEG', quality=88, optimize=True, progressive=False)
        else:
            out.save(path, 'PNG', optimize=True)
        print(f'{ident}.{fmt}\t{os.path.getsize(path)} bytes\t{src}')


if __name__ == '__main__':
    main()
