/**
 * Shapes that several atlas queries return. A field a node lacks comes back null (a source has a
 * title and no name; only goals have a colour).
 */

/** What lists, links and the explorer show of any node. */
export interface NodeBrief {
  id: string;
  kind: string;
  name: string | null;
  number: number | null;
  code: string | null;
  country: string | null;
  colour: string | null;
  year: number | null;
}

/** A goal as its list and its page give it. */
export interface GoalBrief {
  id: string;
  number: number;
  name: string;
  title: string | null;
  colour: string;
}

/** A pathway as its list and its page give it. */
export interface PathwayBrief {
  id: string;
  number: number;
  name: string;
  title: string | null;
  transformation: string | null;
  cases: number;
}
