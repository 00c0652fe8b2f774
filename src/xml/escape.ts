// Escaping for XML text and attribute values (JUnit reports, XMPP stream headers).

// XML 1.0 allows only these characters; anything else (NUL, most C0 controls) is dropped, not escaped.
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe for XML content and for attribute values in double quotes. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
