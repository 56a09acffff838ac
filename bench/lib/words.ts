/** Word lists for the synthetic graph. Invented names: nothing here describes a real place or case. */

export interface Country {
  code: string;
  name: string;
  lat: number;
  lon: number;
  /** Rough half-size in degrees, for scattering places. */
  spread: number;
  /** Relative share of places and cases (Europe-heavy, like ICLEI's news). */
  weight: number;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'DE', name: 'Germany', lat: 51.1, lon: 10.4, spread: 3.5, weight: 10 },
  { code: 'ES', name: 'Spain', lat: 40.4, lon: -3.7, spread: 4, weight: 8 },
  { code: 'IT', name: 'Italy', lat: 42.8, lon: 12.5, spread: 3.5, weight: 7 },
  { code: 'FR', name: 'France', lat: 46.6, lon: 2.2, spread: 4, weight: 7 },
  { code: 'NL', name: 'Netherlands', lat: 52.2, lon: 5.3, spread: 1, weight: 6 },
  { code: 'BE', name: 'Belgium', lat: 50.6, lon: 4.6, spread: 0.8, weight: 5 },
  { code: 'SE', name: 'Sweden', lat: 60.1, lon: 15.6, spread: 5, weight: 5 },
  { code: 'FI', name: 'Finland', lat: 62.5, lon: 25.7, spread: 4, weight: 4 },
  { code: 'DK', name: 'Denmark', lat: 56.1, lon: 9.5, spread: 1.2, weight: 4 },
  { code: 'NO', name: 'Norway', lat: 61.5, lon: 9.0, spread: 4, weight: 4 },
  { code: 'AT', name: 'Austria', lat: 47.5, lon: 14.5, spread: 1.5, weight: 3 },
  { code: 'PT', name: 'Portugal', lat: 39.6, lon: -8.0, spread: 1.8, weight: 3 },
  { code: 'PL', name: 'Poland', lat: 52.0, lon: 19.1, spread: 3, weight: 3 },
  { code: 'GB', name: 'United Kingdom', lat: 53.0, lon: -1.8, spread: 3, weight: 4 },
  { code: 'IE', name: 'Ireland', lat: 53.2, lon: -8.0, spread: 1.2, weight: 2 },
  { code: 'CH', name: 'Switzerland', lat: 46.8, lon: 8.2, spread: 1, weight: 2 },
  { code: 'CZ', name: 'Czechia', lat: 49.8, lon: 15.5, spread: 1.5, weight: 2 },
  { code: 'SK', name: 'Slovakia', lat: 48.7, lon: 19.7, spread: 1.2, weight: 1 },
  { code: 'HU', name: 'Hungary', lat: 47.2, lon: 19.5, spread: 1.5, weight: 1.5 },
  { code: 'SI', name: 'Slovenia', lat: 46.1, lon: 14.9, spread: 0.6, weight: 1 },
  { code: 'HR', name: 'Croatia', lat: 45.1, lon: 15.2, spread: 1.5, weight: 1 },
  { code: 'RO', name: 'Romania', lat: 45.9, lon: 24.9, spread: 2.5, weight: 1.5 },
  { code: 'BG', name: 'Bulgaria', lat: 42.7, lon: 25.5, spread: 1.5, weight: 1 },
  { code: 'GR', name: 'Greece', lat: 39.1, lon: 21.8, spread: 2, weight: 1.5 },
  { code: 'CY', name: 'Cyprus', lat: 35.1, lon: 33.4, spread: 0.4, weight: 0.5 },
  { code: 'MT', name: 'Malta', lat: 35.9, lon: 14.4, spread: 0.1, weight: 0.3 },
  { code: 'EE', name: 'Estonia', lat: 58.6, lon: 25.0, spread: 1, weight: 1 },
  { code: 'LV', name: 'Latvia', lat: 56.9, lon: 24.6, spread: 1, weight: 1 },
  { code: 'LT', name: 'Lithuania', lat: 55.2, lon: 23.9, spread: 1, weight: 1 },
  { code: 'LU', name: 'Luxembourg', lat: 49.8, lon: 6.1, spread: 0.2, weight: 0.5 },
  { code: 'IS', name: 'Iceland', lat: 64.9, lon: -19.0, spread: 1.5, weight: 0.3 },
  { code: 'RS', name: 'Serbia', lat: 44.0, lon: 21.0, spread: 1.5, weight: 0.7 },
  { code: 'UA', name: 'Ukraine', lat: 48.4, lon: 31.2, spread: 4, weight: 0.8 },
  { code: 'TR', name: 'Türkiye', lat: 39.0, lon: 35.2, spread: 4, weight: 1 },
  { code: 'GE', name: 'Georgia', lat: 42.3, lon: 43.4, spread: 1.5, weight: 0.4 },
  { code: 'IL', name: 'Israel', lat: 31.0, lon: 34.9, spread: 0.8, weight: 0.4 },
  { code: 'MA', name: 'Morocco', lat: 31.8, lon: -7.1, spread: 3, weight: 0.5 },
  { code: 'TN', name: 'Tunisia', lat: 34.0, lon: 9.5, spread: 1.5, weight: 0.3 },
  { code: 'EG', name: 'Egypt', lat: 26.8, lon: 30.8, spread: 3, weight: 0.4 },
  { code: 'ZA', name: 'South Africa', lat: -30.6, lon: 22.9, spread: 5, weight: 1 },
  { code: 'KE', name: 'Kenya', lat: 0.0, lon: 37.9, spread: 2.5, weight: 0.6 },
  { code: 'NG', name: 'Nigeria', lat: 9.1, lon: 8.7, spread: 3, weight: 0.5 },
  { code: 'GH', name: 'Ghana', lat: 7.9, lon: -1.0, spread: 2, weight: 0.4 },
  { code: 'US', name: 'United States', lat: 39.8, lon: -98.6, spread: 12, weight: 3 },
  { code: 'CA', name: 'Canada', lat: 53.0, lon: -95.0, spread: 10, weight: 2 },
  { code: 'MX', name: 'Mexico', lat: 23.6, lon: -102.5, spread: 5, weight: 1 },
  { code: 'BR', name: 'Brazil', lat: -14.2, lon: -51.9, spread: 8, weight: 1.5 },
  { code: 'AR', name: 'Argentina', lat: -38.4, lon: -63.6, spread: 6, weight: 0.7 },
  { code: 'CL', name: 'Chile', lat: -35.7, lon: -71.5, spread: 4, weight: 0.6 },
  { code: 'CO', name: 'Colombia', lat: 4.6, lon: -74.3, spread: 3, weight: 0.6 },
  { code: 'PE', name: 'Peru', lat: -9.2, lon: -75.0, spread: 3, weight: 0.4 },
  { code: 'JP', name: 'Japan', lat: 36.2, lon: 138.3, spread: 3.5, weight: 2 },
  { code: 'KR', name: 'Republic of Korea', lat: 36.5, lon: 127.9, spread: 1.5, weight: 1.5 },
  { code: 'CN', name: 'China', lat: 35.9, lon: 104.2, spread: 10, weight: 1.5 },
  { code: 'IN', name: 'India', lat: 21.0, lon: 78.0, spread: 8, weight: 1.5 },
  { code: 'ID', name: 'Indonesia', lat: -2.5, lon: 118.0, spread: 8, weight: 0.8 },
  { code: 'TH', name: 'Thailand', lat: 15.9, lon: 100.9, spread: 3, weight: 0.5 },
  { code: 'VN', name: 'Viet Nam', lat: 14.1, lon: 108.3, spread: 3, weight: 0.5 },
  { code: 'PH', name: 'Philippines', lat: 12.9, lon: 121.8, spread: 3, weight: 0.5 },
  { code: 'AU', name: 'Australia', lat: -25.3, lon: 133.8, spread: 10, weight: 1.2 },
  { code: 'NZ', name: 'New Zealand', lat: -41.0, lon: 174.0, spread: 3, weight: 0.6 },
];

