/**
 * Text for XML content and attribute values: the five markup characters escaped, and characters
 * XML 1.0 does not allow (controls other than tab and line breaks, lone surrogates, U+FFFE/FFFF)
 * left out, so that no stored text can make a feed or sitemap unreadable.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
