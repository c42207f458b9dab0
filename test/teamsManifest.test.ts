import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PROJECT_ROOT } from '../src/projectRoot';

const TEAMS = path.join(PROJECT_ROOT, 'deploy/teams');
const manifest = JSON.parse(readFileSync(path.join(TEAMS, 'manifest.json'), 'utf8'));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;
const APP_ID = '3f2c9a7e-1b4d-4c8e-9f0a-5d6e7f8a9b0c';

/** zlib's own CRC-32 where Node has it (20.15+), else the textbook one. */
const crc32 =
  (zlib as { crc32?: (data: Buffer) => number }).crc32 ??
  ((data: Buffer) => {
    let crc = 0xffffffff;
    for (const byte of data) {
      crc ^= byte;
      for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    }
    return (crc ^ 0xffffffff) >>> 0;
  });

interface Image {
  width: number;
  height: number;
  colorType: number;
  channels: number;
  pixels: Buffer;
}

/** Decodes an 8-bit, non-interlaced PNG (any row filter), checking every chunk's CRC. */
function decodePng(file: Buffer): Image {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    expect([type, file.readUInt32BE(offset + 8 + length)]).toEqual([type, crc32(file.subarray(offset + 4, offset + 8 + length))]);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  const width = header!.readUInt32BE(0);
  const height = header!.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = header!.subarray(8);
  expect({ bitDepth, interlace }).toEqual({ bitDepth: 8, interlace: 0 });
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colorType, channels, pixels };
}

const pixel = (image: Image, x: number, y: number) => [...image.pixels.subarray((y * image.width + x) * image.channels, (y * image.width + x + 1) * image.channels)];

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(TEAMS, script), ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The entries of a zip archive, read through its central directory, inflated and CRC-checked. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = archive.readUInt16LE(end + 10);
  let central = archive.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(central)).toBe(0x02014b50);
    const method = archive.readUInt16LE(central + 10);
    const crc = archive.readUInt32LE(central + 16);
    const size = archive.readUInt32LE(central + 20);
    const nameLength = archive.readUInt16LE(central + 28);
    const extraLength = archive.readUInt16LE(central + 30);
    const commentLength = archive.readUInt16LE(central + 32);
    const local = archive.readUInt32LE(central + 42);
    const name = archive.toString('utf8', central + 46, central + 46 + nameLength);
    expect(archive.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const stored = archive.subarray(start, start + size);
    const content = method === 8 ? zlib.inflateRawSync(stored) : stored;
    expect([name, crc32(content)]).toEqual([name, crc]);
    entries.set(name, content);
    central += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('deploy/teams/manifest.json', () => {
  it('follows the schema version it names, within the lengths the schema allows', () => {
    const [, schemaVersion] = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema)!;
    expect(manifest.manifestVersion).toBe(schemaVersion);
    expect(manifest.version).toMatch(SEMVER);
    expect(manifest.id).toMatch(GUID);
    expect(manifest.developer.name.length).toBeLessThanOrEqual(32);
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(new URL(manifest.developer[field]).protocol).toBe('https:');
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(Array.isArray(manifest.validDomains)).toBe(true);
  });

  it('has a full-colour 192x192 icon in the accent colour and a 32x32 outline icon, white on transparent', () => {
    const color = decodePng(readFileSync(path.join(TEAMS, manifest.icons.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([2, 6]).toContain(color.colorType);
    const accent = [1, 3, 5].map((i) => parseInt(manifest.accentColor.slice(i, i + 2), 16));
    expect(pixel(color, 0, 0).slice(0, 3)).toEqual(accent);
    const colours = new Set<string>();
    for (let y = 0; y < 192; y += 4) for (let x = 0; x < 192; x += 4) colours.add(pixel(color, x, y).slice(0, 3).join());
    expect(colours.size).toBeGreaterThanOrEqual(3);

    const outline = decodePng(readFileSync(path.join(TEAMS, manifest.icons.outline)));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let opaque = 0;
    let clear = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = pixel(outline, x, y);
        if (a > 0) expect([x, y, r, g, b]).toEqual([x, y, 255, 255, 255]);
        if (a === 255) opaque++;
        if (a === 0) clear++;
      }
    }
    expect(opaque).toBeGreaterThan(32 * 32 * 0.1);
    expect(clear).toBeGreaterThan(32 * 32 * 0.3);
  });

  it('has the icons make-icons.mjs draws', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'vit-icons-'));
    try {
      expect((await run('make-icons.mjs', ['--out', out])).code).toBe(0);
      for (const icon of [manifest.icons.color, manifest.icons.outline]) {
        expect(decodePng(readFileSync(path.join(out, icon))).pixels.equals(decodePng(readFileSync(path.join(TEAMS, icon))).pixels)).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('offers the bot in personal chats and teams, with short commands the bot understands', () => {
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot.botId).toMatch(GUID);
    expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    // Files on: a newcomer can send an audio file (a voice message) in the personal chat.
    expect(bot).toMatchObject({ supportsFiles: true, isNotificationOnly: false });
    const lists = bot.commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    for (const list of lists) {
      for (const scope of list.scopes) expect(bot.scopes).toContain(scope);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    const titles = (scope: string) => lists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    expect(titles('personal')).toEqual(expect.arrayContaining(['menu', 'help', '/release', '/close', '/who']));
    expect(titles('team')).toContain('/mentors-here');
    // Words (not /commands) are what a newcomer types: the bot must know them in English.
    const known = Object.values(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'locales/en/commands.json'), 'utf8')) as Record<string, string[]>).flat();
    for (const title of titles('personal').filter((t) => !t.startsWith('/'))) expect(known).toContain(title);
  });
});

