import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess } from '../support/botProcess';

describe('.env at start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vit-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .env when present, the environment winning, and names the file in the start line', async () => {
    writeFileSync(
      path.join(dir, '.env'),
      [
        'WHATSAPP_ACCESS_TOKEN=token-from-file',
        'WHATSAPP_PHONE_NUMBER_ID=106540352242922',
        'WHATSAPP_APP_SECRET=secret-from-file',
        'WHATSAPP_VERIFY_TOKEN=from-file',
        'LOG_LEVEL=silent',
      ].join('\n'),
    );
    const bot = await startBotProcess({ LOG_LEVEL: 'info' }, dir);
    try {
      await bot.waitForLog(/vit-bot listening/);
      expect(bot.stdout()).toContain(`"envFile":${JSON.stringify(path.join(dir, '.env'))}`);
      const handshake = await fetch(`${bot.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=from-file&hub.challenge=42`);
      expect(handshake.status).toBe(200);
      expect(await handshake.text()).toBe('42');
    } finally {
      bot.kill();
      await bot.exited;
    }
  });

  it('says so when there is no .env', async () => {
    const bot = await startBotProcess({}, dir);
    try {
      await bot.waitForLog(/vit-bot listening/);
      expect(bot.stdout()).toContain('"envFile":"none"');
    } finally {
      bot.kill();
      await bot.exited;
    }
  });
});
