// Printable ASCII for targets whose comments and remarks accept nothing else (nft, iptables,
// ASA, PowerShell in any code page): accents stripped, typographic punctuation and the arrows
// and bullets of Microsoft's table names made ASCII, anything else `?`.

export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/\u2192/g, '->')
    .replace(/[\u2022\u00b7]/g, '*')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?');
}
