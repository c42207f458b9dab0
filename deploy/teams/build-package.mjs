#!/usr/bin/env node
// Builds the Teams app package: manifest.json with the real ids and addresses, plus the two icons,
// zipped at the top level as Teams wants it.
//   node deploy/teams/build-package.mjs --app-id <bot app id> [--host <bot host name>]
//     [--teams-app-id <guid>] [--version 1.0.1] [--website-url URL] [--privacy-url URL]
//     [--terms-url URL] [--out DIR]
// Without --app-id, MicrosoftAppId from the environment is used. Writes DIR/manifest.json,
// DIR/color.png, DIR/outline.png and DIR/vit-wegwijzer-teams.zip (DIR: deploy/teams/dist).
import { deflateRawSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32 } from './crc32.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE_NAME = 'vit-wegwijzer-teams.zip';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const SEMVER = /^\d+\.\d+\.\d+$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function fail(message) {
  process.stderr.write(`build-package: ${message}\n`);
  process.exit(1);
}

function checkGuid(name, value) {
  if (!value) fail(`${name} is missing: pass --app-id <the bot's Microsoft App ID> or set MicrosoftAppId`);
  if (!GUID.test(value) || value === ZERO_GUID) fail(`${name} must be the app's id, a GUID such as 3f2c9a7e-1b4d-4c8e-9f0a-5d6e7f8a9b0c (got "${value}")`);
  return value.toLowerCase();
}

function checkHttps(name, value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`${name} must be an https:// address (got "${value}")`);
  }
  if (url.protocol !== 'https:') fail(`${name} must be an https:// address (got "${value}")`);
  return value;
}

const { values } = parseArgs({
  options: {
    'app-id': { type: 'string' },
    'teams-app-id': { type: 'string' },
    host: { type: 'string' },
    version: { type: 'string' },
    'website-url': { type: 'string' },
    'privacy-url': { type: 'string' },
    'terms-url': { type: 'string' },
    out: { type: 'string' },
  },
});

const botId = checkGuid('the bot app id', values['app-id'] ?? process.env.MicrosoftAppId);
const manifest = JSON.parse(readFileSync(path.join(HERE, 'manifest.json'), 'utf8'));
manifest.id = values['teams-app-id'] ? checkGuid('--teams-app-id', values['teams-app-id']) : botId;
for (const bot of manifest.bots) bot.botId = botId;
if (values.version !== undefined) {
  if (!SEMVER.test(values.version)) fail(`--version must look like 1.0.1 (got "${values.version}")`);
  manifest.version = values.version;
}
if (values.host !== undefined) {
  if (!HOST.test(values.host)) fail(`--host must be a bare host name such as vit-bot.example.org, without https:// (got "${values.host}")`);
  manifest.validDomains = [values.host.toLowerCase()];
}
const urls = { 'website-url': 'websiteUrl', 'privacy-url': 'privacyUrl', 'terms-url': 'termsOfUseUrl' };
for (const [flag, field] of Object.entries(urls)) {
  if (values[flag] !== undefined) manifest.developer[field] = checkHttps(`--${flag}`, values[flag]);
}
const placeholders = Object.values(urls).filter((field) => new URL(manifest.developer[field]).hostname === 'example.org');
if (placeholders.length) {
  process.stderr.write(`build-package: warning: ${placeholders.join(', ')} still point to example.org; pass --website-url, --privacy-url and --terms-url\n`);
}

const files = [
  { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  { name: manifest.icons.color, data: readFileSync(path.join(HERE, manifest.icons.color)) },
  { name: manifest.icons.outline, data: readFileSync(path.join(HERE, manifest.icons.outline)) },
];

/** A zip archive (deflate), entries at the top level, with a fixed date so the same input gives the same bytes. */
function zip(entries) {
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const out = path.resolve(values.out ?? path.join(HERE, 'dist'));
mkdirSync(out, { recursive: true });
for (const { name, data } of files) writeFileSync(path.join(out, name), data);
writeFileSync(path.join(out, PACKAGE_NAME), zip(files));
process.stdout.write(
  `build-package: ${path.join(out, PACKAGE_NAME)} (app ${manifest.id}, bot ${botId}, version ${manifest.version})\n` +
    'Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin center; see deploy/teams/README.md.\n',
);
