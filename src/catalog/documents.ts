// The five source documents (../shared/seeds/), by registry id: every citation names one.
// sources.ts gives each id's Microsoft title, URL and local file.

export const DOC = {
  d000: '000',
  d001: '001',
  d002: '002',
  d003: '003',
  d004: '004',
} as const;

export type DocumentId = (typeof DOC)[keyof typeof DOC];
