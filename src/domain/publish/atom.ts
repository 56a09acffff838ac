import { xmlText } from './xml.js';

/**
 * Atom (RFC 4287) documents of new and changed cases. Every entry has an id (the case's stable
 * address), a title, an updated time and an alternate link; the feed has an author, so no entry
 * needs one of its own.
 */

export interface AtomLink {
  href: string;
  rel?: string;
  type?: string;
  title?: string;
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published?: string;
  summary?: string;
  link: string;
  categories: { term: string; label: string; scheme: string }[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** The feed's own address (rel="self"), and the page it is the feed of (rel="alternate"). */
  self: string;
  alternate: string;
  author: string;
  /** When the feed last changed: its newest entry, or `fallback` when it has none. */
  fallback: string;
  entries: AtomEntry[];
}

const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${xmlText(value)}"`);

function link(l: AtomLink): string {
  return `<link${attr('rel', l.rel)}${attr('type', l.type)}${attr('href', l.href)}${attr('title', l.title)}/>`;
}

function entry(e: AtomEntry): string {
  return [
    '  <entry>',
    `    <id>${xmlText(e.id)}</id>`,
    `    <title type="text">${xmlText(e.title)}</title>`,
    `    <updated>${e.updated}</updated>`,
    ...(e.published ? [`    <published>${e.published}</published>`] : []),
    `    ${link({ rel: 'alternate', type: 'text/html', href: e.link })}`,
    ...e.categories.map((c) => `    <category${attr('term', c.term)}${attr('scheme', c.scheme)}${attr('label', c.label)}/>`),
    ...(e.summary ? [`    <summary type="text">${xmlText(e.summary)}</summary>`] : []),
    '  </entry>',
  ].join('\n');
}

/** The newest of some RFC 3339 UTC times (they compare as text). */
const newest = (times: string[]) => times.reduce<string | undefined>((m, t) => (m === undefined || t > m ? t : m), undefined);

export function atomFeed(feed: AtomFeed): string {
  const updated = newest(feed.entries.map((e) => e.updated)) ?? feed.fallback;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${xmlText(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    `  ${link({ rel: 'self', type: 'application/atom+xml', href: feed.self })}`,
    `  ${link({ rel: 'alternate', type: 'text/html', href: feed.alternate })}`,
    '  <generator>Pathway Atlas</generator>',
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
