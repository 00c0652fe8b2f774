// The planner's page: a CodeMirror 6 YAML editor on the left, the views on the right. Every
// edit is sent to the local server, which runs the CLI's pipeline and answers with the flows,
// findings, DNS, certificates and the diagram; nothing here recomputes them.
import { autocompletion } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { schemaCompletion, type Schema } from './complete.ts';

interface Problem { line: number; col: number; message: string }
interface FlowRow {
  firewall: string; direction: string; role: string; source: string; sourcePort: string; destination: string; destinationPort: string;
  transport: string; application: string; requirement: string; notes: string[]; from: string; to: string;
  citations: { text: string; document: string; url?: string }[];
}
interface Analysis {
  ok: boolean; errors: Problem[]; name?: string | null; firewalls?: string[]; flows?: FlowRow[];
  findings?: { severity: string; rule: string; message: string; line: number; col: number; citation: string }[];
  dns?: string; dnsFindings?: { severity: string; rule: string; message: string }[]; certificates?: string; diagram?: string;
}
interface Session { file: string | null; text: string; digest: string; canSave: boolean; version: string; schema: Schema; targets: string[]; platforms: string[]; firewalls: string[] }

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = (tag: string, text?: string, cls?: string) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const type = r.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`${r.status} ${(await r.text()).trim()}`);
  return (await r.json()) as T;
}

function status(text: string): void { $('status').textContent = text; }

function options(select: HTMLSelectElement, values: string[], keep = true): void {
  const was = select.value;
  const fixed = [...select.querySelectorAll('option[value=""]')];
  select.replaceChildren(...fixed, ...values.map((v) => { const o = el('option', v) as HTMLOptionElement; o.value = v; return o; }));
  if (keep && [...select.options].some((o) => o.value === was)) select.value = was;
}

/** Shows an SVG the server drew (our own markup: nodes and text escaped server-side). */
function showSvg(container: HTMLElement, svg: string): void {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.querySelector('parsererror')) { container.textContent = 'the diagram could not be read'; return; }
  container.replaceChildren(document.importNode(root, true));
  container.classList.remove('stale');
}

let session: Session;
let last: Analysis | undefined;
let view: EditorView;
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function problems(list: Problem[]): void {
  const doc = view.state.doc;
  const diags: Diagnostic[] = list.map((p) => {
    const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(p.col - 1, 0), line.to);
    return { from, to: Math.max(from, Math.min(line.to, from + 1) === from ? from : line.to), severity: 'error', message: p.message };
  });
  view.dispatch(setDiagnostics(view.state, diags));
  $('problems').replaceChildren(...list.map((p) => {
    const li = el('li', `${p.line}:${p.col}: ${p.message.replace(/^[^\s]+:\d+:\d+: /, '')}`);
    li.dataset.line = String(p.line);
    li.dataset.col = String(p.col);
    li.addEventListener('click', () => { const l = doc.line(Math.min(p.line, doc.lines)); view.dispatch({ selection: { anchor: Math.min(l.from + p.col - 1, l.to) }, scrollIntoView: true }); view.focus(); });
    return li;
  }));
}

function flowsTable(): void {
  const rows = last?.flows ?? [];
  const fw = ($('filter-firewall') as HTMLSelectElement).value, role = ($('filter-role') as HTMLSelectElement).value;
  const port = Number(($('filter-port') as HTMLInputElement).value.trim() || NaN);
  const inPort = (spec: string) => spec.split(' ').some((s) => { if (s === 'Any') return true; const [a, b] = s.split('-').map(Number); return port >= a && port <= (b ?? a); });
  const shown = rows.filter((r) => (!fw || r.firewall === fw) && (!role || r.role === role) && (Number.isNaN(port) || inPort(r.destinationPort) || inPort(r.sourcePort)));
  $('flows').querySelector('tbody')!.replaceChildren(...shown.map((r) => {
    const tr = el('tr');
    tr.dataset.firewall = r.firewall;
    tr.dataset.requirement = r.requirement;
    for (const c of [r.firewall, r.direction, r.role, r.source, r.sourcePort, r.destination, r.destinationPort, r.transport, r.application]) tr.append(el('td', c));
    const cite = el('td');
    r.citations.forEach((c, i) => {
      if (i) cite.append('; ');
      if (c.url) { const a = el('a', c.text) as HTMLAnchorElement; a.href = c.url; a.target = '_blank'; a.rel = 'noopener noreferrer'; cite.append(a); } else cite.append(c.text);
    });
    cite.title = r.notes.join(' ');
    tr.append(cite);
    return tr;
  }));
  $('flow-count').textContent = `${shown.length} of ${rows.length} flows`;
}

