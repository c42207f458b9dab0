import type { OidcFlow, OidcFlowStore } from '../../src/console/oidcFlowStore';

const flow = (n: number): OidcFlow => ({ state: `state-${n}`, nonce: `nonce-${n}`, codeVerifier: `verifier-${n}`.padEnd(43, 'x') });

/** What every OidcFlowStore must do. `make()` returns an empty store whose flows last ten minutes. */
export function oidcFlowStoreContract(make: () => OidcFlowStore): void {
  it('gives a flow back once, by its id, and never another browser\u2019s', async () => {
    const store = make();
    await store.put('flow-id-a', flow(1));
    await store.put('flow-id-b', flow(2));
    expect(await store.take('flow-id-c')).toBeUndefined();
    expect(await store.take('flow-id-a')).toEqual(flow(1));
    expect(await store.take('flow-id-a')).toBeUndefined();
    expect(await store.take('flow-id-b')).toEqual(flow(2));
  });

  it('lets one of two simultaneous answers have the flow, not both', async () => {
    const store = make();
    await store.put('flow-id-race', flow(3));
    const taken = await Promise.all([store.take('flow-id-race'), store.take('flow-id-race'), store.take('flow-id-race')]);
    expect(taken.filter(Boolean)).toEqual([flow(3)]);
  });
}
