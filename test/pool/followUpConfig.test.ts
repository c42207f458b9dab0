import { loadConfig } from '../../src/config';

describe('the talent pool\'s settings', () => {
  it('follow up every 8 weeks with the template vit_followup unless told otherwise', () => {
    const result = loadConfig({});
    expect(result.ok && [result.config.FOLLOWUP_WEEKS, result.config.WHATSAPP_TEMPLATE_FOLLOWUP]).toEqual([8, 'vit_followup']);
    const set = loadConfig({ FOLLOWUP_WEEKS: '52', WHATSAPP_TEMPLATE_FOLLOWUP: 'vit_checkin_2' });
    expect(set.ok && [set.config.FOLLOWUP_WEEKS, set.config.WHATSAPP_TEMPLATE_FOLLOWUP]).toEqual([52, 'vit_checkin_2']);
  });

  it.each(['0', '200', '-8', '2.5', 'eight'])('refuses FOLLOWUP_WEEKS=%s at start with one clear line', (weeks) => {
    const result = loadConfig({ FOLLOWUP_WEEKS: weeks });
    expect(!result.ok && result.problems).toEqual([`config: FOLLOWUP_WEEKS must be a whole number from 1 to 52 (got "${weeks}")`]);
  });

  it('refuses a template name WhatsApp would not take', () => {
    const result = loadConfig({ WHATSAPP_TEMPLATE_FOLLOWUP: 'Follow Up!' });
    expect(!result.ok && result.problems).toEqual(['config: WHATSAPP_TEMPLATE_FOLLOWUP must be a template name: lower-case letters, digits and _ (got "Follow Up!")']);
  });
});
