// Windows Firewall: PowerShell New-NetFirewallRule scripts for host firewalls, rendered only.
import { windowsRenderer } from '../render/windows.ts';
import type { Platform } from './types.ts';

export const windows: Platform = {
  name: 'windows',
  title: 'Windows Firewall (PowerShell; host firewalls; not read back)',
  docs: 'docs/targets/windows.md',
  renderers: [windowsRenderer],
  readers: [],
  options: ['profile'],
};
