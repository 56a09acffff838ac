import type { ExGraph } from '../types.js';
import { elementType, isList, type Point, type Props, type Scalar, type Value } from '../values.js';

/**
 * GraphML for Gephi, Cytoscape desktop, yEd and NetworkX. Every property becomes a declared key:
 * integers as long, floats as double, booleans as boolean, everything else as string (temporals as
 * ISO text, lists joined with `|`, points as JSON). Nodes carry their labels as `:Entity:Place`
 * (the convention of Neo4j's APOC) and a `label` (the name) that Gephi shows; edges carry their
 * relationship type as `label`.
 */

// Characters XML 1.0 cannot hold at all become U+FFFD.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

type AttrType = 'boolean' | 'long' | 'double' | 'string';

function attrType(values: Value[]): AttrType {
  const types = new Set(values.map((v) => v.type));
  if (types.size !== 1) return 'string';
  const [t] = types;
  return t === 'int' ? 'long' : t === 'float' ? 'double' : t === 'boolean' ? 'boolean' : 'string';
}

function scalarText(t: string, v: Scalar): string {
  return t === 'point' ? JSON.stringify(v) : (v as Exclude<Scalar, Point>).toString();
}

function valueText(v: Value): string {
  const t = elementType(v.type);
  return isList(v.type) ? (v.value as Scalar[]).map((x) => scalarText(t, x)).join('|') : scalarText(t, v.value as Scalar);
}

interface Key {
  id: string;
  for: 'node' | 'edge';
  name: string;
  type: AttrType;
}

function declareKeys(owner: 'node' | 'edge', items: { props: Props }[], reserved: string[], prefix: string): Map<string, Key> {
  const names = [...new Set(items.flatMap((i) => Object.keys(i.props)))].sort();
  return new Map(
    names.map((name, i) => [
      name,
      {
        id: `${prefix}${i}`,
        for: owner,
        // a property named like a reserved key keeps its data under a distinct attribute name
        name: reserved.includes(name) ? `property.${name}` : name,
        type: attrType(items.flatMap((it) => (it.props[name] ? [it.props[name]] : []))),
      },
    ]),
  );
}

const keyLine = (k: Key) => `  <key id="${k.id}" for="${k.for}" attr.name="${xmlText(k.name)}" attr.type="${k.type}"/>\n`;
const dataLine = (key: string, text: string) => `      <data key="${key}">${xmlText(text)}</data>\n`;

function propsData(props: Props, keys: Map<string, Key>): string {
  return Object.entries(props)
    .map(([name, v]) => dataLine(keys.get(name)!.id, valueText(v)))
    .join('');
}

export function toGraphml(graph: ExGraph, meta: { exportedAt: string; description: string }): string {
  const nodeKeys = declareKeys('node', graph.nodes, ['labels', 'label'], 'n');
  const edgeKeys = declareKeys('edge', graph.relationships, ['label'], 'e');
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    `  <!-- ${xmlText(meta.description).replaceAll('--', '- -')}, exported ${meta.exportedAt} -->\n`,
    '  <key id="labels" for="node" attr.name="labels" attr.type="string"/>\n',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>\n',
    '  <key id="type" for="edge" attr.name="label" attr.type="string"/>\n',
    ...[...nodeKeys.values()].map(keyLine),
    ...[...edgeKeys.values()].map(keyLine),
    '  <graph id="pathway-atlas" edgedefault="directed">\n',
  ];
  for (const n of graph.nodes) {
    const display = n.props.name ?? n.props.title ?? n.props.code;
    out.push(
      `    <node id="${xmlText(n.key)}">\n`,
      dataLine('labels', n.labels.map((l) => `:${l}`).join('')),
      dataLine('label', display ? valueText(display) : n.key),
      propsData(n.props, nodeKeys),
      '    </node>\n',
    );
  }
  graph.relationships.forEach((r, i) => {
    out.push(
      `    <edge id="e${i + 1}" source="${xmlText(r.from)}" target="${xmlText(r.to)}">\n`,
      dataLine('type', r.type),
      propsData(r.props, edgeKeys),
      '    </edge>\n',
    );
  });
  out.push('  </graph>\n</graphml>\n');
  return out.join('');
}
