// The renderers by `--target` name. Add a target by appending its renderer to RENDERERS.
import { haproxyRenderer } from './haproxy.ts';
import { ip6tablesRenderer, iptablesRenderer } from './iptables.ts';
import { nftablesRenderer } from './nftables.ts';
import { windowsRenderer } from './windows.ts';
import { ciscoAsaRenderer } from './cisco-asa.ts';
import { awsRenderer } from './aws.ts';
import { azureRenderer } from './azure.ts';
import { checkpointRenderer } from './checkpoint.ts';
import { fortigateRenderer } from './fortigate.ts';
import { junosRenderer } from './junos.ts';
import { panosRenderer } from './panos.ts';
import { pfsenseRenderer } from './pfsense.ts';
import type { Renderer } from './types.ts';

export const RENDERERS: Renderer[] = [
  nftablesRenderer, iptablesRenderer, ip6tablesRenderer, haproxyRenderer,
  windowsRenderer, ciscoAsaRenderer, awsRenderer, azureRenderer, panosRenderer, junosRenderer, fortigateRenderer, checkpointRenderer, pfsenseRenderer,
];

export function findRenderer(target: string): Renderer | undefined {
  return RENDERERS.find((r) => r.target === target);
}

export function rendererTargets(): string[] {
  return RENDERERS.map((r) => r.target);
}
