import { assessEligibility, Outcome, Flag } from '../../src/domain/eligibility';
import { parseProfile, Profile } from '../../src/domain/profile';

/** An eligible, full-time, Dutch-B1 statushouder with no flags; each row changes what it is about. */
const base: Profile = {
  residenceStatus: 'statushouder',
  dutchLevel: 'B1',
  englishLevel: 'A2',
  motivatedForIT: true,
  hoursPerWeek: 36,
  education: 'secondary',
  itEducation: false,
  province: 'Utrecht',
};

describe('eligibility rules, version 1', () => {
  describe('outcome: the first rule that applies', () => {
    it.each<[string, Partial<Profile>, Outcome]>([
      ['an asylum seeker is not yet eligible', { residenceStatus: 'asylum-seeker' }, 'not-yet'],
      ['asylum seeker wins over every later rule', { residenceStatus: 'asylum-seeker', motivatedForIT: false, dutchLevel: 'none', englishLevel: 'none' }, 'not-yet'],
      ['an EU citizen is not the target group', { residenceStatus: 'eu-citizen' }, 'not-target-group'],
      ['a Dutch citizen is not the target group', { residenceStatus: 'dutch-citizen' }, 'not-target-group'],
      ['other status is not the target group', { residenceStatus: 'other' }, 'not-target-group'],
      ['status wins over motivation and language', { residenceStatus: 'other', motivatedForIT: false, dutchLevel: 'none', englishLevel: 'none' }, 'not-target-group'],
      ['not motivated for IT gets other orientation', { motivatedForIT: false }, 'other-orientation'],
      ['motivation wins over language', { motivatedForIT: false, dutchLevel: 'A1', englishLevel: 'none' }, 'other-orientation'],
      ['gives language-first when both levels are below A2', { dutchLevel: 'A1', englishLevel: 'A1' }, 'language-first'],
      ['gives language-first with no language at all', { dutchLevel: 'none', englishLevel: 'none' }, 'language-first'],
      ['English A2 alone is enough (best of the two)', { dutchLevel: 'none', englishLevel: 'A2' }, 'eligible'],
      ['Dutch A2 is eligible', { dutchLevel: 'A2', englishLevel: 'A1' }, 'eligible'],
      ['B1 is eligible', { dutchLevel: 'B1', englishLevel: 'B1' }, 'eligible'],
      ['Dutch B2 goes the direct route', { dutchLevel: 'B2' }, 'direct-route'],
      ['English B2 goes the direct route', { dutchLevel: 'A1', englishLevel: 'B2' }, 'direct-route'],
      ['C1 goes the direct route', { englishLevel: 'C1' }, 'direct-route'],
      ['C2 goes the direct route', { dutchLevel: 'C2', englishLevel: 'none' }, 'direct-route'],
    ])('%s', (_name, change, outcome) => {
      expect(assessEligibility({ ...base, ...change }).outcome).toBe(outcome);
    });
  });

  describe('flags', () => {
    it.each<[string, Partial<Profile>, Flag[]]>([
      ['none for the base profile', {}, []],
      ['part-time below 32 hours', { hoursPerWeek: 31.5 }, ['part-time']],
      ['not part-time at exactly 32 hours', { hoursPerWeek: 32 }, []],
      ['part-time at 0 hours', { hoursPerWeek: 0 }, ['part-time']],
      ['english-below-a2 when eligible', { dutchLevel: 'B1', englishLevel: 'A1' }, ['english-below-a2']],
      ['english-below-a2 when direct-route', { dutchLevel: 'C1', englishLevel: 'none' }, ['english-below-a2']],
      ['no english-below-a2 for language-first', { dutchLevel: 'A1', englishLevel: 'none' }, []],
      ['no english-below-a2 for other outcomes', { residenceStatus: 'eu-citizen', dutchLevel: 'B1', englishLevel: 'none' }, []],
      ['it-education', { itEducation: true }, ['it-education']],
      ['higher-education for a bachelor', { education: 'bachelor' }, ['higher-education']],
      ['higher-education for a master', { education: 'master-or-higher' }, ['higher-education']],
      ['no higher-education for vocational', { education: 'vocational' }, []],
      ['region-north in Groningen', { province: 'Groningen' }, ['region-north']],
      ['region-north in Friesland', { province: 'Friesland' }, ['region-north']],
      ['region-north in Drenthe', { province: 'Drenthe' }, ['region-north']],
      ['no region without a province', { province: null }, []],
      ['flags apply whatever the outcome', { residenceStatus: 'asylum-seeker', hoursPerWeek: 20, itEducation: true }, ['part-time', 'it-education']],
      [
        'all flags, in the brief\'s order',
        { hoursPerWeek: 10, englishLevel: 'none', itEducation: true, education: 'master-or-higher', province: 'Drenthe' },
        ['part-time', 'english-below-a2', 'it-education', 'higher-education', 'region-north'],
      ],
    ])('%s', (_name, change, flags) => {
      expect(assessEligibility({ ...base, ...change }).flags).toEqual(flags);
    });
  });

  describe('routes and reasons', () => {
    it('points asylum seekers to VluchtelingenWerk', () => {
      expect(assessEligibility({ ...base, residenceStatus: 'asylum-seeker' }).routes).toEqual(['vluchtelingenwerk']);
    });
    it('points the direct route to the partners, with ITPH Academy first', () => {
      const result = assessEligibility({ ...base, dutchLevel: 'B2' });
      expect(result.routes).toEqual(['itph-academy', 'capgemini-academy', 'hackyourfuture', 'motopp', 'do-good-only']);
    });
    it('adds Make IT Work for higher-educated people, in the North when they live there', () => {
      expect(assessEligibility({ ...base, education: 'bachelor' }).routes).toEqual(['vit', 'make-it-work']);
      expect(assessEligibility({ ...base, education: 'bachelor', province: 'Groningen' }).routes).toEqual(['vit', 'make-it-work-north']);
      expect(assessEligibility({ ...base, education: 'bachelor', dutchLevel: 'A1', englishLevel: 'A1' }).routes).toEqual(['language-course']);
    });
    it('does not send someone with an IT degree to Make IT Work (it retrains people without an IT background)', () => {
      expect(assessEligibility({ ...base, education: 'master-or-higher', itEducation: true }).routes).not.toContain('make-it-work');
      expect(assessEligibility({ ...base, education: 'bachelor', itEducation: true, province: 'Drenthe' }).routes).not.toContain('make-it-work-north');
    });
    it('gives one reason for the outcome and one per flag, with the values they mention', () => {
      const result = assessEligibility({ ...base, dutchLevel: 'A1', englishLevel: 'A1', hoursPerWeek: 20 });
      expect(result).toEqual({
        outcome: 'language-first',
        flags: ['part-time'],
        reasons: [
          { code: 'language-first', vars: { level: 'A1', language: 'dutch' } },
          { code: 'part-time', vars: { hours: 20, minimum: 32, missing: 12 } },
        ],
        routes: ['language-course'],
        rulesVersion: 1,
      });
    });
  });
});

describe('profile validation', () => {
  it('accepts lower-case levels, any-case provinces and Fryslân, and a missing province', () => {
    const parsed = parseProfile({ ...base, dutchLevel: 'b1', englishLevel: 'none', province: 'fryslân' });
    expect(parsed).toEqual({ ok: true, profile: { ...base, dutchLevel: 'B1', englishLevel: 'none', province: 'Friesland' } });
    const { province: _omit, ...withoutProvince } = base;
    expect(parseProfile(withoutProvince)).toEqual({ ok: true, profile: { ...base, province: null } });
  });

  it('names every problem', () => {
    const parsed = parseProfile({ ...base, hoursPerWeek: 90, dutchLevel: 'B3', motivatedForIT: 'yes', residenceStatus: undefined });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'residenceStatus is missing',
        'dutchLevel must be one of none, A1, A2, B1, B2, C1, C2',
        'motivatedForIT must be true or false',
        'hoursPerWeek must be a number from 0 to 80',
      ],
    });
  });

  it('refuses what is not an object', () => {
    expect(parseProfile([base])).toEqual({ ok: false, problems: ['a profile must be a JSON object'] });
    expect(parseProfile('x')).toEqual({ ok: false, problems: ['a profile must be a JSON object'] });
  });
});
