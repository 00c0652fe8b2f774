// What a probe found, in words that say what happened on the wire.

export type VerdictKind =
  | 'open' // TCP handshake completed
  | 'refused' // RST: host reachable, nothing listening
  | 'filtered' // no answer before the timeout: something dropped it
  | 'unreachable' // ICMP unreachable / no route
  | 'answered' // the application protocol answered as expected
  | 'protocol-error' // something answered, but not the protocol expected (or an error status)
  | 'tls-error' // the TLS handshake failed
  | 'wrong-certificate' // TLS worked but the certificate does not match the expected names
  | 'expired-certificate'
  | 'credentials-rejected' // TURN long-term credentials rejected (still proves the path)
  | 'no-answer' // UDP: nothing came back (not proof of a block)
  | 'missing-record' // DNS: the expected record is absent
  | 'mismatch' // DNS: the record exists but differs from what the topology needs
  | 'error'; // local error (bad input, socket error we could not classify)

export interface Verdict {
  kind: VerdictKind;
  /** Does this result prove the network path (the firewall let it through)? */
  pathOpen: boolean | 'unknown';
  /** Does the service behave as the deployment needs? */
  ok: boolean;
  /** One line for people. */
  summary: string;
  /** Evidence: timings, protocol versions, status lines, certificate names, … */
  evidence: Record<string, unknown>;
  elapsedMs: number;
}
