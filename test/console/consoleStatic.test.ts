import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startTestApp } from '../support/testApp';
import { PROJECT_ROOT } from '../../src/projectRoot';

describe('the console\u2019s static files', () => {
  it('serves every browser module as JavaScript under the console\u2019s Content-Security-Policy, and nothing else under /console/js', async () => {
    const { url, stop } = await startTestApp();
    try {
      const modules = readdirSync(path.join(PROJECT_ROOT, 'src/console/public/js'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
      expect(modules.length).toBeGreaterThan(20);
      for (const file of modules) {
        const res = await fetch(`${url}/console/js/${file}`);
        expect([file, res.status, res.headers.get('content-type')]).toEqual([file, 200, 'text/javascript; charset=utf-8']);
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      }
      for (const bad of ['/console/js/../consoleApi.ts', '/console/js/%2e%2e/consoleRoutes.ts', '/console/js/nothing.js', '/console/js/a/b/c.js', '/console/js/main.ts', '/console/js/pages/../main.js.map']) {
        expect([bad, (await fetch(`${url}${bad}`)).status]).toEqual([bad, 404]);
      }
    } finally {
      await stop();
    }
  });
});
