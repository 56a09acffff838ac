/** The graph model: node kinds, their labels, and which relationships may join which kinds. */

export const KINDS = {
  pathway: 'Pathway',
  goal: 'Goal',
  target: 'Target',
  place: 'Place',
  organisation: 'Organisation',
  initiative: 'Initiative',
  case: 'Case',
  theme: 'Theme',
  approach: 'ProcurementApproach',
  source: 'Source',
  event: 'Event',
} as const;

export type Kind = keyof typeof KINDS;
export type Label = (typeof KINDS)[Kind];
export const KIND_NAMES = Object.keys(KINDS) as Kind[];
export const LABELS = Object.values(KINDS) as Label[];

export function kindOfLabel(label: string): Kind | undefined {
  return KIND_NAMES.find((k) => KINDS[k] === label);
}

/** Allowed relationship types, with the kinds they may start and end at. */
export const RELATIONSHIPS: Record<string, { from: Kind[]; to: Kind[]; derived?: boolean }[]> = {
  LOCATED_IN: [{ from: ['case', 'event'], to: ['place'] }],
  IMPLEMENTED_BY: [{ from: ['case'], to: ['organisation', 'place'] }],
  PART_OF: [
    { from: ['case', 'event', 'initiative'], to: ['initiative'] },
    { from: ['place'], to: ['place'] },
    { from: ['organisation'], to: ['organisation'] },
  ],
  ILLUSTRATES: [{ from: ['case', 'initiative'], to: ['pathway'] }],
  CONTRIBUTES_TO: [{ from: ['case', 'initiative'], to: ['goal', 'target'] }],
  USES_APPROACH: [{ from: ['case', 'initiative', 'event'], to: ['approach'] }],
  ABOUT_THEME: [{ from: ['case', 'initiative', 'event', 'source'], to: ['theme'] }],
  HAS_PARTICIPANT: [{ from: ['initiative', 'event', 'case'], to: ['place', 'organisation'] }],
  COORDINATED_BY: [{ from: ['initiative', 'case'], to: ['organisation'] }],
  FUNDED_BY: [{ from: ['initiative', 'case'], to: ['organisation'] }],
  ORGANISED_BY: [{ from: ['event'], to: ['organisation', 'place'] }],
  BASED_IN: [{ from: ['organisation'], to: ['place'] }],
  PUBLISHED_BY: [{ from: ['source'], to: ['organisation'] }],
  ALIGNS_WITH: [{ from: ['pathway'], to: ['goal'] }],
  BELONGS_TO: [{ from: ['target'], to: ['goal'], derived: true }],
  REPORTED_IN: [{ from: KIND_NAMES.filter((k) => k !== 'source'), to: ['source'], derived: true }],
};

export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIPS);

export function relationshipAllowed(type: string, from: Kind, to: Kind, includeDerived = false): boolean {
  return (RELATIONSHIPS[type] ?? []).some((r) => (includeDerived || !r.derived) && r.from.includes(from) && r.to.includes(to));
}

/** The relationship types a curator may add from a node of this kind, and the kinds each may end at. */
export function relationshipsFrom(from: Kind): { type: string; to: Kind[] }[] {
  return Object.entries(RELATIONSHIPS).flatMap(([type, rules]) => {
    const to = [...new Set(rules.filter((r) => !r.derived && r.from.includes(from)).flatMap((r) => r.to))];
    return to.length ? [{ type, to }] : [];
  });
}

export const TRANSFORMATIONS = ['socio-cultural', 'socio-economic', 'technological'] as const;

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `12.7` -> `target-12-7`; `12.a` -> `target-12-a`. */
export function targetId(code: string): string {
  return `target-${code.toLowerCase().replace('.', '-')}`;
}
