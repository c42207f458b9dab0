import type { AccountStore } from '../../src/accounts/accountStore';
import type { InvitationStore } from '../../src/accounts/invitationStore';

const input = (username: string) => ({ username, firstName: 'Sara', role: 'mentor' as const, languages: ['ar' as const], passwordHash: '', disabled: false });

/** What every AccountStore must do (beyond the CLI's tests of create/link). `make()` returns an empty store. */
export function accountStoreContract(make: () => AccountStore): void {
  it('refuses a second account with the same name, in any case', async () => {
    const store = make();
    await store.create(input('sara'), new Date());
    await expect(store.create(input(' SARA '), new Date())).rejects.toThrow('an account "SARA" already exists');
    expect((await store.list()).map((a) => a.username)).toEqual(['sara']);
  });

  it('removes a field patched to undefined and keeps the others', async () => {
    const store = make();
    const sara = await store.create(input('sara'), new Date());
    await store.update(sara.id, { totpPending: 'sealed', passwordHash: 'scrypt$x' });
    expect(await store.byId(sara.id)).toMatchObject({ totpPending: 'sealed', passwordHash: 'scrypt$x' });
    await store.update(sara.id, { totpSecret: 'sealed', totpPending: undefined });
    const after = await store.byId(sara.id);
    expect(after).toMatchObject({ totpSecret: 'sealed', passwordHash: 'scrypt$x', firstName: 'Sara' });
    expect(after).not.toHaveProperty('totpPending');
  });

  it('takes each TOTP time step once and never an older one', async () => {
    const store = make();
    const { id } = await store.create(input('sara'), new Date());
    expect(await store.useTotpStep(id, 1000)).toBe(true);
    expect(await store.useTotpStep(id, 1000)).toBe(false);
    expect(await store.useTotpStep(id, 999)).toBe(false);
    expect(await store.useTotpStep(id, 1001)).toBe(true);
    const results = await Promise.all([store.useTotpStep(id, 1002), store.useTotpStep(id, 1002)]);
    expect(results.sort()).toEqual([false, true]);
  });

  it('uses each recovery code once, counts what is left, and forgets them with the second factor', async () => {
    const store = make();
    const { id } = await store.create(input('sara'), new Date());
    await store.setRecoveryCodes(id, ['a', 'b', 'c']);
    expect(await store.recoveryCodesLeft(id)).toBe(3);
    const both = await Promise.all([store.useRecoveryCode(id, 'b'), store.useRecoveryCode(id, 'b')]);
    expect(both.sort()).toEqual([false, true]);
    expect(await store.useRecoveryCode(id, 'z')).toBe(false);
    expect(await store.recoveryCodesLeft(id)).toBe(2);
    await store.update(id, { totpSecret: 'sealed' });
    await store.useTotpStep(id, 50);
    await store.clearSecondFactor(id);
    expect(await store.recoveryCodesLeft(id)).toBe(0);
    expect(await store.byId(id)).not.toHaveProperty('totpSecret');
    expect(await store.useTotpStep(id, 10)).toBe(true); // the last step went with it
  });
}

/** What every InvitationStore must do. `make()` returns an empty store. */
export function invitationStoreContract(make: () => InvitationStore): void {
  const now = new Date('2026-12-06T12:00:00Z');
  const later = (hours: number) => new Date(now.getTime() + hours * 3600_000);

  it('gives the account once, then says "used"', async () => {
    const store = make();
    await store.create('acc-1', 'digest-1', later(72));
    expect(await store.check('digest-1', now)).toEqual({ ok: true, accountId: 'acc-1', expiresAt: later(72).toISOString() });
    const both = await Promise.all([store.consume('digest-1', later(1)), store.consume('digest-1', later(1))]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, reason: 'used' });
    expect(await store.check('digest-1', later(2))).toEqual({ ok: false, reason: 'used' });
  });

  it('says "expired" after its time and "unknown" for a token it never had', async () => {
    const store = make();
    await store.create('acc-1', 'digest-1', later(72));
    expect(await store.consume('digest-1', later(72))).toEqual({ ok: false, reason: 'expired' });
    expect(await store.consume('nothing', now)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('ends an account\'s earlier invitation when it makes a new one, and on revoke', async () => {
    const store = make();
    await store.create('acc-1', 'old', later(72));
    await store.create('acc-1', 'new', later(72));
    await store.create('acc-2', 'other', later(72));
    expect(await store.check('old', now)).toEqual({ ok: false, reason: 'unknown' });
    expect((await store.check('new', now)).ok).toBe(true);
    await store.revokeFor('acc-1');
    expect(await store.check('new', now)).toEqual({ ok: false, reason: 'unknown' });
    expect((await store.check('other', now)).ok).toBe(true);
  });
}

/** What every TeamsLinkRequests must do. `make()` returns an empty store. */
export function teamsLinkRequestsContract(make: () => import('../../src/accounts/teamsLinkRequests').TeamsLinkRequests): void {
  const now = new Date('2026-12-06T12:00:00Z');
  const aad = '6C7F1D2E-3A4B-4C5D-8E9F-0A1B2C3D4E5F';

  it('keeps one request per Teams user (the newest), newest first, and removes it by object id in any case', async () => {
    const store = make();
    await store.add({ aadObjectId: aad, name: 'Kees', at: '2026-12-06T10:00:00.000Z' });
    await store.add({ aadObjectId: aad.toLowerCase(), name: 'Kees Bakker', at: '2026-12-06T11:00:00.000Z' });
    await store.add({ aadObjectId: '00000000-0000-0000-0000-000000000001', name: 'Omar', at: '2026-12-06T10:30:00.000Z' });
    expect(await store.list(now)).toEqual([
      { aadObjectId: aad.toLowerCase(), name: 'Kees Bakker', at: '2026-12-06T11:00:00.000Z' },
      { aadObjectId: '00000000-0000-0000-0000-000000000001', name: 'Omar', at: '2026-12-06T10:30:00.000Z' },
    ]);
    await store.remove(aad);
    expect((await store.list(now)).map((r) => r.name)).toEqual(['Omar']);
  });

  it('forgets a request after a week', async () => {
    const store = make();
    await store.add({ aadObjectId: aad, name: 'Kees', at: '2026-11-29T11:59:00.000Z' });
    expect(await store.list(now)).toEqual([]);
  });
}
