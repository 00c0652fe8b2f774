// What each product version offers, as the pages say (until the product profile table lands).
import type { ProductVersion } from './types.ts';

/** XMPP federation (proxy on the edge, gateway on the Front End): new in Lync Server 2013, "available
 * in Skype for Business Server 2015 but … no longer supported in Skype for Business Server 2019"
 * (sfb-edge-environmental-requirements.md; sfb-migrating-xmpp-federation.md). Subscription
 * Edition follows 2019: its pages are the 2019 pages. */
export function xmppAvailable(v: ProductVersion): boolean {
  return v === 'lync2013' || v === 'sfb2015';
}

export function isSkypeForBusiness(v: ProductVersion): boolean {
  return v === 'sfb2015' || v === 'sfb2019' || v === 'sfbse';
}

export const PRODUCT_NAME: Record<ProductVersion, string> = {
  lync2010: 'Lync Server 2010',
  lync2013: 'Lync Server 2013',
  sfb2015: 'Skype for Business Server 2015',
  sfb2019: 'Skype for Business Server 2019',
  sfbse: 'Skype for Business Server Subscription Edition',
};
