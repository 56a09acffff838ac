/**
 * The side panel: details of the selected node (GET /api/nodes/:id), a link to its page and the
 * node's actions. Built with textContent only, so names such as `<img onerror=…>` show as text.
 * Focus moves into the panel when it opens; Escape or Close shuts it and gives focus back.
 */
import { ExplorerController } from '../controller.js';
import { relationWords } from '../relations.js';
import type { GraphSource, NodeDetails } from '../types.js';
import { byId, clear, el, safePath } from './dom.js';

const HIDDEN_PROPERTIES = new Set(['id', 'name', 'label', 'kind', 'embedding', 'nameFolded', 'searchText']);
/** Fields of GET /api/nodes/:id that are not properties of the node itself. */
const ENVELOPE = new Set(['url', 'degree', 'links', 'linksTruncated', 'sources', 'properties']);
const LONG_TEXT = new Set(['summary', 'description', 'text', 'title', 'note']);
const MAX_LINKS = 40;

function humanise(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(formatValue).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      // A cycle or a bigint inside: the object's own string form.
      return (value as { toString(): string }).toString();
    }
  }
  // A string, number, boolean, bigint, symbol or function.
  return (value as string | number | boolean | bigint | symbol | (() => unknown)).toString();
}

/** An external link only for http(s) addresses; anything else is shown as text. */
function externalLink(value: string, text = value): HTMLElement | string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:')
      return el('a', { href: u.href, rel: 'noopener noreferrer', target: '_blank', text });
  } catch {
    /* not a URL */
  }
  return text;
}

export class DetailsPanel {
  private readonly panel = byId<HTMLElement>('ex-panel');
  private readonly title = byId<HTMLHeadingElement>('ex-panel-title');
  private readonly kind = byId<HTMLElement>('ex-panel-kind');
  private readonly body = byId<HTMLElement>('ex-panel-body');
  private readonly link = byId<HTMLAnchorElement>('ex-panel-link');
  private current: string | null = null;
  private returnFocus: HTMLElement | null = null;
  private request = 0;

