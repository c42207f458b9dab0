import { detectLanguage, likelyLanguages } from '../../src/domain/detectLanguage';

describe('likelyLanguages', () => {
  it('gives Arabic and Persian for a lone "سلام", one language where the message shows which', () => {
    expect(likelyLanguages('سلام')).toEqual(['ar', 'fa']);
    expect(likelyLanguages('سلام من کار میخوام')).toEqual(['fa']);
    expect(likelyLanguages('السلام عليكم')).toEqual(['ar']);
    expect(likelyLanguages('hi')).toEqual([]);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['ሰላም', 'ti'],
    ['ሰላም ከመይ ኣለኹም', 'ti'],
    ['مرحبا', 'ar'],
    ['السلام عليكم', 'ar'],
    ['ما فهمت شي', 'ar'],
    ['سلام، خوبی؟', 'fa'],
    ['من کار میخوام', 'fa'],
    ['سلام وقت بخیر', 'fa'],
    ['Merhaba', 'tr'],
    ['iyi günler', 'tr'],
    ['selam, iş arıyorum', 'tr'],
    ['Hallo, ik wil werk', 'nl'],
    ['goedemorgen', 'nl'],
    ['Hello', 'en'],
    ['hello I want a job in IT', 'en'],
  ])('reads %s as %s', (text, lng) => {
    expect(detectLanguage(text)).toBe(lng);
  });

  it.each(['hi', '👍', '2', 'ok', ''])('leaves "%s" open', (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });
});
