// The five source documents (../shared/seeds/), by file name: every citation names one.

export const DOC = {
  d000: '000_c23ff52519b5b8f4.txt',
  d001: '001_2e1c46551e3382ad.txt',
  d002: '002_05efe164eb02fb9d.txt',
  d003: '003_eb0f73e4495f5ce0.txt',
  d004: '004_8b5a42377f2fcd8b.txt',
} as const;

export type DocumentFile = (typeof DOC)[keyof typeof DOC];
