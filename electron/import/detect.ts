/**
 * What a file is, told by its first bytes — never by its name: dispatchers save exports without an
 * extension, or rename them. A text file is anything that is none of the binary kinds we know.
 */
export type FileKind = 'xlsx' | 'xls' | 'pdf' | 'zip' | 'html' | 'empty' | 'binary' | 'text';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: Excel 97–2003 .xls (also old .doc; either way not something we read). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Where the ASCII bytes of `needle` first occur in `hay` (from `from`, up to `limit`), or -1. */
function indexOfAscii(hay: Uint8Array, needle: string, from = 0, limit = hay.length): number {
  const first = needle.charCodeAt(0);
  const end = Math.min(limit, hay.length) - needle.length;
  outer: for (let i = from; i <= end; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** True when the bytes after skipping a BOM and white space open with `<html`, `<!doctype html` or `<table`. */
function looksLikeHtml(b: Uint8Array): boolean {
  let i = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  const head = String.fromCharCode(...b.subarray(i, i + 16)).toLowerCase();
  return head.startsWith('<html') || head.startsWith('<!doctype html') || head.startsWith('<table');
}

/** Control bytes other than tab/CR/LF/FF, in UTF-8 or 1252 text, mean binary (UTF-16 NULs are handled by the caller). */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  let nul = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) nul++;
    else if (c < 0x09 || (c > 0x0d && c < 0x20)) ctrl++;
  }
  // UTF-16 text is half NULs, spread evenly; binary has other control bytes too.
  return ctrl > n * 0.02 || (nul > 0 && nul < n * 0.2);
}

export function detectFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, ZIP)) {
    // Local file headers keep entry names in clear: an XLSX has entries under xl/.
    return indexOfAscii(bytes, 'xl/', 0, 1 << 20) >= 0 ? 'xlsx' : 'zip';
  }
  if (startsWith(bytes, OLE)) return 'xls';
  // The PDF header may follow a few bytes of junk (the spec allows it within the first 1 KB).
  if (startsWith(bytes, PDF) || indexOfAscii(bytes, '%PDF-', 0, 1024) >= 0) return 'pdf';
  if (looksLikeHtml(bytes)) return 'html';
  const bom16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!bom16 && looksBinary(bytes)) return 'binary';
  return 'text';
}