/** Syllables for invented place names; accents are kept so that accent-folding search has work to do. */
export const NAME_START = [
  'Al', 'Bel', 'Ber', 'Bra', 'Cal', 'Car', 'Dor', 'Dra', 'El', 'Fal', 'Fen', 'Gal', 'Gro', 'Ham', 'Hel', 'Ister', 'Jor',
  'Kal', 'Kor', 'Lan', 'Lin', 'Mar', 'Mer', 'Nor', 'Nov', 'Ost', 'Pal', 'Por', 'Quin', 'Ros', 'Sal', 'San', 'Sol', 'Tor',
  'Tre', 'Ul', 'Val', 'Ven', 'Vil', 'Wes', 'Zar', 'Zel', 'Ág', 'Ér', 'Öst', 'Ür',
];
export const NAME_MIDDLE = ['', '', '', 'a', 'e', 'i', 'o', 'an', 'en', 'in', 'or', 'ar', 'el', 'é', 'ö', 'ü', 'ra', 'li', 'ne'];
export const NAME_END = [
  'burg', 'berg', 'dorf', 'feld', 'haven', 'ford', 'mouth', 'ton', 'ville', 'court', 'heim', 'stad', 'by', 'vik', 'holm',
  'ona', 'ara', 'ía', 'ino', 'ello', 'ano', 'ena', 'ovo', 'ice', 'ava', 'inge', 'ange', 'era', 'ose', 'et', 'ac', 'as',
];
export const REGION_WORDS = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Greater', 'Central', 'Coastal', 'Inner'];