  constructor(
    private readonly controller: ExplorerController,
    private readonly api: GraphSource,
    private readonly onPathEnd: (end: 'from' | 'to', id: string) => void,
  ) {
    controller.bus.on('select', ({ id, origin }) => {
      if (id === null) {
        if (origin === 'canvas' || this.current) this.close(origin === 'canvas');
        return;
      }
      if (origin === 'canvas') this.open(id);
    });
    byId('ex-panel-close').addEventListener('click', () => this.close(true));
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close(true);
      }
    });
    // Escape anywhere on the page closes the panel too, unless a form field wants it.
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !this.current || this.panel.contains(e.target as Node)) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
      this.close(true);
    });
    byId('ex-panel-expand').addEventListener('click', () => {
      if (this.current) void controller.expand(this.current);
    });
    byId('ex-panel-hide').addEventListener('click', () => {
      if (!this.current) return;
      const id = this.current;
      this.close(true);
      controller.hide(id);
    });
    byId('ex-panel-remove').addEventListener('click', () => {
      if (!this.current) return;
      const id = this.current;
      this.close(true);
      controller.remove(id);
    });
    byId('ex-panel-path-from').addEventListener('click', () => this.current && onPathEnd('from', this.current));
    byId('ex-panel-path-to').addEventListener('click', () => this.current && onPathEnd('to', this.current));
  }

  isOpen(): boolean {
    return this.current !== null;
  }

  currentId(): string | null {
    return this.current;
  }

  /** Opens the panel on a node and moves focus to its heading. */
  open(id: string): void {
    const active = document.activeElement as HTMLElement | null;
    if (!this.current && active && !this.panel.contains(active)) this.returnFocus = active;
    this.current = id;
    const data = this.controller.nodeData(id);
    this.title.textContent = data?.label ?? id;
    this.kind.textContent = data ? this.kindText(data.kind, data) : '';
    this.setLink(data?.url);
    clear(this.body);
    this.body.append(el('p', { class: 'ex-muted', text: 'Loading details…' }));
    this.panel.hidden = false;
    this.panel.dataset.node = id;
    document.getElementById('explorer')?.classList.add('ex-panel-open');
    this.title.focus();
    const ticket = ++this.request;
    this.api.node(id).then(
      (details) => {
        if (ticket === this.request && this.current === id) this.render(details);
      },
      (err: unknown) => {
        if (ticket !== this.request || this.current !== id) return;
        clear(this.body);
        this.body.append(el('p', { class: 'ex-error', text: `The details could not be loaded: ${(err as Error).message}` }));
      },
    );
  }

  close(restoreFocus: boolean): void {
    if (!this.current && this.panel.hidden) return;
    this.current = null;
    this.request++;
    this.panel.hidden = true;
    delete this.panel.dataset.node;
    document.getElementById('explorer')?.classList.remove('ex-panel-open');
    const target = this.returnFocus;
    this.returnFocus = null;
    if (restoreFocus) {
      const fallback = document.getElementById('ex-node-list');
      (target && document.contains(target) ? target : fallback)?.focus();
    }
  }

  private kindText(kind: string, data: Record<string, unknown>): string {
    const parts = [ExplorerController.kindLabel(kind)];
    if (kind === 'pathway' && typeof data.transformation === 'string') parts.push(`${data.transformation} transformation`);
    if (typeof data.country === 'string') parts.push(data.country);
    return parts.join(' · ');
  }

  private setLink(url: unknown): void {
    const path = safePath(url);
    if (path) {
      this.link.href = path;
      this.link.hidden = false;
    } else {
      this.link.removeAttribute('href');
      this.link.hidden = true;
    }
  }

  private render(details: NodeDetails): void {
    this.title.textContent = details.name || details.id;
    const properties = details.properties ?? Object.fromEntries(Object.entries(details).filter(([k]) => !ENVELOPE.has(k)));
    this.kind.textContent = this.kindText(details.kind, { ...properties });
    this.setLink(details.url ?? this.controller.nodeData(details.id)?.url);
    clear(this.body);
    const dl = el('dl', { class: 'ex-props' });
    const entries = Object.entries(properties).filter(([k, v]) => !HIDDEN_PROPERTIES.has(k) && formatValue(v) !== '');
    entries.sort(([a], [b]) => (LONG_TEXT.has(a) ? 1 : 0) - (LONG_TEXT.has(b) ? 1 : 0) || a.localeCompare(b));
    for (const [key, value] of entries) {
      const text = formatValue(value);
      dl.append(el('dt', { text: humanise(key) }), el('dd', {}, /^https?:\/\//.test(text) ? externalLink(text) : text));
    }
    if (typeof details.degree === 'number') dl.append(el('dt', { text: 'Links' }), el('dd', { text: String(details.degree) }));
    dl.append(el('dt', { text: 'Id' }), el('dd', {}, el('code', { text: details.id })));
    this.body.append(dl);

    const links = details.links ?? [];
    if (links.length) {
      const shown = links.slice(0, MAX_LINKS);
      const list = el('ul', { class: 'ex-links' });
      for (const link of shown) {
        const name = link.node.name || link.node.id;
        const path = safePath(link.node.url);
        const words = relationWords(link.type, link.direction === 'in' ? details.kind : link.node.kind);
        const relation = link.direction === 'in' ? `← ${words}` : `${words} →`;
        list.append(
          el(
            'li',
            {},
            el('span', { class: 'ex-link-type', text: relation }),
            ' ',
            path ? el('a', { href: path, text: name }) : name,
            ' ',
            el('span', {
              class: 'ex-muted-inline',
              text: `(${ExplorerController.kindLabel(link.node.kind)}${link.basis === 'curated' ? ', curated' : ''})`,
            }),
          ),
        );
      }
      const more = links.length - shown.length + (details.linksTruncated ? 1 : 0);
      this.body.append(el('h3', { text: `Linked to (${details.degree ?? links.length})` }), list);
      if (more > 0) this.body.append(el('p', { class: 'ex-muted', text: 'More links are on its page.' }));
    }
    const sources = (details.sources ?? []).filter((src) => src && src.id);
    if (sources.length) {
      const list = el('ul', { class: 'ex-links' });
      for (const src of sources.slice(0, MAX_LINKS)) {
        const title = src.title || src.id;
        list.append(el('li', {}, src.url ? externalLink(String(src.url), title) : title, src.date ? ` (${src.date})` : ''));
      }
      this.body.append(el('h3', { text: 'Reported in' }), list);
    }
  }
}
