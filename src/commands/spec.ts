/**
 * Options as typed data. Each command's options are declared once (src/commands/<name>/spec.ts): commander
 * registration, help texts, the builders' option types and the JSON `params` echo all come from the
 * declaration. Parsers are named, not imported, so declaring options loads nothing at start-up; the
 * shell loads ./parsers.ts only when an option is given.
 */
import type { PARSERS } from './parsers.js';
import type { Params } from '../params/schema/index.js';

export type ParserName = keyof typeof PARSERS;
export type Parsed<P extends ParserName> = ReturnType<(typeof PARSERS)[P]>;

export interface OptSpec {
  /** Commander flags: `--months <n>`, `--all-scenarios`. */
  readonly flags: string;
  readonly help: string;
  /** How the text becomes a value (absent: a switch). */
  readonly parse?: ParserName;
  /** What the value is, for messages (`expected a token price in USD; found …`). */
  readonly what?: string;
  /** Repeatable (`--category A --category B`); each value may also be a comma list. */
  readonly repeatable?: boolean;
  /** Where the default comes from in the parameter file: help shows that file's value. */
  readonly fromFile?: (p: Params) => string | undefined;
  /** A fixed default (text, parsed like a given value). */
  readonly default?: string;
  /**
   * The parameter-file paths the option's value stands in for (`--months` → `projection.months`):
   * a sweep refuses to vary them while the option is given (every point would show its value).
   */
  readonly sets?: readonly string[];
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  /** The description with the parameter file's own values, when it can be loaded for --help. */
  readonly describe?: (p: Params) => string;
  readonly options: readonly OptSpec[];
  readonly examples?: readonly string[];
}

type Camel<S extends string> = S extends `${infer A}-${infer B}`
  ? `${A}${Capitalize<Camel<B>>}`
  : S;
type LongName<F extends string> = F extends `${string}--${infer N} ${string}`
  ? N
  : F extends `${string}--${infer N}`
    ? N
    : never;
/** The options object key of a flag, as commander names it: `--gpu-hours <n>` → `gpuHours`. */
export type KeyOf<F extends string> = Camel<LongName<F>>;

type ValueOf<O extends OptSpec> = O extends { parse: infer P extends ParserName }
  ? O extends { repeatable: true }
    ? Parsed<P>[]
    : Parsed<P>
  : boolean;

/** The parsed options of a command: every option optional, typed by its parser. */
export type OptionsOf<C extends CommandSpec> = {
  -readonly [O in C['options'][number] as KeyOf<O['flags']>]?: ValueOf<O>;
};

/** `--gpu-hours <n>` → `gpuHours` (what commander calls the attribute). */
export const keyOf = (flags: string): string =>
  (/--([a-z0-9-]+)/i.exec(flags)?.[1] ?? flags).replace(/-([a-z])/g, (_, c: string) =>
    c.toUpperCase(),
  );
/** `--gpu-hours <n>` → `--gpu-hours`. */
export const flagOf = (flags: string): string => /--[a-z0-9-]+/i.exec(flags)?.[0] ?? flags;

/** A share as help text shows a file's default: `40%`. */
export const pctText = (r: { n: bigint; d: bigint } | undefined): string | undefined => {
  if (!r) return undefined;
  const x = (Number(r.n) * 100) / Number(r.d);
  return `${Number(x.toPrecision(6))}%`;
};
/** A number as help text shows a file's default: `1,500,000`. */
export const numText = (r: { n: bigint; d: bigint } | undefined): string | undefined =>
  r
    ? String(Number(r.n) / Number(r.d)).replace(/^(\d+)/, (i) => i.replace(/\B(?=(\d{3})+$)/g, ','))
    : undefined;