function showAnalysis(a: Analysis): void {
  problems(a.errors);
  if (!a.ok) { $('diagram').classList.add('stale'); status(`${a.errors.length} error(s)`); return; }
  last = a;
  showSvg($('diagram'), a.diagram!);
  options($('filter-firewall') as HTMLSelectElement, a.firewalls!);
  options($('filter-role') as HTMLSelectElement, [...new Set(a.flows!.map((f) => f.role))].sort());
  options($('config-firewall') as HTMLSelectElement, a.firewalls!);
  flowsTable();
  $('findings').querySelector('tbody')!.replaceChildren(...a.findings!.map((f) => {
    const tr = el('tr');
    tr.append(el('td', f.severity, f.severity), el('td', f.rule), el('td', f.message), el('td', `${f.line}:${f.col}`), el('td', f.citation));
    return tr;
  }));
  $('dns').textContent = a.dns!;
  $('dns-findings').replaceChildren(...a.dnsFindings!.map((f) => el('li', `${f.severity} ${f.rule}: ${f.message}`, f.severity)));
  $('certs').textContent = a.certificates!;
  status(`${a.flows!.length} flows${a.findings!.length ? `, ${a.findings!.length} finding(s)` : ''}`);
}

async function analyse(): Promise<void> {
  const mine = ++seq;
  const a = await post<Analysis>('/api/analyse', { text: view.state.doc.toString() });
  if (mine === seq) { showAnalysis(a); document.body.dataset.analysed = String(mine); }
}

function changed(): void {
  clearTimeout(timer);
  status('…');
  timer = setTimeout(() => { analyse().catch((e: Error) => status(e.message)); }, 250);
}

let rendered: { name: string; content: string } | undefined;
async function renderConfig(): Promise<void> {
  const r = await post<{ ok: boolean; files?: { name: string; content: string }[]; skipped?: { firewall: string; reason: string }[]; errors?: Problem[] }>('/api/render', {
    text: view.state.doc.toString(), target: ($('target') as HTMLSelectElement).value, firewall: ($('config-firewall') as HTMLSelectElement).value,
    outside: ($('outside') as HTMLInputElement).value.trim(), inside: ($('inside') as HTMLInputElement).value.trim(),
  });
  const fw = ($('config-firewall') as HTMLSelectElement).value;
  rendered = r.ok ? r.files?.[0] : undefined;
  $('config-output').textContent = r.ok ? (r.files ?? []).map((f) => (r.files!.length > 1 ? `# ${f.name}\n${f.content}` : f.content)).join('\n') : r.errors!.map((e) => e.message).join('\n');
  const skip = r.skipped?.find((s) => s.firewall === fw);
  $('config-note').textContent = !r.ok ? 'not rendered' : skip ? `not rendered: ${skip.reason}` : rendered ? `${rendered.name}${r.files!.length > 1 ? ` (+${r.files!.length - 1} more)` : ''}` : '';
  ($('copy-btn') as HTMLButtonElement).disabled = !rendered;
  ($('download-btn') as HTMLButtonElement).disabled = !rendered;
}

