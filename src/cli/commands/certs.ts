// `portolan certs TOPOLOGY [--format table|openssl|certreq|json] [--certificate NAME]`: the
// certificates per interface. Request formats print one certificate: the one named, or the external
// edge certificate (the one bought from a public CA).
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.ts';
import type { Command } from '../command.ts';
import { jsonDocument } from '../json.ts';
import type { Io } from '../io.ts';
import { formatCertreq } from '../../certs/format-certreq.ts';
import { formatCertJson } from '../../certs/format-json.ts';
import { formatOpenssl } from '../../certs/format-openssl.ts';
import { formatCertTable } from '../../certs/format-table.ts';
import { certificates, type CertificatePlan } from '../../certs/plan.ts';
import type { Topology } from '../../topology/model.ts';
import { loadTopologyInput, TOPOLOGY_HELP, TOPOLOGY_OPTIONS, withTopologyInput, type TopologyInputOptions } from '../topology-input.ts';

const FORMATS = ['table', 'openssl', 'certreq', 'json'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `usage: portolan certs TOPOLOGY [--format table|openssl|certreq|json] [--certificate NAME]

The certificates the topology needs, per interface: subject, subject alternative names, key usage,
extended key usage and what each is assigned to. External edge: Access Edge, Web Conferencing Edge
and A/V Authentication, one certificate and key shared by every node of the pool. Internal edge:
subject name only. Reverse proxy: the published web names.

options:
  --format F          table (default), openssl (an 'openssl req -config' file), certreq (a Windows
                      certreq INF), json
  --certificate NAME  one certificate: edge-external, edge-internal, reverse-proxy (with several
                      edge pools: edge-external-POOL, edge-internal-POOL). Without it, openssl and
                      certreq print the external edge certificate.

  openssl req -new -config edge-external.cnf -batch -newkey rsa:2048 -nodes -keyout edge.key -out edge.csr
  certreq -new edge-external.inf edge-external.req

${TOPOLOGY_HELP}
`;

export interface CertsOptions {
  file: string;
  format: Format;
  certificate?: string;
  /** --overlay, --resolve, --resolver. */
  input?: TopologyInputOptions;
}

export function parseCertsArgs(args: string[]): CertsOptions {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...TOPOLOGY_OPTIONS, format: { type: 'string' }, certificate: { type: 'string' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('certs takes exactly one TOPOLOGY file');
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  return { file: positionals[0]!, ...withTopologyInput(values), format, certificate: values.certificate };
}

function select(certs: CertificatePlan[], o: Pick<CertsOptions, 'format' | 'certificate'>): CertificatePlan[] {
  if (o.certificate !== undefined) {
    const c = certs.find((x) => x.name === o.certificate);
    if (!c) throw new UsageError(`no certificate '${o.certificate}'; this topology has: ${certs.map((x) => x.name).join(', ') || 'none'}`);
    return [c];
  }
  if (o.format === 'openssl' || o.format === 'certreq') {
    const ext = certs.find((x) => x.interface === 'edge-external');
    if (!ext) throw new UsageError(`the topology has no edge pool; name a certificate with --certificate (${certs.map((x) => x.name).join(', ') || 'none'})`);
    return [ext];
  }
  return certs;
}

/** The command's output for a loaded topology (pure). */
export function renderCerts(t: Topology, o: Pick<CertsOptions, 'format' | 'certificate'>, width?: number): string {
  const chosen = select(certificates(t), o);
  switch (o.format) {
    case 'openssl': return formatOpenssl(chosen[0]!);
    case 'certreq': return formatCertreq(chosen[0]!);
    case 'json': return jsonDocument('certs', formatCertJson(chosen));
    default: return formatCertTable(chosen, width);
  }
}

export const certsCommand: Command = {
  name: 'certs',
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const o = parseCertsArgs(args);
    const t = await loadTopologyInput(o.file, o.input);
    io.stdout(renderCerts(t, o, io.columns));
    return 0;
  },
};

export default certsCommand;
