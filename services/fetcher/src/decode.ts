import { isUtf8 } from 'node:buffer';
import { decodeBuffer } from 'encoding-sniffer';
import { ResultType, Sniffer } from 'encoding-sniffer/sniffer';
import { charsetOf } from './http-fetch';

export interface DecodedPage {
  text: string;
  /** WHATWG name of the encoding used, e.g. "windows-1252", "shift_jis", "gbk". */
  charset: string;
  /** Which evidence decided it. */
  source: 'bom' | 'header' | 'meta' | 'sniffed';
}

const SOURCES: Record<ResultType, DecodedPage['source']> = {
  [ResultType.BOM]: 'bom',
  [ResultType.PASSED]: 'header',
  [ResultType.XML_PREFIX]: 'bom',
  [ResultType.META_TAG]: 'meta',
  [ResultType.XML_ENCODING]: 'meta',
  [ResultType.DEFAULT]: 'sniffed',
};

/**
 * Decodes page bytes the way a browser does (WHATWG HTML "encoding sniffing"): byte-order
 * mark, then the Content-Type charset, then <meta charset> / http-equiv in the first 1024
 * bytes. With no evidence the standard lets the user agent guess: bytes that are valid UTF-8
 * are UTF-8 (what nearly every undeclared modern page is), anything else windows-1252.
 */
export function decodeHtml(body: Buffer, contentType: string | undefined): DecodedPage {
  const transportLayerEncodingLabel = charsetOf(contentType);
  const sniffer = new Sniffer({ defaultEncoding: 'windows-1252', ...(transportLayerEncodingLabel ? { transportLayerEncodingLabel } : {}) });
  sniffer.write(body.subarray(0, 1024));
  const source = SOURCES[sniffer.resultType];
  const charset = source === 'sniffed' ? (isUtf8(body) ? 'utf-8' : 'windows-1252') : sniffer.encoding.toLowerCase();
  return { text: decodeBuffer(body, { userEncoding: charset }), charset, source };
}

/**
 * True when the first bytes contain control bytes that never occur in text (WHATWG MIME
 * Sniffing's "binary data bytes"): used when a server sends no Content-Type at all.
 */
export function looksBinary(body: Buffer): boolean {
  const head = body.subarray(0, 512);
  // UTF-16 text is full of NUL bytes; its BOM says it is text.
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe)) return false;
  for (const byte of head) {
    if (byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f)) return true;
  }
  return false;
}
