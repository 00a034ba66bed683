#!/usr/bin/env python3
"""Draw the illustrative sample images used by the sample articles.

Every article photo in content/berita/ points at a file under content/images/.
For the sample content those "photos" are flat, vector-style illustrations
drawn here with Pillow: no downloads, no fonts, no text in the pictures.

Usage (no arguments; regenerates every image in IMAGES):

    python tools/make_sample_images.py

The output is deterministic: each image uses a random generator seeded from
its own path, so re-running the script gives byte-identical files for the
same Pillow version.
"""

from __future__ import annotations

import math
import random
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

# (path relative to content/, scene, palette)
IMAGES: list[tuple[str, str, str]] = [
    ("images/2026/08/tembakau-lombok-timur.jpg", "field-tobacco", "morning"),
    ("images/2026/08/kekeringan-bayan.jpg", "dry", "hot"),
    ("images/2026/08/pacoa-jara-panda.jpg", "track-dirt", "afternoon"),
    ("images/2026/09/rinjani-sembalun.jpg", "mountain", "morning"),
    ("images/2026/09/smelter-maluk.jpg", "factory", "noon"),
    ("images/2026/09/gili-sekotong.jpg", "sea", "noon"),
    ("images/2026/09/posyandu-lombok-tengah.jpg", "clinic", "morning"),
    ("images/2026/09/armada-sampah-mataram.jpg", "city", "morning"),
    ("images/2026/09/sekolah-rusak-bima.jpg", "school", "afternoon"),
    ("images/2026/09/gili-trawangan.jpg", "sea-beach", "afternoon"),
    ("images/2026/10/sirkuit-mandalika.jpg", "track-circuit", "noon"),
    ("images/2026/10/gerabah-banyumulek.jpg", "pottery", "afternoon"),
    ("images/2026/10/bawang-merah-bima.jpg", "sacks", "morning"),
    ("images/2026/11/musim-hujan-ntb.jpg", "rain", "storm"),
    ("images/2026/11/jagung-dompu.jpg", "field-corn", "noon"),
    ("images/2026/11/barapan-kebo-sumbawa.jpg", "wetfield", "overcast"),
    ("images/2026/11/pantai-seger-bau-nyale.jpg", "beach", "dawn"),
    ("images/2026/11/ump-ntb.jpg", "office", "dusk"),
    ("images/2026/11/banjir-kota-bima.jpg", "flood", "storm"),
    # The gallery in the Kota Bima flood story (a body gallery: several photos, captions, credits).
    ("images/2026/11/banjir-bima-jalan.jpg", "flood", "overcast"),
    ("images/2026/11/banjir-bima-hujan.jpg", "rain", "storm"),
    ("images/2026/11/banjir-bima-kota.jpg", "city", "overcast"),
]

OUT_W, OUT_H = 1200, 675
S = 2  # supersampling factor: draw at 2x, then downscale for smooth edges
W, H = OUT_W * S, OUT_H * S
JPEG_QUALITY = 78

CONTENT = Path(__file__).resolve().parent.parent / "content"

RGB = tuple[int, int, int]

PALETTES: dict[str, dict[str, RGB | float]] = {
    "morning": {"sky_top": (108, 172, 226), "sky_bottom": (250, 226, 192),
                "sun": (255, 236, 170), "sea_top": (70, 150, 190), "sea_bottom": (40, 110, 160),
                "light": 1.0},
    "noon": {"sky_top": (62, 144, 224), "sky_bottom": (186, 224, 246),
             "sun": (255, 250, 220), "sea_top": (60, 178, 200), "sea_bottom": (22, 112, 168),
             "light": 1.05},
    "afternoon": {"sky_top": (92, 150, 214), "sky_bottom": (250, 214, 160),
                  "sun": (255, 214, 130), "sea_top": (70, 160, 190), "sea_bottom": (30, 100, 150),
                  "light": 0.97},
    "hot": {"sky_top": (150, 196, 228), "sky_bottom": (252, 236, 200),
            "sun": (255, 246, 200), "sea_top": (90, 160, 190), "sea_bottom": (50, 120, 160),
            "light": 1.08},
    "dawn": {"sky_top": (84, 100, 164), "sky_bottom": (255, 186, 140),
             "sun": (255, 206, 150), "sea_top": (120, 120, 170), "sea_bottom": (50, 70, 120),
             "light": 0.8},
    "dusk": {"sky_top": (52, 56, 118), "sky_bottom": (250, 156, 96),
             "sun": (255, 190, 110), "sea_top": (90, 80, 130), "sea_bottom": (40, 40, 90),
             "light": 0.72},
    "overcast": {"sky_top": (140, 152, 164), "sky_bottom": (212, 214, 210),
                 "sun": (235, 235, 225), "sea_top": (120, 140, 150), "sea_bottom": (80, 100, 115),
                 "light": 0.85},
    "storm": {"sky_top": (58, 64, 80), "sky_bottom": (128, 134, 140),
              "sun": (180, 180, 180), "sea_top": (90, 100, 110), "sea_bottom": (60, 70, 80),
              "light": 0.68},
}


# --------------------------------------------------------------------------- helpers

def mix(a: RGB, b: RGB, t: float) -> RGB:
    t = max(0.0, min(1.0, t))
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))  # type: ignore[return-value]


def shade(c: RGB, f: float) -> RGB:
    return tuple(max(0, min(255, int(round(v * f)))) for v in c)  # type: ignore[return-value]


