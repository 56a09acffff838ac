/**
 * A node field that takes a name or an id: as the user types, the nodes whose names start with the
 * words typed are offered in a list (the WAI-ARIA combobox pattern: arrow keys move through it,
 * Enter picks, Escape closes), the nodes in view first. The field remembers the id of the node
 * picked; `resolve()` gives the id of what the field holds, asking the atlas when it was typed.
 */
import { ExplorerController } from '../controller.js';
import { ID_PATTERN } from '../state.js';
import type { GraphSource, SearchHit } from '../types.js';
import { clear, el } from './dom.js';

const DEBOUNCE_MS = 150;
const MAX_OPTIONS = 8;

export interface NodeChoice {
  id: string;
  name: string;
  kind: string;
}

export class NodeField {
  private readonly list: HTMLUListElement;
  private options: NodeChoice[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private request = 0;
  private picked: NodeChoice | null = null;

  constructor(
    readonly input: HTMLInputElement,
    private readonly controller: ExplorerController,
    private readonly api: GraphSource,
  ) {
    const listId = `${input.id}-options`;
    this.list = el('ul', {
      id: listId,
      class: 'ex-options',
      role: 'listbox',
      'aria-label': `Nodes named like the text of ${input.labels?.[0]?.textContent?.trim() || input.name}`,
    });
    this.list.hidden = true;
    input.after(this.list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.addEventListener('input', () => {
      this.picked = null;
      input.removeAttribute('aria-invalid');
      this.schedule();
    });
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    // A press on an option must not blur the field before the click picks it.
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
  }

  /** Puts a node in the field (a search hit, the selected node, a shared URL). */
  set(id: string, name = this.controller.labelOf(id), kind = String(this.controller.nodeData(id)?.kind ?? '')): void {
    this.picked = { id, name, kind };
    this.input.value = name;
    this.input.removeAttribute('aria-invalid');
    this.close();
  }

  clear(): void {
    this.picked = null;
    this.input.value = '';
    this.close();
  }

  /**
   * The id of the node the field names: the one picked, else the best match of the text typed (an
   * id typed in full, else the first name starting with it); null when the atlas knows none.
   */
  async resolve(): Promise<NodeChoice | null> {
    const text = this.input.value.trim();
    if (!text) return null;
    if (this.picked && this.picked.name === text) return this.picked;
    const hits = await this.find(text);
    const exact = hits.find((h) => h.id === text) ?? hits.find((h) => h.name.toLowerCase() === text.toLowerCase());
    const best = exact ?? hits[0];
    if (best) {
      this.set(best.id, best.name, best.kind);
      return best;
    }
    return ID_PATTERN.test(text) && this.controller.has(text) ? { id: text, name: this.controller.labelOf(text), kind: '' } : null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.suggest(), DEBOUNCE_MS);
  }

  /** The nodes in view whose names start with the words typed, then the atlas's answers. */
  private async find(text: string): Promise<NodeChoice[]> {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const local = this.controller
      .visibleNodes()
      .filter((n) => n.kind !== 'group')
      .filter((n) => {
        const own = `${n.label} ${n.id}`.toLowerCase().split(/[^\p{L}\p{N}.]+/u);
        return words.every((w) => own.some((o) => o.startsWith(w)));
      })
      .map((n) => ({ id: n.id, name: n.label, kind: n.kind }));
    let remote: NodeChoice[] = [];
    try {
      remote = (await this.api.names(text, MAX_OPTIONS)).hits.map((h: SearchHit) => ({ id: h.id, name: h.name || h.id, kind: h.kind }));
    } catch {
      // Offline or refused: the nodes in view still answer.
    }
    const seen = new Set<string>();
    return [...local, ...remote].filter((c) => !seen.has(c.id) && seen.add(c.id)).slice(0, MAX_OPTIONS);
  }

  private async suggest(): Promise<void> {
    const text = this.input.value.trim();
    const request = ++this.request;
    if (!text) return this.close();
    const options = await this.find(text);
    if (request !== this.request || document.activeElement !== this.input) return;
    this.show(options);
  }

  private show(options: NodeChoice[]): void {
    this.options = options;
    this.active = -1;
    clear(this.list);
    options.forEach((o, i) => {
      const item = el(
        'li',
        { id: `${this.list.id}-${i}`, role: 'option', class: 'ex-option', 'aria-selected': 'false', 'data-id': o.id },
        el('span', { text: o.name }),
        ' ',
        el('span', { class: 'ex-option-kind', text: `(${ExplorerController.kindLabel(o.kind)})` }),
      );
      item.addEventListener('click', () => this.choose(i));
      this.list.append(item);
    });
    if (!options.length)
      this.list.append(el('li', { class: 'ex-option ex-muted', role: 'option', 'aria-disabled': 'true', text: 'No node has that name.' }));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.input.removeAttribute('aria-activedescendant');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  private move(step: number): void {
    if (!this.options.length) return;
    this.active = (this.active + step + this.options.length) % this.options.length;
    [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    const item = this.list.children[this.active] as HTMLElement | undefined;
    if (item) {
      this.input.setAttribute('aria-activedescendant', item.id);
      item.scrollIntoView({ block: 'nearest' });
    }
  }

  private choose(i: number): void {
    const o = this.options[i];
    if (o) this.set(o.id, o.name, o.kind);
  }

  private onKey(e: KeyboardEvent): void {
    const open = !this.list.hidden;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) void this.suggest();
      else this.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter' && open && this.active >= 0) {
      e.preventDefault();
      this.choose(this.active);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    }
  }
}
