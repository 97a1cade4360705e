import { TextDecoder } from 'node:util';

/**
 * Decodes page bytes to text. Order of evidence: byte-order mark, the Content-Type charset,
 * a <meta> charset in the first 1024 bytes, then UTF-8. TextDecoder implements the WHATWG
 * Encoding Standard, including its legacy encodings and labels.
 */
export function decodeHtml(body: Buffer, contentType: string | undefined): { text: string; charset: string } {
  const bom = sniffBom(body);
  const label = bom ?? charsetFromContentType(contentType) ?? charsetFromMeta(body) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return { text: decoder.decode(body), charset: decoder.encoding };
}

function sniffBom(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const match = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

function charsetFromMeta(body: Buffer): string | null {
  const head = body.subarray(0, 1024).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)/i.exec(head);
  const label = match?.[1]?.toLowerCase() ?? null;
  // A page that was decoded to bytes as UTF-16 cannot declare so in ASCII; per WHATWG, treat as UTF-8.
  return label && label.startsWith('utf-16') ? 'utf-8' : label;
}