class Scene:
    """A drawing context: image, draw handle, palette and random generator."""

    def __init__(self, palette: str, seed: int):
        self.p = PALETTES[palette]
        self.light = float(self.p["light"])  # type: ignore[arg-type]
        self.rng = random.Random(seed)
        self.img = Image.new("RGB", (W, H), (0, 0, 0))
        self.d = ImageDraw.Draw(self.img)

    # colours adjusted for the time of day
    def c(self, color: RGB) -> RGB:
        return shade(color, self.light)

    def vgrad(self, y0: float, y1: float, top: RGB, bottom: RGB, x0: float = 0, x1: float = W) -> None:
        y0i, y1i = int(y0), int(y1)
        span = max(1, y1i - y0i)
        for y in range(y0i, y1i):
            self.d.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0i) / span))

    def sky(self, horizon: float) -> None:
        self.vgrad(0, horizon + 4, self.p["sky_top"], self.p["sky_bottom"])  # type: ignore[arg-type]

    def sun(self, x: float, y: float, r: float) -> None:
        sun: RGB = self.p["sun"]  # type: ignore[assignment]
        sky = mix(self.p["sky_top"], self.p["sky_bottom"], y / H * 2)  # type: ignore[arg-type]
        for k in range(5, 0, -1):
            rr = r * (1 + k * 0.35)
            self.d.ellipse([x - rr, y - rr, x + rr, y + rr], fill=mix(sky, sun, 0.12 * (6 - k)))
        self.d.ellipse([x - r, y - r, x + r, y + r], fill=sun)

    def cloud(self, x: float, y: float, size: float, color: RGB) -> None:
        rng = self.rng
        for _ in range(7):
            dx = rng.uniform(-1.4, 1.4) * size
            dy = rng.uniform(-0.35, 0.2) * size
            r = rng.uniform(0.45, 0.8) * size
            self.d.ellipse([x + dx - r, y + dy - r * 0.75, x + dx + r, y + dy + r * 0.75], fill=color)
        self.d.ellipse([x - 1.5 * size, y - 0.1 * size, x + 1.5 * size, y + 0.45 * size], fill=color)

    def clouds(self, n: int, y0: float, y1: float, color: RGB | None = None) -> None:
        col = color or mix(self.p["sky_bottom"], (255, 255, 255), 0.6)  # type: ignore[arg-type]
        for _ in range(n):
            self.cloud(self.rng.uniform(0, W), self.rng.uniform(y0, y1), self.rng.uniform(40, 90) * S, col)

    def ridge(self, base: float, amp: float, color: RGB, waves: int = 4, step: int = 12) -> list[tuple[float, float]]:
        rng = self.rng
        comps = [(rng.uniform(0.6, 1.0) / (k + 1), rng.uniform(0.5, 1.5) * (k + 1), rng.uniform(0, 2 * math.pi))
                 for k in range(waves)]
        norm = sum(a for a, _, _ in comps)
        pts = []
        for x in range(0, W + step, step):
            v = sum(a * math.sin(2 * math.pi * f * x / W + ph) for a, f, ph in comps) / norm
            pts.append((x, base - amp * (0.5 + 0.5 * v)))
        self.d.polygon(pts + [(W, H), (0, H)], fill=color)
        return pts

    def volcano(self, cx: float, base: float, width: float, height: float, color: RGB,
                shade_color: RGB | None = None) -> None:
        """Rinjani-like silhouette: concave slopes, a flat crater rim with a notch."""
        pts = []
        half = width / 2
        rim = width * 0.06
        for i in range(41):
            t = i / 40
            x = cx - half + (half - rim) * t
            y = base - height * (t ** 2.2)
            pts.append((x, y))
        pts += [(cx - rim * 0.4, base - height * 0.985), (cx - rim * 0.1, base - height * 0.95),
                (cx + rim * 0.3, base - height * 1.02)]
        for i in range(41):
            t = 1 - i / 40
            x = cx + rim + (half - rim) * (1 - t)
            y = base - height * (t ** 2.0)
            pts.append((x, y))
        pts += [(cx + half, base + 2), (cx - half, base + 2)]
        self.d.polygon(pts, fill=color)
        if shade_color:
            sh = [(cx + rim * 0.3, base - height * 1.02)]
            for i in range(41):
                t = 1 - i / 40
                sh.append((cx + rim + (half - rim) * (1 - t), base - height * (t ** 2.0)))
            sh.append((cx + half * 0.15, base + 2))
            self.d.polygon(sh, fill=shade_color)

    def sea(self, y0: float, y1: float) -> None:
        self.vgrad(y0, y1, self.p["sea_top"], self.p["sea_bottom"])  # type: ignore[arg-type]
        wave = mix(self.p["sea_top"], (255, 255, 255), 0.35)  # type: ignore[arg-type]
        for _ in range(int(70 * (y1 - y0) / H) + 10):
            y = self.rng.uniform(y0 + 6, y1)
            x = self.rng.uniform(0, W)
            L = (10 + 50 * (y - y0) / max(1, y1 - y0)) * S
            self.d.line([(x, y), (x + L, y)], fill=wave, width=max(2, int(S * (1 + 2 * (y - y0) / max(1, y1 - y0)))))

    def palm(self, x: float, y: float, h: float, trunk: RGB, leaf: RGB, lean: float = 0.15) -> None:
        pts = []
        for i in range(11):
            t = i / 10
            pts.append((x + lean * h * t * t, y - h * t))
        for i in range(10):
            self.d.line([pts[i], pts[i + 1]], fill=trunk, width=int(h * 0.05 * (1.2 - i * 0.04)) + 2)
        tx, ty = pts[-1]
        for k in range(8):
            ang = math.pi * (0.05 + k / 7 * 0.9) + math.pi
            L = h * self.rng.uniform(0.38, 0.5)
            mid = (tx + math.cos(ang) * L * 0.5, ty + math.sin(ang) * L * 0.35 - h * 0.02)
            end = (tx + math.cos(ang) * L, ty + math.sin(ang) * L * 0.2 + L * 0.35)
            self.d.polygon([(tx, ty), mid, end, (mid[0], mid[1] + h * 0.04)], fill=leaf)
        self.d.ellipse([tx - h * 0.03, ty - h * 0.02, tx + h * 0.03, ty + h * 0.04], fill=shade(trunk, 0.8))

    def tree(self, x: float, y: float, r: float, leaf: RGB, trunk: RGB = (110, 80, 55)) -> None:
        self.d.rectangle([x - r * 0.12, y - r * 1.2, x + r * 0.12, y], fill=trunk)
        for dx, dy, rr in ((0, -1.7, 0.8), (-0.55, -1.35, 0.62), (0.55, -1.35, 0.62)):
            cx, cy, R = x + dx * r, y + dy * r, rr * r
            self.d.ellipse([cx - R, cy - R, cx + R, cy + R], fill=leaf)
        hl = mix(leaf, (255, 255, 210), 0.18)
        self.d.ellipse([x - r * 0.5, y - r * 2.3, x + r * 0.1, y - r * 1.8], fill=hl)

    def house(self, x: float, y: float, w: float, h: float, wall: RGB, roof: RGB,
              door: RGB = (120, 80, 50), window: RGB = (70, 110, 140)) -> None:
        self.d.rectangle([x, y - h, x + w, y], fill=wall)
        oh = w * 0.08
        self.d.polygon([(x - oh, y - h), (x + w / 2, y - h - h * 0.65), (x + w + oh, y - h)], fill=roof)
        dw = w * 0.18
        self.d.rectangle([x + w * 0.41, y - h * 0.6, x + w * 0.41 + dw, y], fill=door)
        for wx in (x + w * 0.1, x + w * 0.7):
            self.d.rectangle([wx, y - h * 0.7, wx + w * 0.2, y - h * 0.4], fill=window)

    def outrigger_boat(self, x: float, y: float, L: float, hull: RGB, stripe: RGB) -> None:
        d = self.d
        hgt = L * 0.12
        d.polygon([(x - L / 2, y - hgt * 1.2), (x + L / 2, y - hgt * 1.3), (x + L * 0.38, y), (x - L * 0.4, y)], fill=hull)
        d.line([(x - L * 0.45, y - hgt * 0.9), (x + L * 0.45, y - hgt * 1.0)], fill=stripe, width=max(2, int(hgt * 0.25)))
        # outriggers (cadik)
        arm = shade(hull, 0.55)
        for ax in (x - L * 0.22, x + L * 0.2):
            d.line([(ax, y - hgt * 1.1), (ax - L * 0.06, y + hgt * 0.6)], fill=arm, width=max(2, int(L * 0.012)))
        d.line([(x - L * 0.42, y + hgt * 0.6), (x + L * 0.34, y + hgt * 0.6)], fill=arm, width=max(3, int(L * 0.018)))
        # small canopy
        d.rectangle([x - L * 0.12, y - hgt * 2.3, x + L * 0.15, y - hgt * 1.25], fill=shade(stripe, 1.1))
        d.rectangle([x - L * 0.14, y - hgt * 2.45, x + L * 0.17, y - hgt * 2.2], fill=shade(stripe, 0.75))

    def rain(self, n: int, color: RGB, length: float = 40.0, slant: float = 0.25, y1: float = H) -> None:
        for _ in range(n):
            x = self.rng.uniform(-100, W)
            y = self.rng.uniform(-40, y1)
            L = length * S * self.rng.uniform(0.6, 1.2)
            self.d.line([(x, y), (x + L * slant, y + L)], fill=color, width=3 * S // 2)

    def field_rows(self, horizon: float, n: int, c1: RGB, c2: RGB, vx: float | None = None) -> list[float]:
        vx = W / 2 if vx is None else vx
        xs = [-W * 0.9 + i * (2.8 * W / n) for i in range(n + 1)]
        for i in range(n):
            col = c1 if i % 2 == 0 else c2
            self.d.polygon([(vx, horizon), (xs[i], H), (xs[i + 1], H)], fill=col)
        return xs


# --------------------------------------------------------------------------- scenes

def scene_field(sc: Scene, crop: str) -> None:
    hz = H * 0.5
    sc.sky(hz)
    sc.sun(W * 0.8, H * 0.16, 34 * S)
    sc.clouds(4, H * 0.06, H * 0.3)
    far = sc.c((118, 136, 160))
    sc.volcano(W * 0.36, hz + 10, W * 0.9, H * 0.36, far, shade(far, 0.9))
    sc.ridge(hz + 20, 40 * S, sc.c((98, 146, 100)))
    if crop == "tobacco":
        # a tall tobacco curing barn ("oven") on the left
        bx, by = W * 0.1, hz + 36 * S
        sc.d.rectangle([bx, by - 120 * S, bx + 70 * S, by], fill=sc.c((170, 96, 70)))
        sc.d.polygon([(bx - 8 * S, by - 120 * S), (bx + 35 * S, by - 150 * S), (bx + 78 * S, by - 120 * S)], fill=sc.c((90, 70, 60)))
        sc.d.rectangle([bx + 22 * S, by - 162 * S, bx + 48 * S, by - 140 * S], fill=sc.c((90, 70, 60)))
        sc.d.rectangle([bx + 26 * S, by - 40 * S, bx + 44 * S, by], fill=sc.c((70, 50, 40)))
    ground_hz = hz + 30 * S
    soil1, soil2 = sc.c((150, 112, 74)), sc.c((128, 94, 62))
    sc.vgrad(ground_hz, H, sc.c((120, 150, 90)), sc.c((110, 130, 80)))
    xs = sc.field_rows(ground_hz - 80 * S, 22, soil1, soil2)
    sc.d.rectangle([0, ground_hz - 80 * S, W, ground_hz], fill=sc.c((106, 150, 96)))
    vx, vy = W / 2, ground_hz - 80 * S
    leaf = sc.c((70, 140, 60)) if crop == "tobacco" else sc.c((96, 160, 60))
    leaf2 = mix(leaf, (230, 240, 150), 0.25)
    for i in range(len(xs) - 1):
        cxb = (xs[i] + xs[i + 1]) / 2
        t = 0.1
        while t < 1.05:
            x = vx + (cxb - vx) * t
            y = vy + (H - vy) * t
            if -50 < x < W + 50 and y > ground_hz - 6 * S:
                s = 34 * S * t
                if crop == "tobacco":
                    for ang in (-0.9, 0.9, -0.3, 0.3):
                        ex = x + math.sin(ang) * s * 0.9
                        ey = y - s * 0.55 - math.cos(ang) * s * 0.2
                        sc.d.ellipse([ex - s * 0.45, ey - s * 0.28, ex + s * 0.45, ey + s * 0.28],
                                     fill=leaf if ang < 0 else leaf2)
                    sc.d.ellipse([x - s * 0.25, y - s * 1.05, x + s * 0.25, y - s * 0.7], fill=leaf2)
                else:  # corn: stalk + arched leaves + tassel
                    hgt = s * 2.2
                    sc.d.line([(x, y), (x, y - hgt)], fill=shade(leaf, 0.8), width=max(2, int(s * 0.09)))
                    for k in range(3):
                        yy = y - hgt * (0.3 + 0.22 * k)
                        for side in (-1, 1):
                            sc.d.line([(x, yy), (x + side * s * 0.6, yy - s * 0.15), (x + side * s * 0.9, yy + s * 0.15)],
                                      fill=leaf2 if side > 0 else leaf, width=max(2, int(s * 0.08)))
                    sc.d.line([(x, y - hgt), (x, y - hgt - s * 0.3)], fill=sc.c((220, 200, 120)), width=max(2, int(s * 0.07)))
            t += 0.075 + 0.05 * t


def scene_dry(sc: Scene) -> None:
    hz = H * 0.55
    sc.sky(hz)
    sc.sun(W * 0.7, H * 0.2, 52 * S)
    sc.ridge(hz - 30 * S, 90 * S, sc.c((176, 150, 110)))
    sc.ridge(hz, 50 * S, sc.c((196, 160, 104)))
    sc.vgrad(hz + 10 * S, H, sc.c((214, 178, 122)), sc.c((186, 146, 96)))
    crack = sc.c((150, 112, 72))
    for _ in range(60):
        x, y = sc.rng.uniform(0, W), sc.rng.uniform(hz + 40 * S, H)
        pts = [(x, y)]
        for _ in range(4):
            x += sc.rng.uniform(-40, 40) * S
            y += sc.rng.uniform(-12, 12) * S
            pts.append((x, y))
        sc.d.line(pts, fill=crack, width=2 * S)
    # bare trees
    for tx in (W * 0.08, W * 0.9):
        ty = hz + 40 * S
        sc.d.line([(tx, ty), (tx, ty - 140 * S)], fill=sc.c((96, 76, 60)), width=8 * S)
        for k in range(5):
            yy = ty - (60 + k * 18) * S
            side = 1 if k % 2 else -1
            sc.d.line([(tx, yy), (tx + side * (50 - k * 6) * S, yy - 30 * S)], fill=sc.c((96, 76, 60)), width=4 * S)
    # water tank truck
    tx, ty = W * 0.48, H * 0.83
    sc.d.rectangle([tx - 10 * S, ty - 30 * S, tx + 300 * S, ty], fill=sc.c((60, 60, 64)))
    sc.d.rounded_rectangle([tx, ty - 120 * S, tx + 230 * S, ty - 30 * S], radius=44 * S, fill=sc.c((52, 120, 190)))
    sc.d.rectangle([tx + 20 * S, ty - 80 * S, tx + 210 * S, ty - 70 * S], fill=sc.c((240, 240, 240)))
    sc.d.rectangle([tx + 240 * S, ty - 110 * S, tx + 320 * S, ty - 30 * S], fill=sc.c((230, 230, 226)))
    sc.d.rectangle([tx + 272 * S, ty - 100 * S, tx + 312 * S, ty - 66 * S], fill=sc.c((110, 150, 180)))
    for wx in (tx + 40 * S, tx + 180 * S, tx + 280 * S):
        sc.d.ellipse([wx - 24 * S, ty - 24 * S, wx + 24 * S, ty + 24 * S], fill=(30, 30, 34))
        sc.d.ellipse([wx - 10 * S, ty - 10 * S, wx + 10 * S, ty + 10 * S], fill=(150, 150, 150))
    # jerrycans
    cols = [(240, 200, 40), (50, 110, 200), (240, 200, 40), (230, 90, 60), (50, 110, 200), (240, 240, 240)]
    for i, col in enumerate(cols):
        x = W * 0.12 + i * 48 * S
        y = H * 0.9
        sc.d.rounded_rectangle([x, y - 56 * S, x + 38 * S, y], radius=6 * S, fill=sc.c(col))
        sc.d.rectangle([x + 8 * S, y - 66 * S, x + 18 * S, y - 56 * S], fill=sc.c(shade(col, 0.7)))


def scene_mountain(sc: Scene) -> None:
    hz = H * 0.62
    sc.sky(hz)
    sc.sun(W * 0.15, H * 0.18, 30 * S)
    sc.clouds(3, H * 0.1, H * 0.25)
    m = sc.c((96, 110, 136))
    sc.volcano(W * 0.55, hz + 20 * S, W * 1.1, H * 0.52, m, shade(m, 0.85))
    sc.cloud(W * 0.3, H * 0.42, 60 * S, mix(sc.p["sky_bottom"], (255, 255, 255), 0.7))  # type: ignore[arg-type]
    sc.ridge(hz + 10 * S, 60 * S, sc.c((150, 160, 96)))
    sc.ridge(hz + 80 * S, 60 * S, sc.c((188, 180, 100)))
    pts = sc.ridge(hz + 170 * S, 70 * S, sc.c((170, 166, 86)))
    # trail
    trail = sc.c((232, 214, 170))
    path = [(W * 0.1, H), (W * 0.3, H * 0.9), (W * 0.22, H * 0.84), (W * 0.42, H * 0.78), (W * 0.36, H * 0.73),
            (W * 0.52, H * 0.68)]
    sc.d.line(path, fill=trail, width=6 * S, joint="curve")
    for i, col in enumerate([(230, 90, 40), (40, 140, 200), (250, 200, 40)]):
        x, y = W * (0.62 + i * 0.07), H * (0.8 + 0.02 * (i % 2))
        sc.d.polygon([(x - 30 * S, y), (x, y - 36 * S), (x + 30 * S, y)], fill=sc.c(col))
        sc.d.polygon([(x - 6 * S, y), (x, y - 20 * S), (x + 6 * S, y)], fill=sc.c(shade(col, 0.5)))
    for _ in range(6):
        sc.tree(sc.rng.uniform(0, W), H * sc.rng.uniform(0.93, 1.0), 26 * S, sc.c((70, 110, 60)))


def scene_factory(sc: Scene) -> None:
    hz = H * 0.58
    sc.sky(hz)
    sc.clouds(3, H * 0.05, H * 0.25)
    sc.ridge(hz - 60 * S, 120 * S, sc.c((96, 136, 100)))
    sc.ridge(hz - 10 * S, 60 * S, sc.c((120, 156, 100)))
    base = hz + 60 * S
    d = sc.d
    smoke = mix(sc.p["sky_bottom"], (255, 255, 255), 0.55)  # type: ignore[arg-type]
    for i, x in enumerate((W * 0.3, W * 0.36, W * 0.62)):
        top = base - (330 - 40 * i) * S
        for k in range(5):
            r = (26 + k * 10) * S
            cx, cy = x + 10 * S + k * 40 * S, top - 30 * S - k * 28 * S
            d.ellipse([cx - r, cy - r * 0.8, cx + r, cy + r * 0.8], fill=smoke)
        d.rectangle([x - 14 * S, top, x + 14 * S, base], fill=sc.c((210, 210, 214)))
        for k in range(3):
            y = top + k * 26 * S
            d.rectangle([x - 14 * S, y, x + 14 * S, y + 12 * S], fill=sc.c((200, 60, 50)))
    blocks = [(0.12, 0.22, 160, (150, 160, 176)), (0.22, 0.46, 220, (120, 140, 164)),
              (0.46, 0.58, 140, (170, 176, 186)), (0.58, 0.82, 190, (110, 128, 150)), (0.82, 0.92, 110, (160, 166, 170))]
    for x0, x1, h, col in blocks:
        d.rectangle([W * x0, base - h * S, W * x1, base], fill=sc.c(col))
        d.rectangle([W * x0, base - h * S, W * x1, base - (h - 14) * S], fill=sc.c(shade(col, 0.8)))
        for wx in range(int(W * x0) + 20 * S, int(W * x1) - 30 * S, 46 * S):
            d.rectangle([wx, base - (h - 40) * S, wx + 22 * S, base - (h - 60) * S], fill=sc.c((230, 226, 190)))
    # domed storage
    d.pieslice([W * 0.64, base - 150 * S, W * 0.78, base + 150 * S], 180, 360, fill=sc.c((196, 196, 200)))
    # conveyor
    d.line([(W * 0.92, base - 100 * S), (W * 1.02, base + 40 * S)], fill=sc.c((80, 80, 90)), width=14 * S)
    # coast: sand, sea, jetty and ship
    d.rectangle([0, base, W, base + 26 * S], fill=sc.c((220, 200, 160)))
    sc.sea(base + 26 * S, H)
    d.rectangle([W * 0.5, base + 20 * S, W * 0.53, H * 0.9], fill=sc.c((120, 110, 100)))
    sx, sy = W * 0.68, H * 0.88
    d.polygon([(sx, sy - 40 * S), (sx + 320 * S, sy - 40 * S), (sx + 290 * S, sy), (sx + 20 * S, sy)], fill=sc.c((60, 66, 80)))
    d.rectangle([sx + 230 * S, sy - 90 * S, sx + 290 * S, sy - 40 * S], fill=sc.c((235, 235, 235)))
    d.rectangle([sx + 30 * S, sy - 62 * S, sx + 210 * S, sy - 40 * S], fill=sc.c((190, 80, 50)))


def scene_sea(sc: Scene, beach: bool) -> None:
    hz = H * 0.48
    sc.sky(hz)
    sc.sun(W * 0.82, H * 0.14, 30 * S)
    sc.clouds(4, H * 0.05, H * 0.28)
    sc.sea(hz, H)
    # distant islands
    for cx, w, h in ((W * 0.22, W * 0.28, 34 * S), (W * 0.6, W * 0.18, 24 * S), (W * 0.85, W * 0.12, 18 * S)):
        col = sc.c((70, 130, 90))
        sc.d.ellipse([cx - w / 2, hz - h, cx + w / 2, hz + h], fill=col)
        sc.d.rectangle([cx - w / 2, hz, cx + w / 2, hz + h + 4], fill=sc.p["sea_top"])  # type: ignore[arg-type]
        sc.d.rectangle([cx - w * 0.42, hz - 4 * S, cx + w * 0.42, hz + 2 * S], fill=sc.c((236, 224, 190)))
        for k in range(4):
            px = cx - w * 0.3 + k * w * 0.2
            sc.palm(px, hz - h * 0.3, h * 2.2, sc.c((90, 80, 60)), sc.c((50, 110, 70)))
    if beach:
        sand_top = H * 0.8
        pts = [(x, sand_top + 20 * S * math.sin(x / W * 3.0)) for x in range(0, W + 20, 20)]
        foam = [(x, y - 8 * S) for x, y in pts]
        sc.d.polygon(foam + [(W, H), (0, H)], fill=(240, 248, 248))
        sc.d.polygon(pts + [(W, H), (0, H)], fill=sc.c((240, 226, 190)))
        sc.palm(W * 0.08, H, H * 0.55, sc.c((110, 90, 60)), sc.c((40, 120, 70)), lean=0.25)
        sc.palm(W * 0.94, H, H * 0.48, sc.c((110, 90, 60)), sc.c((40, 120, 70)), lean=-0.22)
        boats = [(W * 0.35, H * 0.74, 260 * S), (W * 0.62, H * 0.68, 190 * S), (W * 0.8, H * 0.6, 120 * S)]
    else:
        boats = [(W * 0.3, H * 0.86, 320 * S), (W * 0.66, H * 0.72, 220 * S), (W * 0.45, H * 0.6, 120 * S)]
    stripes = [(30, 120, 200), (220, 60, 50), (250, 190, 40)]
    for (x, y, L), st in zip(boats, stripes):
        sc.outrigger_boat(x, y, L, sc.c((245, 245, 240)), sc.c(st))


def scene_beach(sc: Scene) -> None:
    hz = H * 0.5
    sc.sky(hz)
    sc.sun(W * 0.6, hz - 10 * S, 46 * S)
    sc.clouds(3, H * 0.08, H * 0.3, mix(sc.p["sky_bottom"], (255, 230, 220), 0.5))  # type: ignore[arg-type]
    sc.sea(hz, H * 0.9)
    glow = mix(sc.p["sun"], sc.p["sea_top"], 0.3)  # type: ignore[arg-type]
    for k in range(10):
        y = hz + 8 * S + k * 14 * S
        w = (140 - k * 9) * S
        sc.d.line([(W * 0.6 - w / 2, y), (W * 0.6 + w / 2, y)], fill=glow, width=3 * S)
    # headland hill on the left (like the hill at Pantai Seger)
    hill = sc.c((60, 96, 70))
    sc.d.polygon([(0, H * 0.32), (W * 0.1, H * 0.3), (W * 0.22, H * 0.4), (W * 0.32, H * 0.5), (W * 0.42, H * 0.57),
                  (W * 0.3, H * 0.7), (0, H * 0.84)], fill=hill)
    sc.d.polygon([(W * 0.1, H * 0.3), (W * 0.22, H * 0.4), (W * 0.32, H * 0.5), (W * 0.2, H * 0.46)], fill=shade(hill, 1.2))
    sc.d.polygon([(W * 0.6, hz + 2), (W * 0.72, hz - 40 * S), (W * 0.86, hz - 60 * S), (W, hz - 30 * S), (W, hz + 2)], fill=shade(hill, 0.85))
    foam = (246, 246, 246)
    for k in range(3):
        y = H * (0.7 + k * 0.035)
        pts = [(x, y + 6 * S * math.sin(x / (70 * S) + k)) for x in range(0, W + 20, 20)]
        sc.d.line(pts, fill=foam, width=(5 - k) * S)
    sand = [(x, H * 0.8 + 10 * S * math.sin(x / W * 5)) for x in range(0, W + 20, 20)]
    sc.d.polygon(sand + [(W, H), (0, H)], fill=sc.c((232, 210, 170)))
    for k in range(5):
        x = W * (0.2 + k * 0.14)
        y = H * (0.9 + 0.03 * (k % 2))
        sc.d.ellipse([x - 10 * S, y - 10 * S, x + 10 * S, y + 10 * S], fill=(255, 214, 120))
        sc.d.line([(x, y + 10 * S), (x, y + 40 * S)], fill=shade(sc.c((232, 210, 170)), 0.6), width=3 * S)


def scene_clinic(sc: Scene) -> None:
    hz = H * 0.6
    sc.sky(hz)
    sc.sun(W * 0.85, H * 0.15, 30 * S)
    sc.clouds(3, H * 0.06, H * 0.25)
    sc.ridge(hz - 20 * S, 80 * S, sc.c((120, 160, 120)))
    sc.vgrad(hz, H, sc.c((130, 176, 100)), sc.c((110, 150, 84)))
    d = sc.d
    x0, x1, base = W * 0.24, W * 0.76, H * 0.78
    d.rectangle([x0, base - 230 * S, x1, base], fill=sc.c((246, 246, 240)))
    d.polygon([(x0 - 30 * S, base - 230 * S), (W / 2, base - 330 * S), (x1 + 30 * S, base - 230 * S)], fill=sc.c((40, 140, 100)))
    d.rectangle([x0 - 10 * S, base - 236 * S, x1 + 10 * S, base - 222 * S], fill=sc.c((30, 110, 80)))
    cx, cy, a = W / 2, base - 270 * S, 16 * S
    d.rectangle([cx - a, cy - 3 * a, cx + a, cy + 3 * a], fill=sc.c((250, 250, 250)))
    d.rectangle([cx - 3 * a, cy - a, cx + 3 * a, cy + a], fill=sc.c((250, 250, 250)))
    a = 11 * S
    d.rectangle([cx - a, cy - 3 * a, cx + a, cy + 3 * a], fill=sc.c((30, 160, 90)))
    d.rectangle([cx - 3 * a, cy - a, cx + 3 * a, cy + a], fill=sc.c((30, 160, 90)))
    for k in range(6):
        wx = x0 + 40 * S + k * ((x1 - x0 - 80 * S) / 5) - 30 * S
        if abs(wx + 30 * S - W / 2) < 80 * S:
            continue
        d.rectangle([wx, base - 170 * S, wx + 60 * S, base - 100 * S], fill=sc.c((120, 170, 200)))
        d.line([(wx + 30 * S, base - 170 * S), (wx + 30 * S, base - 100 * S)], fill=sc.c((240, 240, 240)), width=3 * S)
    d.rectangle([W / 2 - 50 * S, base - 130 * S, W / 2 + 50 * S, base], fill=sc.c((90, 140, 170)))
    d.rectangle([W / 2 - 90 * S, base - 150 * S, W / 2 + 90 * S, base - 130 * S], fill=sc.c((30, 110, 80)))
    d.polygon([(W / 2 - 70 * S, base), (W / 2 + 70 * S, base), (W / 2 + 180 * S, H), (W / 2 - 180 * S, H)], fill=sc.c((214, 204, 180)))
    for x in (W * 0.1, W * 0.18, W * 0.84, W * 0.92):
        sc.tree(x, base + 10 * S, 46 * S, sc.c((60, 130, 70)))


def scene_city(sc: Scene) -> None:
    hz = H * 0.55
    sc.sky(hz)
    sc.sun(W * 0.12, H * 0.14, 28 * S)
    sc.clouds(3, H * 0.05, H * 0.22)
    d = sc.d
    base = H * 0.7
    cols = [(236, 200, 150), (200, 226, 214), (244, 232, 200), (214, 190, 220), (246, 214, 180), (190, 214, 236),
            (236, 224, 170), (226, 200, 190)]
    roofs = [(170, 80, 60), (120, 90, 80), (190, 100, 60), (100, 110, 130)]
    x = -20 * S
    i = 0
    while x < W:
        w = sc.rng.uniform(150, 230) * S
        h = sc.rng.uniform(120, 220) * S
        sc.house(x, base, w, h, sc.c(cols[i % len(cols)]), sc.c(roofs[i % len(roofs)]))
        x += w + 24 * S
        i += 1
    # power line
    for px in (W * 0.18, W * 0.58, W * 0.95):
        d.line([(px, base + 30 * S), (px, base - 300 * S)], fill=sc.c((90, 90, 96)), width=6 * S)
    d.line([(0, base - 280 * S), (W * 0.18, base - 290 * S), (W * 0.58, base - 270 * S), (W * 0.95, base - 290 * S), (W, base - 285 * S)],
           fill=sc.c((60, 60, 66)), width=2 * S, joint="curve")
    d.rectangle([0, base, W, base + 30 * S], fill=sc.c((200, 196, 186)))
    d.rectangle([0, base + 30 * S, W, H], fill=sc.c((96, 98, 104)))
    for k in range(8):
        d.rectangle([k * W / 7, H * 0.88, k * W / 7 + 90 * S, H * 0.885], fill=sc.c((230, 230, 220)))
    # garbage truck
    tx, ty = W * 0.38, H * 0.86
    d.rectangle([tx, ty - 170 * S, tx + 330 * S, ty - 40 * S], fill=sc.c((240, 150, 40)))
    d.rectangle([tx, ty - 170 * S, tx + 330 * S, ty - 150 * S], fill=sc.c((200, 110, 30)))
    d.rectangle([tx + 20 * S, ty - 120 * S, tx + 310 * S, ty - 110 * S], fill=sc.c((250, 250, 250)))
    d.polygon([(tx + 340 * S, ty - 40 * S), (tx + 340 * S, ty - 140 * S), (tx + 420 * S, ty - 140 * S), (tx + 450 * S, ty - 90 * S),
               (tx + 450 * S, ty - 40 * S)], fill=sc.c((40, 130, 90)))
    d.polygon([(tx + 360 * S, ty - 126 * S), (tx + 414 * S, ty - 126 * S), (tx + 436 * S, ty - 92 * S), (tx + 360 * S, ty - 92 * S)],
              fill=sc.c((150, 200, 220)))
    d.rectangle([tx - 10 * S, ty - 50 * S, tx + 460 * S, ty - 36 * S], fill=sc.c((60, 60, 64)))
    for wx in (tx + 70 * S, tx + 250 * S, tx + 390 * S):
        d.ellipse([wx - 32 * S, ty - 64 * S, wx + 32 * S, ty], fill=(28, 28, 30))
        d.ellipse([wx - 13 * S, ty - 45 * S, wx + 13 * S, ty - 19 * S], fill=(160, 160, 160))
    # bins
    for k, col in enumerate([(40, 140, 80), (240, 190, 40), (200, 60, 50)]):
        bx = W * 0.08 + k * 60 * S
        d.rounded_rectangle([bx, base - 60 * S, bx + 48 * S, base + 20 * S], radius=6 * S, fill=sc.c(col))
        d.rectangle([bx - 4 * S, base - 68 * S, bx + 52 * S, base - 58 * S], fill=sc.c(shade(col, 0.7)))


def scene_school(sc: Scene) -> None:
    hz = H * 0.58
    sc.sky(hz)
    sc.sun(W * 0.82, H * 0.16, 32 * S)
    sc.clouds(3, H * 0.05, H * 0.25)
    sc.ridge(hz - 40 * S, 120 * S, sc.c((130, 150, 100)))
    sc.vgrad(hz, H, sc.c((206, 180, 130)), sc.c((186, 156, 110)))
    d = sc.d
    x0, x1, base = W * 0.2, W * 0.8, H * 0.76
    d.rectangle([x0, base - 200 * S, x1, base], fill=sc.c((244, 240, 226)))
    d.rectangle([x0, base - 40 * S, x1, base], fill=sc.c((190, 60, 50)))
    # roof: left part intact, right part broken (bare rafters)
    mid = (x0 + x1) / 2 + 60 * S
    d.polygon([(x0 - 30 * S, base - 200 * S), (x0 + 90 * S, base - 300 * S), (mid, base - 300 * S), (mid, base - 200 * S)],
              fill=sc.c((200, 70, 50)))
    wood = sc.c((120, 86, 56))
    for k in range(7):
        rx = mid + k * 36 * S
        d.line([(rx, base - 300 * S), (rx + 20 * S, base - 200 * S)], fill=wood, width=6 * S)
    d.line([(mid, base - 300 * S), (x1 - 90 * S, base - 300 * S)], fill=wood, width=8 * S)
    d.line([(x1 - 90 * S, base - 300 * S), (x1 + 10 * S, base - 230 * S)], fill=wood, width=8 * S)
    for k in range(6):
        wx = x0 + 40 * S + k * 118 * S
        d.rectangle([wx, base - 160 * S, wx + 70 * S, base - 70 * S], fill=sc.c((100, 140, 170)))
        d.rectangle([wx + 33 * S, base - 160 * S, wx + 37 * S, base - 70 * S], fill=sc.c((240, 240, 240)))
    # flag pole with red-white flag
    fx = W * 0.1
    d.line([(fx, H * 0.9), (fx, H * 0.3)], fill=sc.c((210, 210, 210)), width=6 * S)
    d.rectangle([fx + 3 * S, H * 0.3, fx + 110 * S, H * 0.3 + 36 * S], fill=sc.c((220, 40, 40)))
    d.rectangle([fx + 3 * S, H * 0.3 + 36 * S, fx + 110 * S, H * 0.3 + 72 * S], fill=sc.c((250, 250, 250)))
    d.rectangle([fx - 40 * S, H * 0.9, fx + 40 * S, H * 0.92], fill=sc.c((160, 150, 140)))
    # emergency tent (blue tarp)
    tx, ty = W * 0.84, H * 0.94
    d.polygon([(tx - 110 * S, ty), (tx - 70 * S, ty - 110 * S), (tx + 90 * S, ty - 110 * S), (tx + 130 * S, ty)], fill=sc.c((40, 110, 190)))
    d.polygon([(tx - 40 * S, ty), (tx - 10 * S, ty - 80 * S), (tx + 40 * S, ty - 80 * S), (tx + 70 * S, ty)], fill=sc.c((26, 70, 130)))
    sc.tree(W * 0.93, base - 10 * S, 40 * S, sc.c((70, 120, 60)))


def scene_track(sc: Scene, kind: str) -> None:
    hz = H * 0.42
    sc.sky(hz)
    sc.sun(W * 0.85, H * 0.12, 28 * S)
    sc.clouds(3, H * 0.04, H * 0.2)
    d = sc.d
    if kind == "circuit":
        sc.sea(hz, hz + 30 * S)
        sc.ridge(hz + 20 * S, 110 * S, sc.c((90, 140, 90)))
        sc.ridge(hz + 90 * S, 50 * S, sc.c((120, 170, 100)))
        grass = sc.c((124, 176, 96))
    else:
        sc.ridge(hz + 10 * S, 120 * S, sc.c((150, 150, 100)))
        sc.ridge(hz + 70 * S, 50 * S, sc.c((180, 170, 110)))
        grass = sc.c((196, 180, 120))
    top = hz + 110 * S
    d.rectangle([0, top, W, H], fill=grass)
    # grandstand
    gx0, gx1, gy = W * 0.52, W * 0.96, top + 40 * S
    d.polygon([(gx0, gy + 110 * S), (gx0 + 30 * S, gy), (gx1 - 30 * S, gy), (gx1, gy + 110 * S)], fill=sc.c((190, 190, 196)))
    crowd = [(220, 60, 50), (250, 200, 50), (60, 120, 200), (240, 240, 240), (60, 160, 90)]
    for row in range(5):
        for k in range(46):
            x = gx0 + 40 * S + k * ((gx1 - gx0 - 80 * S) / 45)
            y = gy + 16 * S + row * 20 * S
            d.ellipse([x - 5 * S, y - 5 * S, x + 5 * S, y + 5 * S], fill=sc.c(crowd[sc.rng.randrange(len(crowd))]))
    d.rectangle([gx0 + 10 * S, gy - 30 * S, gx1 - 10 * S, gy - 14 * S], fill=sc.c((230, 230, 236)))
    d.line([(gx0 + 20 * S, gy - 16 * S), (gx0 + 20 * S, gy + 110 * S)], fill=sc.c((150, 150, 156)), width=5 * S)
    d.line([(gx1 - 20 * S, gy - 16 * S), (gx1 - 20 * S, gy + 110 * S)], fill=sc.c((150, 150, 156)), width=5 * S)
    # the track: a wide band following a gentle S curve
    centre = []
    for i in range(61):
        t = i / 60
        x = -0.1 * W + 1.2 * W * t
        y = H * 0.86 - 90 * S * math.sin(t * math.pi * 1.3) + 60 * S * t
        centre.append((x, y))
    width = 70 * S if kind == "circuit" else 80 * S
    surface = sc.c((70, 72, 78)) if kind == "circuit" else sc.c((168, 124, 80))
    up, down = [], []
    for i, (x, y) in enumerate(centre):
        x2, y2 = centre[min(i + 1, len(centre) - 1)]
        x1, y1 = centre[max(i - 1, 0)]
        nx, ny = -(y2 - y1), (x2 - x1)
        n = math.hypot(nx, ny) or 1
        up.append((x + nx / n * width, y + ny / n * width))
        down.append((x - nx / n * width, y - ny / n * width))
    d.polygon(up + down[::-1], fill=surface)
    if kind == "circuit":
        for edge in (up, down):
            for i in range(len(edge) - 1):
                d.line([edge[i], edge[i + 1]], fill=(230, 40, 40) if i % 2 else (250, 250, 250), width=10 * S)
        for i in range(0, len(centre) - 1, 3):
            d.line([centre[i], centre[i + 1]], fill=(236, 236, 236), width=3 * S)
    else:
        rail = sc.c((246, 246, 240))
        for i in range(len(down) - 1):
            x, y = down[i]
            d.line([(x, y - 8 * S), (x, y - 50 * S)], fill=rail, width=4 * S)
            nx_, ny_ = down[i + 1]
            d.line([(x, y - 44 * S), (nx_, ny_ - 44 * S)], fill=rail, width=4 * S)
        # small horse-and-rider silhouettes galloping
        for k, t in enumerate((0.42, 0.5, 0.57)):
            i = int(t * 60)
            x, y = centre[i]
            y += (k - 1) * 22 * S
            s = 1.0 * S
            body = sc.c((80 + k * 25, 50 + k * 12, 30))
            d.ellipse([x - 50 * s, y - 40 * s, x + 40 * s, y - 6 * s], fill=body)
            d.polygon([(x + 30 * s, y - 34 * s), (x + 62 * s, y - 74 * s), (x + 78 * s, y - 66 * s), (x + 46 * s, y - 22 * s)], fill=body)
            d.polygon([(x + 60 * s, y - 76 * s), (x + 90 * s, y - 62 * s), (x + 80 * s, y - 54 * s)], fill=body)
            for lx, dx in ((x - 40 * s, -18), (x - 26 * s, 10), (x + 18 * s, -12), (x + 30 * s, 16)):
                d.line([(lx, y - 14 * s), (lx + dx * s, y + 30 * s)], fill=body, width=int(8 * s))
            d.line([(x - 50 * s, y - 32 * s), (x - 76 * s, y - 6 * s)], fill=body, width=int(6 * s))
            jc = sc.c([(220, 50, 50), (40, 110, 200), (250, 190, 40)][k])
            d.polygon([(x - 6 * s, y - 40 * s), (x + 22 * s, y - 72 * s), (x + 34 * s, y - 64 * s), (x + 12 * s, y - 36 * s)], fill=jc)
            d.ellipse([x + 20 * s, y - 92 * s, x + 42 * s, y - 70 * s], fill=sc.c((250, 250, 250)))


def scene_pottery(sc: Scene) -> None:
    hz = H * 0.5
    sc.sky(hz)
    sc.clouds(2, H * 0.05, H * 0.2)
    sc.ridge(hz - 20 * S, 80 * S, sc.c((110, 150, 100)))
    d = sc.d
    # house wall behind the yard
    d.rectangle([0, H * 0.3, W, H * 0.62], fill=sc.c((226, 206, 170)))
    d.rectangle([0, H * 0.27, W, H * 0.31], fill=sc.c((150, 96, 64)))
    for k in range(4):
        wx = W * (0.08 + k * 0.25)
        d.rectangle([wx, H * 0.37, wx + 110 * S, H * 0.52], fill=sc.c((120, 90, 70)))
        d.rectangle([wx + 10 * S, H * 0.38, wx + 100 * S, H * 0.51], fill=sc.c((150, 120, 90)))
    sc.vgrad(H * 0.62, H, sc.c((200, 170, 130)), sc.c((176, 146, 108)))
    # kiln (dome) on the right with smoke
    kx, ky = W * 0.86, H * 0.72
    smoke = mix(sc.p["sky_bottom"], (240, 240, 240), 0.5)  # type: ignore[arg-type]
    for k in range(4):
        r = (30 + 14 * k) * S
        d.ellipse([kx - r + k * 30 * S, H * 0.36 - k * 40 * S - r, kx + r + k * 30 * S, H * 0.36 - k * 40 * S + r * 0.7], fill=smoke)
    d.pieslice([kx - 150 * S, ky - 150 * S, kx + 150 * S, ky + 150 * S], 180, 360, fill=sc.c((160, 90, 60)))
    d.pieslice([kx - 50 * S, ky - 60 * S, kx + 50 * S, ky + 60 * S], 180, 360, fill=sc.c((50, 30, 26)))
    d.ellipse([kx - 30 * S, ky - 40 * S, kx + 30 * S, ky], fill=sc.c((240, 140, 50)))
    # pots in three rows, back to front
    clays = [(190, 100, 60), (170, 86, 50), (206, 124, 80), (150, 76, 46), (214, 150, 100)]
    for row, (y, scale, n) in enumerate(((H * 0.68, 0.6, 9), (H * 0.8, 0.8, 7), (H * 0.96, 1.05, 5))):
        span = W * (0.78 if row < 2 else 0.7)
        for k in range(n):
            x = W * 0.05 + (k + 0.5) * span / n + sc.rng.uniform(-10, 10) * S
            s = scale * S * sc.rng.uniform(0.85, 1.15)
            col = sc.c(clays[sc.rng.randrange(len(clays))])
            tall = sc.rng.random() < 0.4
            bw, bh = 70 * s, (110 if tall else 80) * s
            d.ellipse([x - bw, y - bh * 1.6, x + bw, y], fill=col)
            d.rectangle([x - bw * 0.35, y - bh * 1.95, x + bw * 0.35, y - bh * 1.4], fill=shade(col, 0.92))
            d.ellipse([x - bw * 0.5, y - bh * 2.05, x + bw * 0.5, y - bh * 1.85], fill=shade(col, 1.1))
            d.ellipse([x - bw * 0.33, y - bh * 2.02, x + bw * 0.33, y - bh * 1.9], fill=shade(col, 0.55))
            d.ellipse([x - bw * 0.6, y - bh * 1.3, x - bw * 0.2, y - bh * 0.6], fill=shade(col, 1.15))
            d.line([(x - bw * 0.9, y - bh * 0.8), (x + bw * 0.9, y - bh * 0.8)], fill=shade(col, 0.8), width=max(2, int(4 * s)))


def scene_sacks(sc: Scene) -> None:
    hz = H * 0.46
    sc.sky(hz)
    sc.sun(W * 0.2, H * 0.14, 30 * S)
    sc.clouds(3, H * 0.04, H * 0.2)
    sc.ridge(hz - 20 * S, 110 * S, sc.c((120, 140, 110)))
    sc.ridge(hz + 10 * S, 40 * S, sc.c((110, 156, 90)))
    sc.vgrad(hz + 30 * S, H * 0.62, sc.c((120, 170, 90)), sc.c((100, 150, 76)))
    for k in range(12):  # field rows in the distance
        y = hz + 40 * S + k * 9 * S
        sc.d.line([(0, y), (W, y)], fill=sc.c((90, 140, 70)), width=3 * S)
    sc.vgrad(H * 0.62, H, sc.c((190, 160, 120)), sc.c((160, 130, 96)))
    d = sc.d
    sack = [(232, 222, 196), (220, 208, 180), (240, 232, 210)]
    onion = [(170, 60, 80), (150, 40, 70), (190, 80, 96), (130, 36, 60)]

    def draw_sack(x: float, y: float, w: float, h: float, col: RGB, mesh: bool) -> None:
        d.rounded_rectangle([x, y - h, x + w, y], radius=int(w * 0.22), fill=col)
        if mesh:
            for _ in range(26):
                ox = sc.rng.uniform(x + w * 0.12, x + w * 0.88)
                oy = sc.rng.uniform(y - h * 0.85, y - h * 0.1)
                r = w * 0.07
                d.ellipse([ox - r, oy - r, ox + r, oy + r], fill=sc.c(onion[sc.rng.randrange(4)]))
            for k in range(1, 6):
                d.line([(x + w * k / 6, y - h), (x + w * k / 6, y)], fill=shade(col, 0.9), width=S)
        else:
            for k in range(1, 5):
                d.line([(x + w * 0.1, y - h * k / 5), (x + w * 0.9, y - h * k / 5)], fill=shade(col, 0.92), width=S)
        d.polygon([(x + w * 0.35, y - h), (x + w * 0.5, y - h - h * 0.16), (x + w * 0.65, y - h)], fill=shade(col, 0.85))

    base = H * 0.95
    w, h = 150 * S, 120 * S
    for layer, n in enumerate((6, 5, 4, 2)):
        x0 = W * 0.06 + layer * w * 0.5
        for k in range(n):
            draw_sack(x0 + k * w * 0.98, base - layer * h * 0.82, w, h, sc.c(sack[(k + layer) % 3]), mesh=(k + layer) % 2 == 0)
    # loose onions on a tarp
    d.polygon([(W * 0.74, H * 0.98), (W * 0.8, H * 0.7), (W * 1.0, H * 0.7), (W * 1.0, H * 0.98)], fill=sc.c((50, 110, 170)))
    for _ in range(90):
        ox, oy = sc.rng.uniform(W * 0.79, W * 0.98), sc.rng.uniform(H * 0.73, H * 0.95)
        r = sc.rng.uniform(9, 14) * S
        col = sc.c(onion[sc.rng.randrange(4)])
        d.ellipse([ox - r, oy - r * 0.85, ox + r, oy + r * 0.85], fill=col)
        d.line([(ox, oy - r * 0.8), (ox + r * 0.2, oy - r * 1.3)], fill=sc.c((200, 170, 120)), width=2 * S)


def scene_rain(sc: Scene) -> None:
    hz = H * 0.5
    sc.sky(hz)
    dark = sc.c((70, 76, 92))
    for _ in range(9):
        sc.cloud(sc.rng.uniform(0, W), sc.rng.uniform(H * 0.04, H * 0.22), sc.rng.uniform(80, 130) * S, shade(dark, sc.rng.uniform(0.9, 1.2)))
    sc.volcano(W * 0.7, hz + 10 * S, W * 0.8, H * 0.24, sc.c((92, 100, 112)))
    sc.ridge(hz + 10 * S, 60 * S, sc.c((80, 112, 86)))
    # terraced paddies
    y = hz + 40 * S
    k = 0
    while y < H:
        hgt = (20 + k * 10) * S
        col = sc.c((110, 150, 100)) if k % 2 else sc.c((130, 168, 116))
        pts = [(x, y + 8 * S * math.sin(x / (180 * S) + k)) for x in range(0, W + 20, 20)]
        sc.d.polygon(pts + [(W, y + hgt + 20 * S), (0, y + hgt + 20 * S)], fill=col)
        sc.d.line(pts, fill=sc.c((160, 190, 150)), width=3 * S)
        y += hgt
        k += 1
    # hut
    hx, hy = W * 0.2, H * 0.78
    sc.d.rectangle([hx, hy - 80 * S, hx + 120 * S, hy], fill=sc.c((160, 120, 80)))
    sc.d.polygon([(hx - 20 * S, hy - 80 * S), (hx + 60 * S, hy - 140 * S), (hx + 140 * S, hy - 80 * S)], fill=sc.c((110, 90, 60)))
    sc.rain(260, mix(sc.p["sky_bottom"], (230, 236, 240), 0.45), length=60, slant=0.22)  # type: ignore[arg-type]


def scene_wetfield(sc: Scene) -> None:
    hz = H * 0.46
    sc.sky(hz)
    sc.clouds(5, H * 0.04, H * 0.26, mix(sc.p["sky_bottom"], (255, 255, 255), 0.35))  # type: ignore[arg-type]
    sc.ridge(hz - 20 * S, 110 * S, sc.c((90, 120, 96)))
    sc.ridge(hz + 6 * S, 40 * S, sc.c((100, 136, 92)))
    for x in (W * 0.1, W * 0.16, W * 0.74, W * 0.8, W * 0.93):
        sc.palm(x, hz + 20 * S, 150 * S, sc.c((100, 86, 66)), sc.c((60, 110, 70)))
    d = sc.d
    water_top = mix(sc.p["sky_bottom"], (130, 110, 80), 0.45)  # type: ignore[arg-type]
    sc.vgrad(hz + 20 * S, H, water_top, sc.c((120, 96, 66)))
    # bunds (pematang) in perspective
    bund = sc.c((110, 130, 80))
    for k in range(6):
        y = hz + 20 * S + (k ** 1.6) * 22 * S
        d.line([(0, y), (W, y)], fill=bund, width=int((2 + k * 2.5) * S))
    d.line([(W * 0.5, hz + 20 * S), (W * 0.05, H)], fill=bund, width=10 * S)
    # the target pole
    px = W * 0.7
    d.line([(px, H * 0.58), (px, H * 0.36)], fill=sc.c((120, 90, 50)), width=7 * S)
    d.polygon([(px, H * 0.36), (px + 40 * S, H * 0.38), (px, H * 0.40)], fill=sc.c((210, 40, 40)))
    # a pair of buffalo splashing through the mud, pulling the jockey's board
    bx, by = W * 0.46, H * 0.8
    splash = mix(water_top, (255, 255, 255), 0.55)
    mud = sc.c((96, 74, 50))
    for k in range(14):
        r = sc.rng.uniform(14, 34) * S
        sx = bx + sc.rng.uniform(-260, 160) * S
        sy = by + sc.rng.uniform(-40, 10) * S - r * 0.5
        d.ellipse([sx - r, sy - r * 0.6, sx + r, sy + r * 0.6], fill=splash if k % 3 else mud)
    wood = sc.c((140, 100, 60))
    for off in (0, 1):
        x, y = bx + off * 40 * S, by - off * 36 * S
        body = sc.c((58, 56, 60)) if off else sc.c((72, 68, 70))
        d.ellipse([x - 150 * S, y - 96 * S, x + 40 * S, y + 6 * S], fill=body)           # body
        d.polygon([(x + 10 * S, y - 80 * S), (x + 70 * S, y - 100 * S), (x + 96 * S, y - 50 * S),
                   (x + 30 * S, y - 30 * S)], fill=body)                                     # neck
        d.ellipse([x + 60 * S, y - 108 * S, x + 130 * S, y - 52 * S], fill=body)          # head
        d.ellipse([x + 108 * S, y - 84 * S, x + 136 * S, y - 58 * S], fill=shade(body, 1.25))  # muzzle
        horn = sc.c((226, 220, 200))
        d.arc([x + 40 * S, y - 150 * S, x + 110 * S, y - 86 * S], 170, 300, fill=horn, width=9 * S)
        d.arc([x + 86 * S, y - 150 * S, x + 156 * S, y - 86 * S], 240, 10, fill=horn, width=9 * S)
        d.rectangle([x - 150 * S, y - 8 * S, x + 40 * S, y + 18 * S], fill=mud)           # legs hidden in mud
    d.line([(bx + 60 * S, by - 136 * S), (bx + 110 * S, by - 170 * S)], fill=wood, width=10 * S)  # yoke
    d.line([(bx - 60 * S, by - 60 * S), (bx - 260 * S, by - 20 * S)], fill=wood, width=7 * S)   # shaft
    jx, jy = bx - 270 * S, by - 18 * S
    d.rectangle([jx - 40 * S, jy - 8 * S, jx + 40 * S, jy + 8 * S], fill=wood)             # board
    shirt = sc.c((210, 60, 50))
    d.line([(jx - 8 * S, jy - 8 * S), (jx + 4 * S, jy - 60 * S)], fill=sc.c((50, 46, 50)), width=16 * S)
    d.line([(jx + 4 * S, jy - 60 * S), (jx + 14 * S, jy - 120 * S)], fill=shirt, width=22 * S)
    d.ellipse([jx + 2 * S, jy - 160 * S, jx + 38 * S, jy - 124 * S], fill=sc.c((130, 90, 64)))
    d.line([(jx + 14 * S, jy - 104 * S), (jx + 80 * S, jy - 130 * S)], fill=shirt, width=9 * S)
    d.line([(jx + 80 * S, jy - 130 * S), (jx + 120 * S, jy - 190 * S)], fill=sc.c((120, 90, 50)), width=4 * S)  # whip


def scene_office(sc: Scene) -> None:
    hz = H * 0.62
    sc.sky(hz)
    sc.sun(W * 0.18, hz - 60 * S, 44 * S)
    sc.clouds(3, H * 0.08, H * 0.3, mix(sc.p["sky_bottom"], (255, 200, 180), 0.4))  # type: ignore[arg-type]
    d = sc.d
    base = H * 0.8
    sc.ridge(hz + 10 * S, 50 * S, sc.c((70, 80, 90)))
    for k in range(9):
        sc.tree(W * (0.02 + k * 0.12), hz + 70 * S, 40 * S, sc.c((50, 70, 60)), sc.c((50, 40, 40)))
    d.rectangle([0, hz + 60 * S, W, H], fill=sc.c((100, 130, 90)))
    wall = sc.c((244, 238, 224))
    x0, x1 = W * 0.28, W * 0.88
    d.rectangle([x0, base - 260 * S, x1, base], fill=wall)
    d.rectangle([x0 - 20 * S, base - 280 * S, x1 + 20 * S, base - 260 * S], fill=sc.c((200, 190, 176)))
    cx = (x0 + x1) / 2
    d.polygon([(cx - 220 * S, base - 280 * S), (cx, base - 380 * S), (cx + 220 * S, base - 280 * S)], fill=sc.c((220, 210, 196)))
    d.polygon([(cx - 180 * S, base - 290 * S), (cx, base - 360 * S), (cx + 180 * S, base - 290 * S)], fill=sc.c((196, 186, 170)))
    for k in range(8):
        px = cx - 200 * S + k * (400 * S / 7)
        d.rectangle([px - 12 * S, base - 260 * S, px + 12 * S, base - 30 * S], fill=sc.c((252, 250, 244)))
        d.rectangle([px - 16 * S, base - 40 * S, px + 16 * S, base - 30 * S], fill=sc.c((210, 204, 192)))
    win = sc.c((255, 206, 120))
    for side in (x0 + 30 * S, cx + 240 * S):
        for r in range(2):
            for k in range(4):
                wx = side + k * 56 * S
                wy = base - 220 * S + r * 100 * S
                d.rectangle([wx, wy, wx + 34 * S, wy + 60 * S], fill=win if (k + r) % 3 else sc.c((110, 120, 150)))
    for k in range(4):
        d.rectangle([cx - (240 - k * 10) * S, base - 30 * S + k * 10 * S, cx + (240 - k * 10) * S, base + k * 10 * S],
                    fill=sc.c((220, 214, 204)))
    d.rectangle([0, base + 30 * S, W, H], fill=sc.c((100, 130, 90)))
    d.polygon([(cx - 200 * S, base + 30 * S), (cx + 200 * S, base + 30 * S), (cx + 360 * S, H), (cx - 360 * S, H)], fill=sc.c((190, 180, 170)))
    fx = W * 0.14
    d.line([(fx, base + 40 * S), (fx, H * 0.3)], fill=sc.c((230, 230, 230)), width=6 * S)
    d.rectangle([fx + 3 * S, H * 0.3, fx + 110 * S, H * 0.3 + 36 * S], fill=sc.c((220, 40, 40)))
    d.rectangle([fx + 3 * S, H * 0.3 + 36 * S, fx + 110 * S, H * 0.3 + 72 * S], fill=sc.c((250, 250, 250)))
    for x in (W * 0.04, W * 0.95):
        sc.palm(x, H, H * 0.6, sc.c((60, 50, 50)), sc.c((40, 60, 50)), lean=0.1 if x < W / 2 else -0.1)


def scene_flood(sc: Scene) -> None:
    hz = H * 0.5
    sc.sky(hz)
    dark = sc.c((66, 72, 86))
    for _ in range(8):
        sc.cloud(sc.rng.uniform(0, W), sc.rng.uniform(H * 0.02, H * 0.18), sc.rng.uniform(90, 140) * S, shade(dark, sc.rng.uniform(0.9, 1.15)))
    sc.ridge(hz - 10 * S, 90 * S, sc.c((80, 100, 90)))
    d = sc.d
    base = H * 0.78
    cols = [(226, 210, 170), (190, 210, 200), (230, 200, 180), (200, 190, 220), (236, 222, 190)]
    roofs = [(150, 70, 60), (110, 90, 80), (90, 100, 120)]
    x = -30 * S
    i = 0
    while x < W:
        w = sc.rng.uniform(170, 240) * S
        h = sc.rng.uniform(150, 220) * S
        sc.house(x, base - sc.rng.uniform(0, 40) * S, w, h, sc.c(cols[i % 5]), sc.c(roofs[i % 3]))
        x += w + 40 * S
        i += 1
    sc.palm(W * 0.5, base - 20 * S, 260 * S, sc.c((80, 70, 60)), sc.c((50, 90, 60)))
    # brown flood water covering the lower part of the houses
    water = sc.c((150, 118, 80))
    wy = H * 0.66
    pts = [(x, wy + 6 * S * math.sin(x / (60 * S))) for x in range(0, W + 20, 20)]
    d.polygon(pts + [(W, H), (0, H)], fill=water)
    for _ in range(70):
        y = sc.rng.uniform(wy + 10 * S, H)
        x = sc.rng.uniform(0, W)
        L = sc.rng.uniform(30, 90) * S
        d.line([(x, y), (x + L, y)], fill=shade(water, 1.15), width=3 * S)
    # orange rescue boat
    bx, by = W * 0.36, H * 0.86
    d.rounded_rectangle([bx - 170 * S, by - 50 * S, bx + 170 * S, by + 10 * S], radius=30 * S, fill=sc.c((240, 120, 40)))
    d.rounded_rectangle([bx - 150 * S, by - 40 * S, bx + 150 * S, by - 10 * S], radius=14 * S, fill=sc.c((200, 90, 30)))
    for k, col in enumerate([(250, 200, 40), (240, 240, 240), (250, 200, 40)]):
        px = bx - 90 * S + k * 90 * S
        d.rectangle([px - 18 * S, by - 100 * S, px + 18 * S, by - 40 * S], fill=sc.c(col))
        d.ellipse([px - 16 * S, by - 136 * S, px + 16 * S, by - 104 * S], fill=sc.c((120, 86, 60)))
    sc.rain(200, mix(sc.p["sky_bottom"], (220, 226, 232), 0.4), length=70, slant=0.18)  # type: ignore[arg-type]


SCENES = {
    "field-tobacco": lambda sc: scene_field(sc, "tobacco"),
    "field-corn": lambda sc: scene_field(sc, "corn"),
    "dry": scene_dry,
    "mountain": scene_mountain,
    "factory": scene_factory,
    "sea": lambda sc: scene_sea(sc, beach=False),
    "sea-beach": lambda sc: scene_sea(sc, beach=True),
    "beach": scene_beach,
    "clinic": scene_clinic,
    "city": scene_city,
    "school": scene_school,
    "track-circuit": lambda sc: scene_track(sc, "circuit"),
    "track-dirt": lambda sc: scene_track(sc, "dirt"),
    "pottery": scene_pottery,
    "sacks": scene_sacks,
    "rain": scene_rain,
    "wetfield": scene_wetfield,
    "office": scene_office,
    "flood": scene_flood,
}


def render(rel_path: str, scene: str, palette: str) -> Image.Image:
    sc = Scene(palette, zlib.crc32(rel_path.encode("utf-8")))
    SCENES[scene](sc)
    return sc.img.resize((OUT_W, OUT_H), Image.LANCZOS)


def main() -> int:
    total = 0
    for rel, scene, palette in IMAGES:
        out = CONTENT / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        img = render(rel, scene, palette)
        img.save(out, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
        size = out.stat().st_size
        total += size
        print(f"{size / 1024:6.1f} KB  {rel}  ({scene}, {palette})")
    print(f"{total / 1024:6.1f} KB  total, {len(IMAGES)} images")
    return 0


if __name__ == "__main__":
    sys.exit(main())
