// HAProxy: the hardware load balancer's pools, rendered only.
import { haproxyRenderer } from '../render/haproxy.ts';
import type { Platform } from './types.ts';

export const haproxy: Platform = {
  name: 'haproxy',
  title: 'HAProxy (the load balancer\'s pools; not read back)',
  docs: 'docs/targets/haproxy.md',
  renderers: [haproxyRenderer],
  readers: [],
  options: [],
};
