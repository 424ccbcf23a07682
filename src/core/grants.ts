/** Per-beneficiary grants: a grant vests like its category unless it says otherwise. */
import type { CalDate } from './date.js';
import type { Duration, Step } from './units.js';
import type { Portion, Vesting } from './vesting.js';

/** The vesting fields a grant may set for itself (empty = the category's). */
export interface GrantTerms {
  start?: CalDate;
  cliff?: Duration;
  atCliff?: Portion;
  linear?: Duration;
  every?: Step;
}

export interface Grant extends GrantTerms {
  beneficiary: string;
  category: string;
  /** Base units. */
  amount: bigint;
}

/**
 * The grant's vesting: the category's, with the grant's own fields on top. A grant that sets its
 * own cliff, at-cliff share or linear span replaces the category's tranches; one that sets linear
 * also replaces its segments. Fields the grant leaves empty (e.g. at_cliff) stay the category's.
 */
export function grantVesting(category: Vesting, t: GrantTerms): Vesting {
  if (!t.start && !t.cliff && !t.atCliff && !t.linear && !t.every) return category;
  const start = t.start ?? category.start;
  if (category.tranches && !t.cliff && !t.atCliff && !t.linear) return { ...category, start };
  const c = category.tranches ? { start } : category;
  const steps = {
    start,
    atStart: c.atStart,
    cliff: t.cliff ?? c.cliff,
    atCliff: t.atCliff ?? c.atCliff,
    every: t.every ?? c.every,
  };
  if (c.segments && !t.linear) return { ...steps, segments: c.segments };
  return { ...steps, linear: t.linear ?? c.linear };
}