describe('deploy/teams/build-package.mjs', () => {
  it('writes a zip Teams can read: the manifest with the real ids and host, and both icons at the top level', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'vit-teams-'));
    try {
      const result = await run('build-package.mjs', [
        '--app-id', APP_ID.toUpperCase(),
        '--host', 'vit-bot.calmsea-1a2b.westeurope.azurecontainerapps.io',
        '--version', '1.2.3',
        '--website-url', 'https://vit.example.net',
        '--privacy-url', 'https://vit.example.net/privacy',
        '--terms-url', 'https://vit.example.net/terms',
        '--out', out,
      ]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const zip = readdirSync(out).filter((f) => f.endsWith('.zip'));
      expect(zip).toHaveLength(1);
      const entries = unzip(readFileSync(path.join(out, zip[0])));
      expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const packaged = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      expect(packaged).toMatchObject({
        id: APP_ID,
        version: '1.2.3',
        validDomains: ['vit-bot.calmsea-1a2b.westeurope.azurecontainerapps.io'],
        developer: { websiteUrl: 'https://vit.example.net', privacyUrl: 'https://vit.example.net/privacy', termsOfUseUrl: 'https://vit.example.net/terms' },
        bots: [{ botId: APP_ID }],
      });
      expect({ ...packaged, id: manifest.id, version: manifest.version, validDomains: [], developer: manifest.developer, bots: manifest.bots }).toEqual(manifest);
      for (const icon of ['color.png', 'outline.png']) expect(entries.get(icon)!.equals(readFileSync(path.join(TEAMS, icon)))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a missing or placeholder app id and a host given as a URL, and writes nothing then', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'vit-teams-')), 'package');
    try {
      const missing = await run('build-package.mjs', ['--out', out]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/--app-id/);
      const placeholder = await run('build-package.mjs', ['--out', out], { MicrosoftAppId: manifest.id });
      expect(placeholder.code).toBe(1);
      expect(placeholder.stderr).toMatch(/GUID/);
      const url = await run('build-package.mjs', ['--app-id', APP_ID, '--host', 'https://vit-bot.example.net', '--out', out]);
      expect(url.code).toBe(1);
      expect(url.stderr).toMatch(/--host/);
      expect(existsSync(out)).toBe(false);
      // The app id may come from the environment, as the bot itself reads it.
      expect((await run('build-package.mjs', ['--out', out], { MicrosoftAppId: APP_ID })).code).toBe(0);
    } finally {
      rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
