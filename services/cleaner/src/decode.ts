import { TextDecoder } from 'node:util';

/**
 * Decodes page bytes to text. Evidence, in order: byte-order mark, the Content-Type charset,
 * a <meta charset> or <meta http-equiv="Content-Type"> near the top, then a sniff: bytes that are
 * valid UTF-8 are UTF-8, anything else is windows-1252 (the WHATWG default for undeclared legacy
 * pages in most of Europe). A page that declares UTF-8 but is mostly legacy bytes is also read as
 * windows-1252, because that is what such pages almost always are.
 *
 * The fetcher's decodeHtml stops at "UTF-8 with replacement characters"; the cleaner sees pages
 * from elsewhere too (imports, the dev set), so it sniffs.
 */
export function decodePage(bytes: Uint8Array, contentType?: string): { text: string; charset: string } {
  const declared = sniffBom(bytes) ?? charsetFromContentType(contentType) ?? charsetFromMeta(bytes);
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    const decoder = tryDecoder(declared);
    if (decoder) return { text: decodeWith(decoder, bytes), charset: decoder.encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    // Invalid UTF-8: decide between "UTF-8 with a few bad bytes" and "a legacy page".
  }
  if (!declared || mostlyLegacyBytes(bytes)) return { text: decodeWith(new TextDecoder('windows-1252'), bytes), charset: 'windows-1252' };
  return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8' };
}

/**
 * windows-1252 bytes 0x80–0x9F are letters and punctuation (€, „“, –, …). Node 20's TextDecoder
 * decodes that label as ISO-8859-1 and yields C1 control characters instead, so map them here.
 */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!));
}

function tryDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function charsetFromContentType(contentType: string | undefined): string | null {
  const match = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

/** Real pages put the declaration after long comments or scripts, so look further than 1024 bytes. */
const META_SCAN_BYTES = 8192;

function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_SCAN_BYTES)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)/i.exec(head);
  const label = match?.[1]?.toLowerCase() ?? null;
  // An ASCII-readable declaration cannot be UTF-16; per WHATWG, treat it as UTF-8.
  return label && label.startsWith('utf-16') ? 'utf-8' : label;
}

/** True when invalid UTF-8 sequences outnumber valid multi-byte ones. */
function mostlyLegacyBytes(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const length = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length - 1;
    } else invalid++;
  }
  return invalid > valid;
}