export const ORG_KINDS: readonly { orgType: string; patterns: readonly string[]; weight: number }[] = [
  { orgType: 'public-authority', patterns: ['City of {p}', 'Municipality of {p}', '{p} City Council', '{p} Procurement Office', '{p} Public Works Department'], weight: 35 },
  { orgType: 'company', patterns: ['{w} {s} Ltd', '{w}{s2} GmbH', '{w} {s} S.A.', '{w} {s} B.V.', '{w} {s} Oy'], weight: 30 },
  { orgType: 'government', patterns: ['Ministry of {topic} of {c}', '{c} Agency for {topic}', 'National {topic} Office of {c}'], weight: 8 },
  { orgType: 'network', patterns: ['{w} Cities Network', '{topic} Cities Alliance', '{c} Network of Sustainable Municipalities'], weight: 6 },
  { orgType: 'ngo', patterns: ['{w} Foundation', '{topic} Action {c}', 'Friends of {w} {topic}'], weight: 8 },
  { orgType: 'research', patterns: ['{w} Institute for {topic}', 'University of {p}', '{p} Centre for {topic} Research'], weight: 8 },
  { orgType: 'consortium', patterns: ['{w} {topic} Consortium', '{w} Buyers Group'], weight: 3 },
  { orgType: 'media', patterns: ['{w} {topic} Review', '{p} Daily'], weight: 1.5 },
  { orgType: 'eu-body', patterns: ['European {topic} Executive Agency', 'European {topic} Observatory'], weight: 0.3 },
  { orgType: 'un-body', patterns: ['UN {topic} Programme Office {c}'], weight: 0.2 },
];
export const COMPANY_WORDS = [
  'Nordic', 'Green', 'Blue', 'Solar', 'Terra', 'Aqua', 'Urban', 'Civic', 'Circular', 'Bright', 'Clear', 'Prime', 'Alpine',
  'Delta', 'Vector', 'Orbit', 'Harbour', 'Meridian', 'Pioneer', 'Evergreen', 'Sustain', 'Eco', 'Bio', 'Volt', 'Luma',
];
export const COMPANY_SUFFIX = ['Systems', 'Solutions', 'Energy', 'Mobility', 'Foods', 'Lighting', 'Works', 'Services', 'Technologies', 'Building'];
export const COMPANY_SUFFIX2 = ['tech', 'werk', 'mobil', 'bau', 'licht', 'energie', 'kraft'];

export const TOPICS = [
  'Energy', 'Mobility', 'Food', 'Climate', 'Water', 'Waste', 'Circular Economy', 'Digital Services', 'Health', 'Housing',
  'Procurement', 'Innovation', 'Biodiversity', 'Social Inclusion', 'Construction',
];

export const INITIATIVE_PATTERNS = [
  '{w} {topic} Partnership', '{topic} Procurement Network {y}', 'Big Buyers for {topic}', '{w} Cities for {topic}',
  '{topic} Innovation Platform', 'Procure{w} {topic} Challenge', '{w} Pre-commercial Procurement for {topic}',
  '{c} {topic} Programme', 'Interreg {w} {topic}', 'Horizon {w} {topic} Project',
];

