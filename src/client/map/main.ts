/**
 * Draws the atlas's maps offline: Natural Earth countries (world-atlas TopoJSON, served by the site)
 * projected with d3-geo, and one point per place read from the page's JSON. The world map colours
 * each point by its cases' first pathway or goal and lists a point's cases when it is chosen; the
 * small maps of case and place pages frame their own points.
 */
import { geoCircle, geoEqualEarth, geoGraticule10, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';

interface MapCase {
  id: string;
  name: string;
  year?: number | null;
  pathways: number[];
  goals: number[];
}
interface MapPlace {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** A country drawn at its centre. */
  approximate?: boolean;
  sizeBand?: string | null;
  cases: MapCase[];
}
interface MapData {
  places: MapPlace[];
  goalColours?: Record<string, string>;
}

const SVG = 'http://www.w3.org/2000/svg';
const WORLD_URL = '/static/vendor/world-atlas/countries-110m.json';
/** Fifteen distinguishable colours for the pathways (Tableau 10 and five more). */
const PATHWAY_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
];

/** world-atlas's countries file: a TopoJSON topology with one object, the countries. */
type WorldTopology = Parameters<typeof feature>[0] & { objects: { countries: Parameters<typeof feature>[1] } };

let world: Promise<GeoPermissibleObjects> | undefined;
function loadWorld(): Promise<GeoPermissibleObjects> {
  world ??= fetch(WORLD_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`the world map answered ${r.status}`);
      return r.json() as Promise<WorldTopology>;
    })
    .then((topo) => feature(topo, topo.objects.countries) as GeoPermissibleObjects);
  return world;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function colourOf(place: MapPlace, by: 'pathway' | 'goal', goalColours: Record<string, string>): string {
  for (const c of place.cases) {
    if (by === 'pathway' && c.pathways.length) return PATHWAY_COLOURS[(c.pathways[0]! - 1) % PATHWAY_COLOURS.length]!;
    if (by === 'goal' && c.goals.length) return goalColours[String(c.goals[0])] ?? '#555';
  }
  return '#555';
}

function showDetail(target: HTMLElement | null, place: MapPlace): void {
  if (!target) {
    if (place.cases.length === 1) window.location.href = `/cases/${place.cases[0]!.id}`;
    else window.location.href = `/places/${place.id}`;
    return;
  }
  target.replaceChildren();
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = `/places/${place.id}`;
  a.textContent = place.name;
  h.append(a);
  const note = document.createElement('p');
  note.className = 'muted';
  note.textContent = 'The whole country, drawn at its centre.';
  const list = document.createElement('ul');
  for (const c of place.cases) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/cases/${c.id}`;
    link.textContent = c.name;
    li.append(link);
    list.append(li);
  }
  target.append(h, ...(place.approximate ? [note] : []), list);
  list.querySelector('a')?.focus();
}

/** The legend of the world map: the colour of each pathway or goal that colours a point. */
function drawLegend(target: HTMLElement | null, data: MapData, colourBy: 'pathway' | 'goal'): void {
  if (!target) return;
  const used = new Map<number, string>();
  for (const place of data.places) {
    const c = place.cases.find((x) => (colourBy === 'pathway' ? x.pathways.length : x.goals.length));
    if (!c) continue;
    const n = colourBy === 'pathway' ? c.pathways[0]! : c.goals[0]!;
    used.set(n, colourOf(place, colourBy, data.goalColours ?? {}));
  }
  target.replaceChildren();
  for (const [n, colour] of [...used].sort((a, b) => a[0] - b[0])) {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'map-swatch';
    swatch.style.background = colour;
    swatch.setAttribute('aria-hidden', 'true');
    li.append(swatch, colourBy === 'pathway' ? `Pathway ${n}` : `SDG ${n}`);
    target.append(li);
  }
}

async function draw(container: HTMLElement, data: MapData, colourBy: 'pathway' | 'goal'): Promise<void> {
  const mini = container.dataset.map === 'mini';
  const width = mini ? 320 : 960;
  const height = mini ? 200 : 500;
  const projection = geoEqualEarth();
  if (mini && data.places.length) {
    // Frame the points: a circle of a few degrees around each, so one point still shows its region.
    const circles = data.places.map((p) => geoCircle().center([p.lon, p.lat]).radius(6)());
    projection.fitExtent(
      [
        [8, 8],
        [width - 8, height - 8],
      ],
      { type: 'GeometryCollection', geometries: circles },
    );
  } else projection.fitSize([width, height], { type: 'Sphere' });
  const path = geoPath(projection);
  const svg = el('svg', {
    viewBox: `0 0 ${width} ${height}`,
    // A group, not an image: its points are buttons, and an image's parts are not announced.
    role: 'group',
    'aria-label': container.dataset.label ?? 'Map',
    class: 'atlas-map-svg',
  });
  svg.append(el('path', { d: path({ type: 'Sphere' }) ?? '', class: 'map-sphere' }));
  svg.append(el('path', { d: path(geoGraticule10()) ?? '', class: 'map-graticule' }));
  const land = el('path', { d: '', class: 'map-land' });
  svg.append(land);
  const points = el('g', { class: 'map-points' });
  const detail = document.getElementById('map-detail');
  for (const place of data.places) {
    const xy = projection([place.lon, place.lat]);
    if (!xy) continue;
    const r = mini ? 5 : Math.min(12, 4 + Math.sqrt(place.cases.length) * 2);
    const dot = el('circle', {
      cx: xy[0].toFixed(1),
      cy: xy[1].toFixed(1),
      r,
      fill: colourOf(place, colourBy, data.goalColours ?? {}),
      class: 'map-point',
      tabindex: 0,
      role: 'button',
      'data-place-id': place.id,
      'aria-label': `${place.name}: ${place.cases.length} case${place.cases.length === 1 ? '' : 's'}`,
    });
    const title = el('title', {});
    title.textContent = `${place.name} (${place.cases.length})`;
    dot.append(title);
    const open = () => showDetail(detail, place);
    dot.addEventListener('click', open);
    dot.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    points.append(dot);
  }
  svg.append(points);
  container.replaceChildren(svg);
  if (!mini) drawLegend(document.getElementById('map-legend'), data, colourBy);
  container.dataset.drawn = String(points.childElementCount);
  try {
    land.setAttribute('d', path(await loadWorld()) ?? '');
    container.dataset.land = 'drawn';
  } catch (err) {
    container.dataset.land = 'missing';
    console.error(err);
  }
}

function start(): void {
  const select = document.getElementById('map-colour') as HTMLSelectElement | null;
  for (const container of document.querySelectorAll<HTMLElement>('.atlas-map')) {
    const script = container.parentElement?.querySelector<HTMLScriptElement>('script.atlas-map-data');
    if (!script?.textContent) continue;
    const data = JSON.parse(script.textContent) as MapData;
    const redraw = () => void draw(container, data, (select?.value as 'pathway' | 'goal') ?? 'pathway');
    redraw();
    if (container.dataset.map === 'world') select?.addEventListener('change', redraw);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
