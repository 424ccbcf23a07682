import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseParams, resolveParams } from '../../src/params/load.js';
import { fromSnapshot, toSnapshot } from '../../src/params/builtin.js';
import { builtinConfigPath } from '../../src/params/package.js';

describe('built-in parameters snapshot', () => {
  test('round-trips the schema output exactly (bigints included) and records the YAML it came from', () => {
    const text = readFileSync(builtinConfigPath(), 'utf8');
    const { params, src } = parseParams(text, 'configs/gensyn.yaml');
    const model = resolveParams(params, src, true);
    const snap = fromSnapshot(toSnapshot(text, params, model));
    expect(snap.yaml).toBe(text);
    expect(snap.params).toEqual(params);
    // The vesting schedules too: every category's size, share, vesting and unlocks.
    expect(snap.supply).toBe(10_000_000_000n * 10n ** 18n);
    expect(snap.categories).toEqual(model.categories);
    expect(snap.categories.find((c) => c.name === 'Team')!.unlocks.length).toBeGreaterThan(12);
    expect(snap.params.token.totalSupply).toEqual({ n: 10_000_000_000n, d: 1n });
  });
});
