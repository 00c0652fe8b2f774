// Microsoft's pages in ../shared/sources/ (see its INDEX.md): title as the page's front matter
// gives it, public address (the Lync 2013 pages' own `ms:mtpsurl`; the Skype for Business
// addresses follow learn.microsoft.com's pattern and were not fetched).
import type { SourceDocument } from '../sources.ts';
import { PAGE } from '../documents.ts';
import type { ProductVersion } from '../products.ts';

export { PAGE };
const SFB: ProductVersion[] = ['sfb2015', 'sfb2019', 'sfbse'];
const LEARN = 'https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment';

function page(id: string, products: SourceDocument['products'], title: string, url: string): SourceDocument {
  return { id, products, title, url, file: `sources/${id}.md` };
}


export const PAGE_SOURCES: SourceDocument[] = [
  page(PAGE.sfbEdge, SFB, 'Edge Server environmental requirements in Skype for Business Server', `${LEARN}/edge-server-deployments/edge-environmental-requirements`),
  page(PAGE.sfbPorts, SFB, 'Port and protocol requirements for servers', `${LEARN}/network-requirements/ports-and-protocols`),
  page(PAGE.sfbDns, SFB, 'DNS requirements for Skype for Business Server', `${LEARN}/network-requirements/dns`),
  page(PAGE.sfbAdvancedDns, SFB, 'Advanced Edge Server DNS planning for Skype for Business Server', `${LEARN}/network-requirements/advanced-edge-server-dns`),
  page(PAGE.sfbXmpp, ['sfb2019'], 'Migrating XMPP federation', 'https://learn.microsoft.com/en-us/skypeforbusiness/migration/migrating-xmpp-federation'),
  page(PAGE.l13Internal, ['lync2013'], 'Lync Server 2013: Ports and protocols for internal servers', 'https://technet.microsoft.com/en-us/library/Gg398833(v=OCS.15)'),
  page(PAGE.l13SingleNat, ['lync2013'], 'Port summary - Single consolidated edge with private IP addresses using NAT', 'https://technet.microsoft.com/en-us/library/Gg425891(v=OCS.15)'),
  page(PAGE.l13SinglePublic, ['lync2013'], 'Port summary - Single consolidated edge with public IP addresses', 'https://technet.microsoft.com/en-us/library/JJ204756(v=OCS.15)'),
  page(PAGE.l13ScaledNat, ['lync2013'], 'Lync Server 2013: Port summary - Scaled consolidated edge, DNS load balancing with private IP addresses using NAT', 'https://technet.microsoft.com/en-us/library/Gg412756(v=OCS.15)'),
  page(PAGE.l13ReverseProxy, ['lync2013'], 'Lync Server 2013: Port summary - Reverse proxy', 'https://technet.microsoft.com/en-us/library/JJ204932(v=OCS.15)'),
  page(PAGE.l13DnsSingleNat, ['lync2013'], 'DNS summary - Single consolidated edge with private IP addresses using NAT', 'https://technet.microsoft.com/en-us/library/Gg412787(v=OCS.15)'),
  page(PAGE.l13DnsScaledNat, ['lync2013'], 'Lync Server 2013: DNS summary - Scaled consolidated edge, DNS load balancing with private IP addresses using NAT', 'https://technet.microsoft.com/en-us/library/Gg398201(v=OCS.15)'),
  page(PAGE.l13DnsReverseProxy, ['lync2013'], 'Lync Server 2013: DNS summary - Reverse proxy', 'https://technet.microsoft.com/en-us/library/JJ204781(v=OCS.15)'),
  page(PAGE.l13CertSingleNat, ['lync2013'], 'Lync Server 2013: Certificate summary - Single consolidated edge with private IP addresses using NAT', 'https://technet.microsoft.com/en-us/library/Gg398519(v=OCS.15)'),
  page(PAGE.l13CertScaledNat, ['lync2013'], 'Lync Server 2013: Certificate summary - Scaled consolidated edge, DNS load balancing with private IP addresses using NAT', 'https://technet.microsoft.com/en-us/library/Gg425921(v=OCS.15)'),
];
