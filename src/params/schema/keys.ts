/** The keys a parameter-file schema allows at a path, for "did you mean" suggestions. */
import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
};
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = def(s);
    if (
      (d.type === 'optional' ||
        d.type === 'default' ||
        d.type === 'prefault' ||
        d.type === 'nullable' ||
        d.type === 'readonly') &&
      d.innerType
    )
      s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

export function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let s: z.ZodType | undefined = unwrap(schema);
  for (const p of path) {
    if (!s) return [];
    const d = def(s);
    if (d.type === 'object' && typeof p === 'string') s = d.shape?.[p];
    else if (d.type === 'array' && typeof p === 'number') s = d.element;
    else if (d.type === 'record') s = d.valueType;
    else return [];
    if (s) s = unwrap(s);
  }
  if (!s) return [];
  const d = def(s);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

/** The description the schema gives the field at `path` (a record's entries share one), if any. */
export function descriptionAt(
  schema: z.ZodType,
  path: readonly (string | number)[],
): string | undefined {
  let s: z.ZodType | undefined = schema;
  for (const p of path) {
    if (!s) return undefined;
    const d = def(unwrap(s));
    s =
      d.type === 'object' && typeof p === 'string'
        ? d.shape?.[p]
        : d.type === 'record'
          ? d.valueType
          : d.type === 'array' && typeof p === 'number'
            ? d.element
            : undefined;
  }
  // The description sits on the field itself or on what an optional or default wraps.
  while (s) {
    if (s.description) return s.description;
    const d = def(s);
    s = d.innerType;
  }
  return undefined;
}
