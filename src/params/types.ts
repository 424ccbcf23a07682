/** The model of a parameter file: the core model (src/core/model.ts) over this schema's values. */
import type { ModelOf } from '../core/model.js';
import type { Params } from './schema/index.js';

export interface Model extends ModelOf<Params> {
  /** The parameter file's values, as the schema reads them. */
  params: Params;
}
