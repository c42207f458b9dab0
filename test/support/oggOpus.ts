/**
 * A real OGG/Opus file, as WhatsApp sends voice notes: mono, 48 kHz, `seconds` of silence in 20 ms
 * CELT frames. Browsers play it; tests use it so nothing has to be recorded or kept as a binary file.
 */
export function oggOpusSilence(seconds: number, marker = ''): Uint8Array<ArrayBuffer> {
  const serial = 0x5a17;
  const preSkip = 312;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // channels
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48000, 12);
  head.writeInt16LE(0, 16); // output gain
  head.writeUInt8(0, 18); // mapping family
  const vendor = Buffer.from(`vit-test${marker}`, 'latin1');
  const tags = Buffer.concat([Buffer.from('OpusTags', 'latin1'), u32(vendor.length), vendor, u32(0)]);
  const silence = Buffer.from([0xf8, 0xff, 0xfe]); // TOC: CELT fullband 20 ms, one frame of silence
  const frames = Math.round(seconds * 50);
  const pages = [page(head, 0, 0, 0x02, serial), page(tags, 0, 1, 0x00, serial)];
  let sequence = 2;
  for (let done = 0; done < frames; ) {
    const count = Math.min(50, frames - done);
    done += count;
    const granule = preSkip + done * 960;
    pages.push(page(Buffer.concat(Array.from({ length: count }, () => silence)), granule, sequence++, done === frames ? 0x04 : 0x00, serial, count));
  }
  const all = Buffer.concat(pages);
  const bytes = new Uint8Array(all.byteLength);
  bytes.set(all);
  return bytes;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** One OGG page; `packets` equal packets of data (each under 255 bytes), else one packet. */
function page(data: Buffer, granule: number, sequence: number, flags: number, serial: number, packets = 1): Buffer {
  const size = data.length / packets;
  const lacing: number[] = [];
  for (let i = 0; i < packets; i++) {
    let left = size;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header.writeUInt8(0, 4);
  header.writeUInt8(flags, 5);
  header.writeBigUInt64LE(BigInt(granule), 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header.writeUInt32LE(0, 22);
  header.writeUInt8(lacing.length, 26);
  const whole = Buffer.concat([header, Buffer.from(lacing), data]);
  whole.writeUInt32LE(crc(whole), 22);
  return whole;
}

const TABLE = Array.from({ length: 256 }, (_, i) => {
  let r = i << 24;
  for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});

/** OGG's CRC-32 (polynomial 0x04c11db7, not reflected, no final xor). */
function crc(bytes: Buffer): number {
  let c = 0;
  for (const b of bytes) c = ((c << 8) ^ TABLE[((c >>> 24) ^ b) & 0xff]!) >>> 0;
  return c;
}
