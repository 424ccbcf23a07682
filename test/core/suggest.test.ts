import { describe, expect, test } from '@jest/globals';
import { didYouMean, suggestion } from '../../src/core/suggest.js';

const GPUS = ['H100', 'H200', 'A100', 'L40S', 'RTX4090', 'MI300X'];

describe('did you mean', () => {
  test.each([
    ['4090', GPUS, 'RTX4090'],
    ['rtx4090', GPUS, 'RTX4090'],
    ['mi300', GPUS, 'MI300X'],
    ['h1000', GPUS, 'H100'],
    ['H100 SXM', GPUS, 'H100'],
    ['clif', ['start', 'atStart', 'cliff', 'atCliff', 'linear'], 'cliff'],
    ['treasury', ['Community Treasury', 'Investors', 'Team'], 'Community Treasury'],
    ['investor', ['Community Treasury', 'Investors', 'Team'], 'Investors'],
  ])('%s', (input, candidates, expected) => expect(didYouMean(input, candidates)).toBe(expected));
  test('nothing close: no guess', () => {
    expect(didYouMean('tpu', GPUS)).toBeUndefined();
    expect(didYouMean('a', ['alpha', 'beta'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
  test('phrased for a message', () => {
    expect(suggestion('4090', GPUS)).toBe(' (did you mean "RTX4090"?)');
    expect(suggestion('tpu', GPUS)).toBe('');
  });
});
