import path from 'node:path';
import { readLocaleResources } from '../../src/i18n/localeResources';
import { PROJECT_ROOT } from '../../src/projectRoot';
import { refitCheck, REFIT_AFTER_STAFF_EXAMPLES } from '../../src/nlu/refitCheck';

const resources = readLocaleResources(path.join(PROJECT_ROOT, 'locales'));

describe('refitCheck: when npm run calibrate:faq is due', () => {
  it('is not due while the calibration fits locales/ and staff added fewer examples than the threshold', () => {
    const check = refitCheck(resources);
    expect(check(0)).toEqual({ fitsSeedExamples: true, staffExamples: 0, threshold: REFIT_AFTER_STAFF_EXAMPLES, due: false, command: 'npm run calibrate:faq' });
    expect(check(REFIT_AFTER_STAFF_EXAMPLES - 1).due).toBe(false);
  });

  it('is due once staff added the threshold of examples', () => {
    expect(refitCheck(resources)(REFIT_AFTER_STAFF_EXAMPLES).due).toBe(true);
  });

  it('is due when the calibration was fitted on other examples than those in locales/', () => {
    expect(refitCheck(resources, { examples: 'fitted-on-something-else' })(0)).toMatchObject({ fitsSeedExamples: false, due: true });
  });
});
