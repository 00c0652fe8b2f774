// A source document of the catalog: one of Microsoft's pages (or the seed documents), with the
// title and address users see next to every citation.
import type { ProductVersion } from './products.ts';

export interface SourceDocument {
  /** The id citations use (`Citation.document`): the page's file name. */
  id: string;
  products: ProductVersion[];
  /** The page's own title (front matter `title:`). */
  title: string;
  url?: string;
  /** Path relative to shared/, e.g. `sources/sfb-ports-and-protocols.md`. */
  file: string;
}
