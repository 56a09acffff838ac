import { describe, expect, it } from 'vitest';
import { findReferences } from '../../src/domain/ingest/extract/references.js';
import { ofKind, readOne, seedGraphContext, spanned } from './ingest-helpers.js';

const ids = (text: string) => findReferences(text, seedGraphContext()).map((r) => r.id);

describe('ingest: explicit references to pathways, goals and targets', () => {
  it('when "Goal 12" is written, then it is SDG 12; when "12 goals" is written, then it is not', () => {
    expect(ids('The review reports on Goal 12.')).toEqual(['sdg-12']);
    expect(ids('The review sets 12 goals for the next five years.')).toEqual([]);
    expect(ids('The 17 SDGs and 169 targets of the 2030 Agenda.')).toEqual([]);
  });

  it('when goals are named in any of the usual ways, then each becomes its goal id', () => {
    expect(ids('Sustainable Development Goal 12')).toEqual(['sdg-12']);
    expect(ids('Sustainable Development Goal (SDG) 12 - ensuring Sustainable Consumption')).toEqual(['sdg-12']);
    expect(ids('SDGs 11 and 12')).toEqual(['sdg-11', 'sdg-12']);
    expect(ids('SDGs 3, 11, and 12')).toEqual(['sdg-3', 'sdg-11', 'sdg-12']);
    expect(ids('#SDG13 and SDG7')).toEqual(['sdg-13', 'sdg-7']);
    expect(ids('SDG 18 does not exist')).toEqual([]);
  });

  it('when targets are named, then they map to target ids, and unknown codes are dropped', () => {
    expect(ids('target 12.7')).toEqual(['target-12-7']);
    expect(ids('targets 8.5 and 12.7')).toEqual(['target-8-5', 'target-12-7']);
    expect(ids('SDG target 12.a and SDG 11.6')).toEqual(['target-12-a', 'target-11-6']);
    expect(ids('target 12.9')).toEqual([]);
  });

  it('when pathways are named, then they map to pathway ids; "15 pathways" is not Pathway 15', () => {
    expect(ids('Pathway 6 features Ghent; Pathways 9, 10 and 12 follow.')).toEqual(['pathway-6', 'pathway-9', 'pathway-10', 'pathway-12']);
    expect(ids('ICLEI guidance with 15 pathways')).toEqual([]);
    expect(ids('Pathway 16')).toEqual([]);
  });

  it('when a pathway and a goal are named together, then each number keeps its own framework', () => {
    expect(ids('The case illustrates Pathway 7 and SDG 2.')).toEqual(['pathway-7', 'sdg-2']);
    expect(ids('Pathway 6 and Pathway 15 both apply.')).toEqual(['pathway-6', 'pathway-15']);
  });

  it('when a number sits on the next line, or is a percentage, then it is not part of the reference', () => {
    expect(ids('New guidance with 15 pathways\n\n2 December 2019')).toEqual([]);
    expect(ids('Our goal 30% lower emissions')).toEqual([]);
  });

  it('when an item makes references, then they are proposals with confidence 1, the sentence and the span', () => {
    const item = readOne('The cities report on SDG target 12.7. They also support SDGs 11 and 12.', seedGraphContext());
    const target = ofKind(item, 'target')[0]!;
    expect(target).toMatchObject({
      id: 'target-12-7',
      confidence: 1,
      origin: 'reference',
      evidence: 'The cities report on SDG target 12.7.',
    });
    expect(spanned(item, target)).toBe('SDG target 12.7');
    const goals = ofKind(item, 'goal').filter((p) => p.origin === 'reference');
    expect(goals.map((g) => g.id).sort()).toEqual(['sdg-11', 'sdg-12']);
    expect(goals.every((g) => g.confidence === 1)).toBe(true);
    expect(goals.find((g) => g.id === 'sdg-11')!.name).toBe('SDG 11: Sustainable cities and communities');
  });
});
