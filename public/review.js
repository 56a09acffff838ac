// The review page at reading speed: each decision is saved as it is made (a reload loses nothing),
// and the keyboard moves through the proposals: j/k next and previous, a accept, r reject, e edit,
// u only the undecided. Without this script the page's form still saves and commits.
const form = document.querySelector('form.review-form[data-batch]');
if (form) {
  const batch = form.dataset.batch;
  const csrf = form.querySelector('input[name="_csrf"]')?.value ?? '';
  const items = () => [...form.querySelectorAll('li.proposal[data-proposal]')].filter((li) => li.querySelector('fieldset.decision'));
  let current = null;
  let saving = Promise.resolve();

  const select = (li) => {
    if (!li) return;
    current?.classList.remove('current');
    current = li;
    li.classList.add('current');
    li.focus({ preventScroll: true });
    li.scrollIntoView({ block: 'nearest' });
  };
  const step = (by) => {
    const list = items();
    const at = current ? list.indexOf(current) : -1;
    select(list[Math.min(list.length - 1, Math.max(0, at + by))]);
  };
  const nextUndecided = () => {
    const list = items();
    const at = current ? list.indexOf(current) : -1;
    const next = list.slice(at + 1).find((li) => li.classList.contains('status-pending'));
    select(next ?? list[Math.min(list.length - 1, at + 1)]);
  };

  const decisionOf = (li, value) => {
    const proposal = li.dataset.proposal;
    if (value === 'accept' || value === 'reject') return { proposal, action: value };
    if (value === 'new' && li.dataset.newFields) return { proposal, action: 'edit', fields: JSON.parse(li.dataset.newFields) };
    return null;
  };

  const save = (li, value) => {
    const state = li.querySelector('.save-state');
    const decision = decisionOf(li, value);
    if (!decision) {
      if (state) state.textContent = 'Kept on this page only: a saved decision is changed by accepting or rejecting.';
      return;
    }
    if (state) state.textContent = 'Saving…';
    li.dataset.saving = 'true';
    saving = saving.then(async () => {
      try {
        const res = await fetch(`/api/ingest/${batch}/decisions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
          credentials: 'same-origin',
          body: JSON.stringify({ decisions: [decision] }),
        });
        if (!res.ok) {
          const problem = await res.json().catch(() => ({}));
          throw new Error(problem.detail || `the server answered ${res.status}`);
        }
        li.classList.remove('status-pending', 'status-accepted', 'status-rejected', 'status-edited');
        li.classList.add(value === 'reject' ? 'status-rejected' : value === 'new' ? 'status-edited' : 'status-accepted');
        const tag = li.querySelector('.status-tag');
        if (tag) tag.textContent = value === 'reject' ? 'rejected' : 'accepted';
        if (state) state.textContent = 'Saved';
      } catch (err) {
        if (state) state.textContent = `Not saved: ${err.message}`;
      } finally {
        delete li.dataset.saving;
      }
    });
  };

  form.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'radio' || !input.name.startsWith('d_')) return;
    const li = input.closest('li.proposal');
    if (li) save(li, input.value);
  });
  form.addEventListener('focusin', (event) => {
    const li = event.target.closest?.('li.proposal[data-proposal]');
    if (li && li !== current && li.querySelector('fieldset.decision')) {
      current?.classList.remove('current');
      current = li;
      li.classList.add('current');
    }
  });

  const choose = (value) => {
    if (!current) return;
    const radio = current.querySelector(`input[type="radio"][value="${value}"]`);
    if (!radio) return;
    if (!radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event('change', { bubbles: true }));
    }
    nextUndecided();
  };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const t = event.target;
    if (
      t instanceof HTMLElement &&
      (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) &&
      !(t instanceof HTMLInputElement && t.type === 'radio')
    )
      return;
    const actions = {
      j: () => step(1),
      k: () => step(-1),
      a: () => choose('accept'),
      r: () => choose('reject'),
      e: () => current?.querySelector('button[name="edit"]')?.click(),
      u: () => {
        const url = new URL(location.href);
        if (url.searchParams.get('show') === 'undecided') url.searchParams.delete('show');
        else url.searchParams.set('show', 'undecided');
        url.searchParams.delete('notice');
        location.assign(url.toString());
      },
    };
    const act = actions[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });

  // Start at the first undecided proposal, or the one the address names.
  const named = location.hash.startsWith('#p-') ? document.getElementById(location.hash.slice(1)) : null;
  select(named ?? items().find((li) => li.classList.contains('status-pending')) ?? items()[0]);
  window.pathwayAtlasReview = { pending: () => saving };
}
