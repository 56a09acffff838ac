/** The curator's words for the model's property names, kinds and relationship types. */

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  altNames: 'Other names',
  summary: 'Summary',
  description: 'Description',
  outcome: 'Outcome',
  status: 'Status',
  year: 'Year',
  startYear: 'First year',
  endYear: 'Last year',
  date: 'Date',
  endDate: 'End date',
  country: 'Country',
  placeType: 'Type of place',
  orgType: 'Type of organisation',
  lat: 'Latitude',
  lon: 'Longitude',
  title: 'Title',
  url: 'Web address',
  publisher: 'Publisher',
  kind: 'Type',
  sourceType: 'Type of source',
  sources: 'Sources',
  sourceIds: 'Sources',
  text: 'Text',
  code: 'Code',
  number: 'Number',
  transformation: 'Transformation',
  goal: 'Goal',
  id: 'Identifier',
};

/** A property's label; an unknown one is spelled out from its camel case. */
export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

const KIND_LABELS: Record<string, string> = {
  pathway: 'pathway',
  goal: 'goal',
  target: 'target',
  place: 'place',
  organisation: 'organisation',
  initiative: 'initiative',
  case: 'case',
  theme: 'theme',
  approach: 'procurement approach',
  source: 'source',
  event: 'event',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** How a relationship reads from its start: "is located in" a place. */
const RELATIONSHIP_LABELS: Record<string, string> = {
  LOCATED_IN: 'is located in',
  IMPLEMENTED_BY: 'is carried out by',
  PART_OF: 'is part of',
  ILLUSTRATES: 'illustrates the pathway',
  CONTRIBUTES_TO: 'contributes to',
  USES_APPROACH: 'uses the approach',
  ABOUT_THEME: 'is about the theme',
  HAS_PARTICIPANT: 'has as participant',
  COORDINATED_BY: 'is coordinated by',
  FUNDED_BY: 'is funded by',
  ORGANISED_BY: 'is organised by',
  BASED_IN: 'is based in',
  PUBLISHED_BY: 'is published by',
  ALIGNS_WITH: 'aligns with',
  BELONGS_TO: 'belongs to',
  REPORTED_IN: 'is reported in',
};

export function relationshipLabel(type: string): string {
  return RELATIONSHIP_LABELS[type] ?? type.toLowerCase().replace(/_/g, ' ');
}
