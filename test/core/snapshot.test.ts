import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseParams } from '../../src/io/load.js';
import { fromSnapshot, sha256, toSnapshot } from '../../src/io/params.js';
import { builtinConfigPath } from '../../src/io/paths.js';

describe('built-in parameters snapshot', () => {
  test('round-trips the schema output exactly (bigints included) and records the YAML hash', () => {
    const text = readFileSync(builtinConfigPath(), 'utf8');
    const { params } = parseParams(text, 'configs/gensyn.yaml');
    const snap = fromSnapshot(toSnapshot(text, params));
    expect(snap.sha256).toBe(sha256(text));
    expect(snap.params).toEqual(params);
    expect(snap.params.token.totalSupply).toEqual({ n: 10_000_000_000n, d: 1n });
  });
});
