#!/usr/bin/env node
// Draws the Teams app icons from code, so they can be made again without an image editor:
//   color.png    192x192, full colour: a signpost ("wegwijzer") on the accent colour
//   outline.png  32x32, the same signpost in white on a transparent background
// Usage: node deploy/teams/make-icons.mjs [--out DIR]   (default: next to this script)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32 } from './crc32.mjs';

const ACCENT = [0x1f, 0x5f, 0x8b]; // manifest.json accentColor #1F5F8B
const WHITE = [0xff, 0xff, 0xff];
const ORANGE = [0xf6, 0xad, 0x55];

// The signpost in a 0..1 square: a pole on a foot, one board pointing right, one pointing left.
const rect = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const POLE = rect(0.46, 0.2, 0.54, 0.84);
const FOOT = rect(0.34, 0.82, 0.66, 0.88);
const BOARD_RIGHT = [[0.24, 0.22], [0.68, 0.22], [0.78, 0.32], [0.68, 0.42], [0.24, 0.42]];
const BOARD_LEFT = [[0.76, 0.48], [0.32, 0.48], [0.22, 0.58], [0.32, 0.68], [0.76, 0.68]];

function inside(polygon, x, y) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Share of a pixel covered by any of the shapes, from n x n samples (smooth edges). */
function coverage(shapes, size, px, py, n = 8) {
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      const x = (px + (sx + 0.5) / n) / size;
      const y = (py + (sy + 0.5) / n) / size;
      if (shapes.some((shape) => inside(shape, x, y))) hits++;
    }
  }
  return hits / (n * n);
}

function colorIcon(size) {
  const pixels = Buffer.alloc(size * size * 3);
  const layers = [
    { shapes: [POLE, FOOT, BOARD_RIGHT], color: WHITE },
    { shapes: [BOARD_LEFT], color: ORANGE },
  ];
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let rgb = ACCENT;
      for (const { shapes, color } of layers) {
        const a = coverage(shapes, size, px, py, 4);
        rgb = rgb.map((c, i) => c + (color[i] - c) * a);
      }
      pixels.set(rgb.map(Math.round), (py * size + px) * 3);
    }
  }
  return encodePng(size, size, 3, pixels);
}

function outlineIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const a = coverage([POLE, FOOT, BOARD_RIGHT, BOARD_LEFT], size, px, py);
      pixels.set([...WHITE, Math.round(a * 255)], (py * size + px) * 4);
    }
  }
  return encodePng(size, size, 4, pixels);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, tail]);
}

/** An 8-bit RGB (3 channels) or RGBA (4 channels) PNG; every row uses filter 0 (none). */
function encodePng(width, height, channels, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = channels === 4 ? 6 : 2;
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? path.dirname(fileURLToPath(import.meta.url)));
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'color.png'), colorIcon(192));
writeFileSync(path.join(out, 'outline.png'), outlineIcon(32));
process.stdout.write(`make-icons: wrote color.png (192x192) and outline.png (32x32) to ${out}\n`);
