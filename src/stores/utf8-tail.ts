/**
 * Decodes the tail of a UTF-8 byte stream: continuation bytes at the start (a character cut by the
 * cut-off) are dropped rather than decoded as U+FFFD.
 */
export function utf8Tail(bytes: Uint8Array): string {
  let skip = 0;
  while (skip < 3 && skip < bytes.length && ((bytes[skip] ?? 0) & 0xc0) === 0x80) skip += 1;
  return Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.length - skip).toString('utf8');
}