function download(name: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain' }));
  const a = el('a') as HTMLAnchorElement;
  a.href = url; a.download = name;
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function runAudit(): Promise<void> {
  const r = await post<{ ok: boolean; clean?: boolean; errors?: Problem[]; diagram?: string; verdicts?: (FlowRow & { verdict: string; policy: string })[]; overPermissive?: { policy: string; risk: string; reasons: string[]; rule: string }[]; unaudited?: FlowRow[] }>('/api/audit', {
    text: view.state.doc.toString(), config: ($('audit-config') as HTMLTextAreaElement).value,
    platform: ($('audit-platform') as HTMLSelectElement).value, firewall: ($('audit-firewall') as HTMLSelectElement).value,
  });
  const body = $('audit-table').querySelector('tbody')!;
  if (!r.ok) { $('audit-summary').textContent = r.errors!.map((e) => e.message).join('; '); body.replaceChildren(); $('audit-diagram').replaceChildren(); $('audit-over').replaceChildren(); return; }
  const bad = r.verdicts!.filter((v) => v.verdict !== 'allowed');
  const high = r.overPermissive!.filter((o) => o.risk === 'high').length;
  $('audit-summary').textContent = `${r.verdicts!.length} required flow(s) checked: ${bad.length} not fully allowed; ${r.overPermissive!.length} over-permission(s)${high ? ` (${high} high risk)` : ''}${r.unaudited!.length ? `; ${r.unaudited!.length} not seen by any filter` : ''}.`;
  body.replaceChildren(...[...bad, ...r.verdicts!.filter((v) => v.verdict === 'allowed')].map((v) => {
    const tr = el('tr', undefined, v.verdict);
    tr.dataset.requirement = v.requirement;
    for (const c of [v.verdict, v.role, v.source, v.destination, v.destinationPort, v.transport, v.application, v.citations.map((c) => c.text).join('; ')]) tr.append(el('td', c));
    return tr;
  }));
  $('audit-over').replaceChildren(...r.overPermissive!.map((o) => el('li', `${o.risk} (${o.policy}, ${o.rule}): ${o.reasons.join('; ')}`, o.risk === 'high' ? 'error' : 'warning')));
  showSvg($('audit-diagram'), r.diagram!);
}

async function save(): Promise<void> {
  const text = view.state.doc.toString();
  const r = await fetch('/api/save', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, digest: session.digest }) });
  const j = (await r.json()) as { ok: boolean; digest?: string; reason?: string };
  if (j.ok) { session.digest = j.digest!; status(`saved ${session.file}`); } else status(`not saved: ${j.reason}`);
}

function tabs(): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('nav [data-tab]')) {
    b.addEventListener('click', () => {
      for (const o of document.querySelectorAll<HTMLButtonElement>('nav [data-tab]')) {
        o.setAttribute('aria-selected', String(o === b));
        $(`tab-${o.dataset.tab}`).hidden = o !== b;
      }
    });
  }
}

async function start(): Promise<void> {
  session = await (await fetch('/api/session')).json() as Session;
  $('file').textContent = session.file ?? '(new topology: not saved)';
  ($('save-btn') as HTMLButtonElement).disabled = !session.canSave;
  options($('target') as HTMLSelectElement, session.targets);
  options($('audit-platform') as HTMLSelectElement, session.platforms);
  options($('audit-firewall') as HTMLSelectElement, session.firewalls);
  view = new EditorView({
    doc: session.text,
    parent: $('editor'),
    extensions: [
      basicSetup, yaml(), lintGutter(),
      autocompletion({ override: [schemaCompletion(() => session.schema)] }),
      EditorView.updateListener.of((u) => { if (u.docChanged) changed(); }),
    ],
  });
  tabs();
  for (const id of ['filter-firewall', 'filter-role']) $(id).addEventListener('change', flowsTable);
  $('filter-port').addEventListener('input', flowsTable);
  $('fit').addEventListener('change', () => $('diagram').classList.toggle('fit', ($('fit') as HTMLInputElement).checked));
  $('render-btn').addEventListener('click', () => { renderConfig().catch((e: Error) => status(e.message)); });
  $('copy-btn').addEventListener('click', () => { if (rendered) navigator.clipboard.writeText(rendered.content).then(() => status('copied'), () => status('the browser refused the clipboard')); });
  $('download-btn').addEventListener('click', () => { if (rendered) download(rendered.name, rendered.content); });
  $('audit-btn').addEventListener('click', () => { runAudit().catch((e: Error) => status(e.message)); });
  $('audit-file').addEventListener('change', () => {
    const f = ($('audit-file') as HTMLInputElement).files?.[0];
    if (f) f.text().then((t) => { ($('audit-config') as HTMLTextAreaElement).value = t; });
  });
  $('save-btn').addEventListener('click', () => { save().catch((e: Error) => status(e.message)); });
  await analyse();
}

start().catch((e: Error) => status(`cannot start: ${e.message}`));
