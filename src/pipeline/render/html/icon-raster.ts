// The site icon as PNG and ICO, for clients that cannot show the SVG (RSS `<image>` must be GIF, JPEG
// or PNG; /favicon.ico is what browsers and readers ask for unprompted). The icon's shapes (ICON_SVG
// in assets.ts: a rounded square, a dot and two quarter-circle strokes with round caps) are drawn here
// as distance functions in the SVG's own 32x32 coordinates, with a fixed 8x8 supersampling grid per
// pixel: only IEEE arithmetic, so the same bytes on every machine. PNG is encoded with node:zlib.
import { crc32, deflateSync } from "node:zlib";

type Rgb = readonly [number, number, number];
const BRAND: Rgb = [0xa3, 0x3a, 0x12];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const SAMPLES = 8;

/** Inside the rounded square `0..32` with corner radius 7. */
function inBackground(x: number, y: number): boolean {
  if (x < 0 || y < 0 || x > 32 || y > 32) return false;
  const cx = Math.min(Math.max(x, 7), 25);
  const cy = Math.min(Math.max(y, 7), 25);
  return (x - cx) ** 2 + (y - cy) ** 2 <= 49;
}

/** On a quarter-circle stroke around (6,26) from straight up to straight right, round caps. */
function onArc(x: number, y: number, r: number, halfWidth: number): boolean {
  const dx = x - 6;
  const dy = y - 26;
  const d =
    dx >= 0 && dy <= 0
      ? Math.abs(Math.hypot(dx, dy) - r)
      : Math.min(Math.hypot(dx, dy + r), Math.hypot(dx - r, dy));
  return d <= halfWidth;
}

function inMark(x: number, y: number): boolean {
  return (x - 9) ** 2 + (y - 23) ** 2 <= 9 || onArc(x, y, 12, 1.75) || onArc(x, y, 19, 1.75);
}

/** RGBA pixels of the icon at `size` x `size`, alpha from coverage of the background. */
export function iconPixels(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const scale = 32 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let mark = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) * scale;
          const y = (py + (sy + 0.5) / SAMPLES) * scale;
          if (!inBackground(x, y)) continue;
          bg++;
          if (inMark(x, y)) mark++;
        }
      }
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        // Colour over the covered part only (alpha is separate), rounded half up.
        const v = bg === 0 ? 0 : ((BRAND[c] ?? 0) * (bg - mark) + (WHITE[c] ?? 0) * mark) / bg;
        out[o + c] = Math.round(v);
      }
      out[o + 3] = Math.round((255 * bg) / (SAMPLES * SAMPLES));
    }
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG (8 bits per channel, no filtering) of `size` x `size` RGBA pixels. */
export function encodePng(size: number, rgba: Uint8Array): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // depth 8, RGBA, deflate, no filter method variants, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    // Filter byte 0 (none) then the row.
    rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = deflateSync(rows, { level: 9 });
  return new Uint8Array(
    Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", new Uint8Array(0))]),
  );
}

/** The icon as a PNG of `size` pixels square. */
export function iconPng(size: number): Uint8Array {
  return encodePng(size, iconPixels(size));
}

/** An ICO holding PNG images (allowed since Windows Vista, read by every browser), smallest first. */
export function encodeIco(images: readonly { size: number; png: Uint8Array }[]): Uint8Array {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((img, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(img.size >= 256 ? 0 : img.size, e);
    header.writeUInt8(img.size >= 256 ? 0 : img.size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(img.png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += img.png.length;
  });
  return new Uint8Array(Buffer.concat([header, ...images.map((i) => i.png)]));
}
