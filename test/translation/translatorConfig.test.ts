import { loadConfig, translatorEnabled, unknownSettings } from '../../src/config';

const ALL = { TRANSLATOR_KEY: 'secret-translator-key', TRANSLATOR_REGION: 'westeurope', TRANSLATOR_ENDPOINT: 'https://api.cognitive.microsofttranslator.com' };

describe('the translator settings', () => {
  it('switch translation on with all three, and leave it off with none', () => {
    const on = loadConfig(ALL);
    expect(on.ok && translatorEnabled(on.config)).toBe(true);
    const off = loadConfig({});
    expect(off.ok && translatorEnabled(off.config)).toBe(false);
    const empty = loadConfig({ TRANSLATOR_KEY: '', TRANSLATOR_REGION: '', TRANSLATOR_ENDPOINT: '' });
    expect(empty.ok && translatorEnabled(empty.config)).toBe(false);
  });

  it('stop the start with one readable line when only some are set, never showing the key', () => {
    expect(loadConfig({ TRANSLATOR_KEY: 'secret-translator-key' })).toEqual({
      ok: false,
      problems: ['config: TRANSLATOR_REGION and TRANSLATOR_ENDPOINT are required when any TRANSLATOR_ variable is set (all three or none) (not set)'],
    });
    expect(loadConfig({ TRANSLATOR_REGION: 'westeurope', TRANSLATOR_ENDPOINT: ALL.TRANSLATOR_ENDPOINT })).toEqual({
      ok: false,
      problems: ['config: TRANSLATOR_KEY is required when any TRANSLATOR_ variable is set (all three or none) (not set)'],
    });
    const result = loadConfig({ ...ALL, TRANSLATOR_ENDPOINT: '' });
    expect(result).toMatchObject({ ok: false, problems: [expect.stringContaining('TRANSLATOR_ENDPOINT is required')] });
    expect(JSON.stringify(result)).not.toContain('secret-translator-key');
  });

  it('refuse a region or endpoint that cannot be one', () => {
    expect(loadConfig({ ...ALL, TRANSLATOR_REGION: 'West Europe' })).toEqual({ ok: false, problems: ['config: TRANSLATOR_REGION must be an Azure region name such as westeurope (or global) (got "West Europe")'] });
    expect(loadConfig({ ...ALL, TRANSLATOR_ENDPOINT: 'http://api.cognitive.microsofttranslator.com' })).toMatchObject({ ok: false, problems: [expect.stringContaining('TRANSLATOR_ENDPOINT must be an https:// URL')] });
  });

  it('name the setting a typo probably meant', () => {
    expect(unknownSettings({ TRANSLATOR_REGOIN: 'westeurope' })).toEqual([{ name: 'TRANSLATOR_REGOIN', meant: 'TRANSLATOR_REGION' }]);
  });
});