/** Per theme: what gets bought and what it achieves; the phrases that make `q=energy` and friends meaningful. */
export const THEME_TEXT: Record<string, { objects: readonly string[]; results: readonly string[] }> = {
  'theme-energy': {
    objects: ['renewable electricity for municipal buildings', 'energy efficiency retrofits of schools', 'green energy supply contracts', 'heat pumps for public housing', 'solar panels on depot roofs'],
    results: ['cut energy use by {n}%', 'saved {n} MWh of energy a year', 'moved {n}% of municipal energy to renewable sources'],
  },
  'theme-mobility': {
    objects: ['zero-emission buses', 'electric vehicles for the municipal fleet', 'shared bicycle services', 'electric ferries', 'charging points for electric taxis'],
    results: ['cut fleet emissions by {n}%', 'replaced {n} diesel vehicles', 'raised public transport use by {n}%'],
  },
  'theme-food': {
    objects: ['organic school meals', 'seasonal catering for care homes', 'local food for hospital kitchens', 'plant-rich menus in canteens'],
    results: ['raised the organic share to {n}%', 'served {n} thousand sustainable meals', 'cut food waste by {n}%'],
  },
  'theme-ict': {
    objects: ['fair and circular laptops', 'refurbished smartphones', 'low-energy data centre services', 'AI tools for traffic management'],
    results: ['extended device life by {n} years', 'cut ICT energy use by {n}%'],
  },
  'theme-construction': {
    objects: ['zero-emission construction machinery', 'low-carbon concrete for a bridge', 'road works with recycled asphalt', 'timber frames for a school'],
    results: ['cut site emissions by {n}%', 'reused {n}% of the demolition material'],
  },
  'theme-street-lighting': {
    objects: ['LED street lighting', 'smart lighting controls', 'energy-saving lamps for public squares'],
    results: ['cut lighting energy use by {n}%', 'replaced {n} hundred street lights'],
  },
  'theme-health': {
    objects: ['PVC-free medical supplies', 'sustainable hospital textiles', 'low-emission anaesthetic gases'],
    results: ['removed {n} hazardous substances from wards', 'cut hospital emissions by {n}%'],
  },
  'theme-social-inclusion': {
    objects: ['cleaning services by social enterprises', 'accessible public transport information', 'catering that employs people far from the labour market'],
    results: ['created {n} jobs for disadvantaged people', 'opened {n} contracts to social enterprises'],
  },
  'theme-human-rights': {
    objects: ['fair trade workwear', 'conflict-free electronics', 'natural stone from audited quarries'],
    results: ['audited {n} factories in the supply chain', 'covered {n}% of spend with labour-rights clauses'],
  },
  'theme-circular-economy': {
    objects: ['reused office furniture', 'repairable playground equipment', 'product-as-a-service lighting', 'textiles with recycled content'],
    results: ['kept {n} tonnes of material in use', 'reused {n}% of the furniture'],
  },
  'theme-climate': {
    objects: ['climate-neutral public services', 'carbon-neutral event services', 'low-carbon maintenance contracts'],
    results: ['avoided {n} tonnes of CO2 a year', 'cut greenhouse gas emissions by {n}%'],
  },
  'theme-water': {
    objects: ['water-saving fittings in public buildings', 'rainwater harvesting for parks', 'leak detection for the water network'],
    results: ['saved {n} thousand cubic metres of water', 'cut water losses by {n}%'],
  },
  'theme-buildings': {
    objects: ['deep renovation of social housing', 'nearly zero-energy schools', 'timber housing blocks'],
    results: ['renovated {n} hundred homes', 'cut heating demand by {n}%'],
  },
  'theme-waste': {
    objects: ['separate collection of bio-waste', 'e-waste take-back services', 'reusable cups for events'],
    results: ['cut residual waste by {n}%', 'collected {n} tonnes of e-waste'],
  },
  'theme-biodiversity': {
    objects: ['pollinator-friendly green space maintenance', 'pesticide-free park management', 'native planting along roads'],
    results: ['restored {n} hectares of habitat', 'stopped pesticide use on {n}% of public land'],
  },
};

export const CASE_VERBS = ['bought', 'tendered', 'procured', 'introduced', 'piloted', 'contracted', 'rolled out', 'jointly purchased'];
export const CASE_NAME_PATTERNS = [
  '{Object} in {place}',
  '{place} buys {object}',
  '{Object} for {place}',
  '{place}: {object}',
  'Joint tender for {object} in {place}',
  '{place} pilots {object}',
];
export const OUTCOMES = ['The contract is running and results are monitored yearly.', 'Other municipalities in the region have copied the tender.', 'The approach was adopted as the standard for later tenders.', 'Savings paid back the extra cost within {n} years.'];
export const SOURCE_TITLES = [
  '{place} shows how {object} can be bought',
  'Case study: {object} in {place}',
  '{topic} procurement news from {c}',
  'How {place} procures {object}',
  'Report on {topic} procurement in {c} ({y})',
  '{w} {topic} newsletter, {y}',
];
export const SOURCE_KINDS = ['news', 'news', 'news', 'publication', 'publication', 'web', 'event', 'dataset'] as const;
