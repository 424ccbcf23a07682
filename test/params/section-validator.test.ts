import { describe, expect, test } from '@jest/globals';
import {
  parseParamFile,
  parseYaml,
  resolveParams,
  sectionValidator,
  validateRaw,
} from '../../src/params/load.js';
import { parseOverride } from '../../src/params/overrides.js';
import { InputError } from '../../src/core/errors.js';

/** What a validation gives: the parameters, or the message of the error. */
function outcome(f: () => { params: unknown }): unknown {
  try {
    return { params: f().params };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { error: e.message };
  }
}

describe('sectionValidator (a sweep re-checks only the sections a point touches)', () => {
  const file = parseParamFile();
  const validate = sectionValidator(file.raw, file.src);
  const cases: string[][] = [
    [],
    ['projection.revenue.growth=5%'],
    ['projection.revenue.growth=5%', 'buyback.burn=60%', 'buyback.treasury=39%'],
    ['allocations.Team.vesting.cliff=6mo'],
    ['economy.demand.elasticity=0.8', 'fees.mfu=50%'],
    ['token.priceUsd=0.2'],
    ['scenarios.bull.revenue.growth=9%'],
    // Invalid: a field of a section, two sections at once, a cross-field rule, a wrong type.
    ['projection.months=0'],
    ['projection.months=0', 'fees.mfu=150%'],
    ['buyback.burn=90%'],
    ['projection.revenue={ startUsd: x }'],
    ['economy.demand.elasticty=1'],
  ];
  test.each(cases.map((sets) => ({ name: sets.join(' ') || '(none)', sets })))(
    'gives exactly what validateRaw gives: $name',
    ({ sets }) => {
      const overrides = sets.map(parseOverride);
      const viaSections = outcome(() => {
        const v = validate(overrides);
        resolveParams(v.params, v.src, true);
        return v;
      });
      const viaWhole = outcome(() => {
        const v = validateRaw(file.raw, file.src, overrides);
        resolveParams(v.params, v.src, true);
        return v;
      });
      expect(viaSections).toEqual(viaWhole);
    },
  );

  test('the invalid cases above are refused, naming the flag', () => {
    const v = outcome(() => validate([parseOverride('projection.months=0')])) as { error?: string };
    expect(v.error).toMatch(/^option --set projection\.months=0: /);
  });

  test('sections no override touched are the file’s own objects, so resolveParams reuses their vesting', () => {
    const a = validate([parseOverride('projection.revenue.growth=1%')]);
    const b = validate([parseOverride('projection.revenue.growth=2%')]);
    expect(b.params.allocations).toBe(a.params.allocations);
    expect(b.params.projection).not.toBe(a.params.projection);
    const ma = resolveParams(a.params, a.src, true);
    const mb = resolveParams(b.params, b.src, true, ma);
    expect(mb.categories).toBe(ma.categories);
    expect(mb.params.projection!.revenue.growth).not.toEqual(ma.params.projection!.revenue.growth);
    // Touching the allocations derives them again.
    const c = validate([parseOverride('allocations.Team.vesting.cliff=6mo')]);
    const mc = resolveParams(c.params, c.src, true, ma);
    expect(mc.categories).not.toBe(ma.categories);
    expect(mc.categories.find((x) => x.name === 'Team')!.unlocks[0]!.date).not.toBe(
      ma.categories.find((x) => x.name === 'Team')!.unlocks[0]!.date,
    );
  });

  test('a file with problems of its own reports all of them at every point', () => {
    const { raw, src } = parseYaml(
      'token: { name: X, symbol: X, totalSupply: 100, decimals: 2, tge: 2026-01-01, priceUsd: 1 }\nallocations: []\nprojection: { months: -1 }\n',
      'bad.yaml',
      { what: 'a mapping' },
    );
    const set = [parseOverride('projection.months=3')];
    expect(outcome(() => sectionValidator(raw, src)(set))).toEqual(
      outcome(() => validateRaw(raw, src, set)),
    );
  });
});
