/** The hash tag of the WhatsApp inbox's keys (stream, dead letters, heartbeats: one slot); here, below the channel, so the key migration can move the earlier names under it. */
export const INBOX_TAG = '{inbox}';

/**
 * The Redis Cluster hash slot of a key (CRC16-XMODEM of the key, or of its hash tag `{…}` when it has
 * a non-empty one, modulo 16384), as the cluster computes it: what a store uses to split work on many
 * keys into one step per slot.
 */
export function hashSlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(key, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** The positions of `keys` grouped by hash slot, each group in the order the keys came, groups in the order their first key came. */
export function bySlot(keys: string[]): number[][] {
  const groups = new Map<number, number[]>();
  keys.forEach((key, i) => {
    const slot = hashSlot(key);
    const group = groups.get(slot);
    if (group) group.push(i);
    else groups.set(slot, [i]);
  });
  return [...groups.values()];
}
