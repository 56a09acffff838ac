import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';

const coverageCells = defineQuery<Record<string, never>, { pathway: number; goal: number; cases: number }>('stats/coverage');
const caseTotals = defineQuery<
  Record<string, never>,
  {
    pathways: { number: number; name: string; cases: number }[];
    goals: { number: number; name: string; colour: string; cases: number }[];
    targetsWithoutCases: number;
    targets: number;
    cases: number;
  }
>('stats/case-totals');

/** The pathway by goal matrix of case counts, and the pathways, goals and targets still without a case. */
export async function coverage(db: Database) {
  // Aggregates over every case: kept briefly per instance (emptied by any write) so the heat map stays quick.
  return db.cache.get('stats/coverage', () => computeCoverage(db));
}

async function computeCoverage(db: Database) {
  return db.readTx(async (run) => {
    const cells = await run(coverageCells);
    const [totals] = await run(caseTotals);
    const pathways = totals!.pathways;
    const goals = totals!.goals;
    pathways.sort((a, b) => a.number - b.number);
    goals.sort((a, b) => a.number - b.number);
    const matrix = pathways.map((p) => goals.map((g) => cells.find((c) => c.pathway === p.number && c.goal === g.number)?.cases ?? 0));
    return {
      cases: totals!.cases,
      pathways,
      goals,
      matrix,
      cells: cells.map((c) => ({ pathway: c.pathway, goal: c.goal, cases: c.cases })),
      gaps: {
        pathwaysWithoutCases: pathways.filter((p) => p.cases === 0).map((p) => p.number),
        goalsWithoutCases: goals.filter((g) => g.cases === 0).map((g) => g.number),
        emptyCells: matrix.flat().filter((n) => n === 0).length,
        targetsWithoutCases: totals!.targetsWithoutCases,
        targets: totals!.targets,
      },
    };
  });
}
