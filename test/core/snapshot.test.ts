import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseParams } from '../../src/io/load.js';
import { fromSnapshot, toSnapshot } from '../../src/io/params.js';
import { builtinConfigPath } from '../../src/io/paths.js';

describe('built-in parameters snapshot', () => {
  test('round-trips the schema output exactly (bigints included) and records the YAML it came from', () => {
    const text = readFileSync(builtinConfigPath(), 'utf8');
    const { params } = parseParams(text, 'configs/gensyn.yaml');
    const snap = fromSnapshot(toSnapshot(text, params));
    expect(snap.yaml).toBe(text);
    expect(snap.params).toEqual(params);
    expect(snap.params.token.totalSupply).toEqual({ n: 10_000_000_000n, d: 1n });
  });
});
