/** `ai-econ unlocks --grants FILE`: per-beneficiary grants (issue 6). */
import type { Report } from '../core/table.js';
import type { Model } from '../io/load.js';
import { InputError } from '../core/errors.js';

export async function grantsReport(_m: Model, _file: string, _o: { from?: string; to?: string; categories: string[] }, _base: Omit<Report, 'tables'>): Promise<Report> {
  throw new InputError('option --grants: per-beneficiary grants are not available yet');
}
