/** Notes several reports share, written once. */
import type { Model } from '../params/model.js';

export const amountsNote = (m: Model): string =>
  `Amounts in whole ${m.symbol}; table view rounds, csv/json are exact to the base unit (${m.decimals} decimals).`;

export const vestingAssumed = (m: Model): string[] =>
  m.builtin
    ? [
        'Vesting terms beyond the published 12-month team/investor cliff are assumptions (see configs/gensyn.yaml).',
      ]
    : [];
