/** Issue 21: the library's options and overrides go through the same checks as the CLI's text. */
import { describe, expect, test } from '@jest/globals';
import { InputError, loadParams } from '../../src/index.js';

describe('21.12 an alias in set is an InputError naming the flag', () => {
  test('loadParams({ set: ["token=*a"] })', () => {
    expect(() => loadParams(undefined, { set: ['token=*a'] })).toThrow(InputError);
    expect(() => loadParams(undefined, { set: ['token=*a'] })).toThrow(
      /option --set token=\*a: the value has a YAML alias \*a/,
    );
  });
});
