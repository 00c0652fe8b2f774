// Small questions about a product version, answered from its profile (products.ts).
import { PRODUCTS, type ProductVersion } from './products.ts';

/** XMPP federation (proxy on the edge, gateway on the Front End): Lync Server 2013 and Skype for
 * Business Server 2015; not 2019 or Subscription Edition. */
export function xmppAvailable(v: ProductVersion): boolean {
  return PRODUCTS[v].xmpp;
}

/** Microsoft's Skype for Business Server pages describe this version. */
export function isSkypeForBusiness(v: ProductVersion): boolean {
  return PRODUCTS[v].skypeForBusinessPages;
}
