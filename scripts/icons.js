#!/usr/bin/env node
/*
 * Generates the CNAI add-in icons: assets/icon-{16,32,64,80,128}.png (RGBA PNG).
 *
 * Design: a chip (a red rounded-square die with teal pins on all four sides) carrying three white
 * ascending bars: the domestic accelerator and the growth it drives (token volume, AI cloud revenue).
 *
 * The artwork is described on a 16-unit grid. Every size is a multiple of 16, so grid-aligned edges
 * land exactly on pixel boundaries at every size and the 16 px icon stays crisp. Sizes of 64 px and
 * up get a little extra detail (body gradient, inner die ring); 16 and 32 px use the
 * plain, higher-contrast variant. Each pixel is supersampled on an N x N grid (anti-aliasing).
 *
 * No dependencies beyond Node's zlib: the PNG encoder (signature, IHDR, IDAT, IEND, CRC-32) is below.
 *
 * Usage:
 *   node scripts/icons.js            write assets/icon-<size>.png
 *   node scripts/icons.js --out DIR  write into DIR instead
 *   node scripts/icons.js --check    exit 1 if a checked-in PNG differs from what this script draws
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const GRID = 16;

// ---------------------------------------------------------------------------------------------
// Palette (sRGB, 0-255)
// ---------------------------------------------------------------------------------------------
const RED_TOP = [206, 43, 55]; // body, top of the gradient
const RED_BOTTOM = [150, 22, 38]; // body, bottom of the gradient
const RED_FLAT = [184, 32, 46]; // body at small sizes
const RED_RING = [226, 92, 98]; // inner die ring (large sizes)
const TEAL = [13, 122, 122]; // pins
const WHITE = [255, 255, 255];

// ---------------------------------------------------------------------------------------------
// Geometry: point tests in grid units (0..16, y down)
// ---------------------------------------------------------------------------------------------
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
  const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y;
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r * r;
}

/** Rounds a grid coordinate to the nearest whole pixel at `size` px. */
function snapper(size) {
  const unit = size / GRID; // px per grid unit
  return (v) => Math.round(v * unit) / unit;
}

function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * The white glyph on the die: three ascending bars (growth in token volume and revenue, the catch-up
 * curve). At 16 and 32 px the bars sit on the pin grid (2 units wide, 1-unit gaps) so every edge is
 * a pixel edge. From 64 px they are slimmer, slightly rounded, and fit inside the die ring; their
 * edges are snapped to whole pixels (80 px is 5 px per unit, so quarter units would blur).
 */
function glyphFor(size) {
  if (size < 64) {
    const bars = [
      [4, 9, 6, 12],
      [7, 7, 9, 12],
      [10, 5, 12, 12],
    ];
    return (x, y) => bars.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1);
  }
  const snap = snapper(size);
  const r = 0.2;
  const bars = [
    [5.25, 8.75, 6.75, 10.75],
    [7.25, 7.25, 8.75, 10.75],
    [9.25, 5.25, 10.75, 10.75],
  ].map((b) => b.map(snap));
  return (x, y) => bars.some(([x0, y0, x1, y1]) => inRoundRect(x, y, x0, y0, x1, y1, r));
}

/**
 * The artwork for one size. Returns a function (x, y) in grid units -> [r, g, b] or null
 * (transparent). Layers are painted back to front; the first hit from the top wins.
 */
function artwork(size) {
  const large = size >= 64;

  // Pins: three per side, 2 units wide with 1-unit gaps, from 1 to 3 units in from the edge.
  const pinSpans = [
    [4, 6],
    [7, 9],
    [10, 12],
  ];
  const pinIn = 1;
  const pinOut = 3.25; // tucked under the body edge at 3
  const pinR = large ? 0.45 : 0.35;

  // Body: the die, [3, 13) with rounded corners.
  const body = { x0: 3, y0: 3, x1: 13, y1: 13, r: large ? 1.75 : 1.5 };

  // Inner die ring (large sizes): a thin lighter outline inset from the body edge, pixel-snapped.
  const ringIn = snapper(size)(4.45);

  // The glyph on the die, white.
  const glyph = glyphFor(size);

  return (x, y) => {
    // 1. White glyph (top layer)
    if (glyph(x, y)) return WHITE;

    // 2. Body
    if (inRoundRect(x, y, body.x0, body.y0, body.x1, body.y1, body.r)) {
      if (large) {
        const ringOuter = inRoundRect(x, y, 4, 4, 12, 12, 1.0);
        const ringInner = inRoundRect(
          x,
          y,
          ringIn,
          ringIn,
          GRID - ringIn,
          GRID - ringIn,
          1.0 - (ringIn - 4)
        );
        if (ringOuter && !ringInner) return RED_RING;
        const t = (y - body.y0) / (body.y1 - body.y0);
        return mix(RED_TOP, RED_BOTTOM, t);
      }
      return RED_FLAT;
    }

    // 3. Pins (under the body)
    for (const [a, b] of pinSpans) {
      // top / bottom pins: x in [a,b), y from edge towards the body
      if (inRoundRect(x, y, a, pinIn, b, pinOut, pinR)) return TEAL;
      if (inRoundRect(x, y, a, GRID - pinOut, b, GRID - pinIn, pinR)) return TEAL;
      // left / right pins
      if (inRoundRect(x, y, pinIn, a, pinOut, b, pinR)) return TEAL;
      if (inRoundRect(x, y, GRID - pinOut, a, GRID - pinIn, b, pinR)) return TEAL;
    }
    return null;
  };
}

/** Rasterises the artwork at `size` px with `ss` x `ss` supersampling. Returns RGBA bytes (straight alpha). */
function render(size, ss = 16) {
  const paint = artwork(size);
  const scale = GRID / size; // grid units per pixel
  const rgba = Buffer.alloc(size * size * 4);
  const n = ss * ss;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // premultiplied accumulation
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        const y = (py + (sy + 0.5) / ss) * scale;
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) * scale;
          const c = paint(x, y);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / n);
      }
    }
  }
  return rgba;
}

// ---------------------------------------------------------------------------------------------
// PNG encoder
// ---------------------------------------------------------------------------------------------
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encodes straight-alpha RGBA bytes as an 8-bit RGBA PNG (colour type 6), filter 0 on every row. */
function encodePng(width, height, rgba) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // interlace: none
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------
function main(argv) {
  const check = argv.includes("--check");
  const outIdx = argv.indexOf("--out");
  const outDir =
    outIdx >= 0 ? path.resolve(argv[outIdx + 1]) : path.join(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  let stale = 0;
  for (const size of SIZES) {
    const png = encodePng(size, size, render(size));
    const file = path.join(outDir, `icon-${size}.png`);
    if (check) {
      const same = fs.existsSync(file) && fs.readFileSync(file).equals(png);
      if (!same) {
        stale++;
        console.error(`stale: ${path.relative(process.cwd(), file)} (run node scripts/icons.js)`);
      }
    } else {
      fs.writeFileSync(file, png);
      console.log(
        `wrote ${path.relative(process.cwd(), file)} (${size}x${size}, ${png.length} bytes)`
      );
    }
  }
  if (check) {
    if (stale) process.exit(1);
    console.log(`icons up to date (${SIZES.length} files)`);
  }
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { SIZES, render, encodePng, crc32 };
