import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExplorerApi } from '../../src/client/explorer/api.js';
import { ExplorerController } from '../../src/client/explorer/controller.js';
import { parseState, serializeState } from '../../src/client/explorer/state.js';
import { startTestApp, type TestApp } from '../helpers/env.js';

// The explorer controller, headless, loading its data through the running app's JSON API.
// Its logic on hand-made payloads is tested in test/unit/explorer-controller.test.ts.

const controllers: ExplorerController[] = [];
afterEach(() => {
  while (controllers.length) controllers.pop()!.destroy();
});

describe('the explorer controller against the running app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when a shared URL is restored, then the neighbourhood, the expansion and the filters come back and serialise to the same URL', async () => {
    const c = new ExplorerController(new ExplorerApi(app.url));
    controllers.push(c);
    const url = 'node=pathway-12&expand=case-geestland-led-street-lighting&hideKinds=source&layout=concentric';
    await c.restore(parseState(url));
    expect(c.has('case-geestland-led-street-lighting')).toBe(true);
    expect(c.has('place-geestland')).toBe(true);
    expect(c.cy.nodes('[kind = "source"]').map((n) => n.hasClass('hidden-by-filter'))).not.toContain(false);
    expect(serializeState(c.getState())).toBe(url);
  });

  it('when a path is asked for, then its nodes and edges are highlighted and the rest fades', async () => {
    const c = new ExplorerController(new ExplorerApi(app.url));
    controllers.push(c);
    await c.restore(parseState('node=pathway-12'));
    await expect(c.findPath('place-geestland', 'sdg-12')).resolves.toBe(true);
    const lit = c.cy.elements('.highlighted');
    expect(lit.nodes().map((n) => n.id())).toEqual(expect.arrayContaining(['place-geestland', 'sdg-12']));
    expect(lit.edges().length).toBeGreaterThanOrEqual(lit.nodes().length - 1);
    expect(c.cy.elements('.faded').length).toBeGreaterThan(0);
    expect(c.getState().path).toEqual({ from: 'place-geestland', to: 'sdg-12' });
  });
});
