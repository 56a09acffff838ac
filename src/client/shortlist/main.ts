/**
 * The shortlist: case ids kept in the browser's localStorage. Case pages get an "Add to shortlist"
 * button; the shortlist page shows the kept list (or, when its address names cases, that shared
 * list, which it keeps) and points its CSV and brief links at the same ids.
 */
const KEY = 'pathway-atlas-shortlist';

function read(): string[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string' && /^[a-z0-9-]{1,200}$/.test(x)) : [];
  } catch {
    return [];
  }
}

function write(ids: string[]): void {
  localStorage.setItem(KEY, JSON.stringify([...new Set(ids)].slice(0, 100)));
}

function label(button: HTMLButtonElement, on: boolean): void {
  button.textContent = on ? 'Remove from shortlist' : 'Add to shortlist';
  button.setAttribute('aria-pressed', String(on));
}

function start(): void {
  const page = document.getElementById('shortlist');
  if (page) {
    const shared = (page.dataset.ids ?? '').split(',').filter(Boolean);
    const kept = read();
    // A shared address names its cases: they become the kept list. A bare /shortlist shows the kept one.
    if (shared.length) write(shared);
    else if (kept.length) {
      window.location.replace(`/shortlist?ids=${kept.join(',')}`);
      return;
    }
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.shortlist-toggle')) {
    const id = button.dataset.caseId!;
    label(button, read().includes(id));
    button.hidden = false;
    button.addEventListener('click', () => {
      const ids = read();
      const on = !ids.includes(id);
      write(on ? [...ids, id] : ids.filter((x) => x !== id));
      label(button, on);
      if (page && !on) {
        const rest = read();
        window.location.replace(rest.length ? `/shortlist?ids=${rest.join(',')}` : '/shortlist?ids=');
      }
    });
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a.shortlist-link')) {
    const ids = read();
    link.textContent = `Shortlist (${ids.length})`;
    link.href = ids.length ? `/shortlist?ids=${ids.join(',')}` : '/shortlist';
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
