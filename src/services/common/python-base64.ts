/**
 * Python's `base64.b64decode(data)` without `validate`: characters outside
 * the alphabet are skipped, decoding stops at a complete padding sequence,
 * and a dangling partial group is an error ("Incorrect padding"), where
 * Node's `Buffer.from(text, "base64")` silently accepts anything.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int8Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const PAD = 61; // "="

/** Python's `binascii.Error`. */
export class Base64DecodeError extends Error {
  override name = "binascii.Error";
}

/** `binascii.a2b_base64(data, strict_mode=False)`. */
export function pyB64Decode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.floor((data.length + 3) / 4) * 3);
  let n = 0;
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]!;
    if (byte === PAD) {
      // Padding counts only once two data characters of the group are in;
      // a complete pad sequence ends the input.
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.subarray(0, n);
      continue;
    }
    const value = DECODE[byte]!;
    if (value < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftChar = value;
        break;
      case 1:
        quadPos = 2;
        out[n++] = ((leftChar << 2) | (value >> 4)) & 0xff;
        leftChar = value & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[n++] = ((leftChar << 4) | (value >> 2)) & 0xff;
        leftChar = value & 0x03;
        break;
      default:
        quadPos = 0;
        out[n++] = ((leftChar << 6) | value) & 0xff;
        leftChar = 0;
    }
  }
  if (quadPos === 1) {
    throw new Base64DecodeError(
      `Invalid base64-encoded string: number of data characters (${Math.floor(n / 3) * 4 + 1}) cannot be 1 more than a multiple of 4`,
    );
  }
  if (quadPos !== 0) throw new Base64DecodeError("Incorrect padding");
  return out.subarray(0, n);
}

/** Python's `base64.b64encode(data).decode()`. */
export function pyB64Encode(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
}
