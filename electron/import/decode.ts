import iconv from 'iconv-lite';

/**
 * Bytes of a text export → text. Excel and Amazon's tools write UTF-8 (with or without BOM),
 * "Unicode Text" re-saves write UTF-16 LE (with BOM, usually), some tools UTF-16 BE, and Excel's
 * plain "CSV" on Windows writes Windows-1252. Invalid UTF-8 is read as Windows-1252: every byte
 * means something there, and it is by far the likeliest cause. Node's own TextDecoder treats
 * "windows-1252" as Latin-1 (€, curly quotes and dashes come out as C1 controls), so iconv-lite
 * does the single-byte and UTF-16 work.
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** UTF-16 without a BOM: ASCII characters leave a NUL in every other byte (odd bytes for LE, even for BE). */
function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeUtf8(bytes.subarray(3));
    if (text !== null) return { text, encoding: 'utf-8-bom' };
    return { text: iconv.decode(asBuffer(bytes.subarray(3)), 'win1252'), encoding: 'windows-1252' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  const sixteen = sniffUtf16(bytes);
  if (sixteen) return { text: iconv.decode(asBuffer(bytes), sixteen), encoding: sixteen };
  const text = decodeUtf8(bytes);
  if (text !== null) return { text, encoding: 'utf-8' };
  return { text: iconv.decode(asBuffer(bytes), 'win1252'), encoding: 'windows-1252' };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Why text may have been decoded wrongly, in words, or null when it looks fine: replacement
 * characters, NULs (UTF-16 read as 8-bit), or UTF-8 read as Windows-1252 ("JosÃ©", "â€™").
 */
export function encodingProblem(text: string): string | null {
  const sample = text.slice(0, 20_000);
  if (sample.includes('\u0000')) return 'the text contains NUL characters: it may be UTF-16 ("Unicode Text") that was not recognised';
  if (sample.includes('\uFFFD')) return 'some characters could not be decoded (shown as �)';
  if (/Ã[\u0080-\u00BF]|â€[\u0080-\u00BF™œ˜“”¢]/.test(sample)) return 'accented letters look double-encoded (e.g. "Ã©" for "é")';
  return null;
}
