import { bySlot, hashSlot } from '../../src/storage/hashSlot';

describe('hashSlot', () => {
  it('gives the slots Redis Cluster documents', () => {
    // The examples of the Redis Cluster specification and CLUSTER KEYSLOT.
    expect(hashSlot('123456789')).toBe(0x31c3 % 16384);
    expect(hashSlot('somekey')).toBe(11058);
    expect(hashSlot('foo{hash_tag}')).toBe(hashSlot('hash_tag'));
  });

  it('uses the first non-empty hash tag only', () => {
    expect(hashSlot('a:{user1}:x')).toBe(hashSlot('b:{user1}:y'));
    expect(hashSlot('a{}{user1}')).toBe(hashSlot('a{}{user1}'));
    expect(hashSlot('a{}{user1}')).not.toBe(hashSlot('user1'));
  });

  it('groups keys by slot, keeping their order', () => {
    expect(bySlot(['x:{a}:1', 'y:{b}:1', 'x:{a}:2'])).toEqual([[0, 2], [1]]);
  });
});
