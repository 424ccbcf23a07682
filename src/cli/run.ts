/**
 * The thin shell every command shares: read global options, load the parameter file (lazily),
 * let the command build its report, render it to stdout or atomically to -o.
 */
import type { Command } from 'commander';
import type { Report } from '../core/table.js';
import type { Model } from '../io/model.js';
import type { Format } from '../io/render/index.js';

export interface Globals {
  config?: string;
  format: Format;
  output?: string;
  color: boolean;
  bom?: boolean;
  table?: string;
}

export interface Ctx<O> {
  opts: O & Globals;
  /** The parameter file (-c) or the built-in one, validated and resolved. */
  model(): Promise<Model>;
  /** JSON `params` common to every command: which parameter file. */
  source(): Promise<Record<string, unknown>>;
}

export async function runReport<O>(cmd: Command, build: (ctx: Ctx<O>) => Promise<Report>): Promise<void> {
  const opts = cmd.optsWithGlobals() as O & Globals;
  // Start loading the renderer now, alongside the model and the command's own modules.
  const renderer = import('../io/render/index.js').then((r) => (r.preload(opts.format), r));
  renderer.catch(() => undefined);
  const { checkOutputPath, fileSink, stdoutSink, inputFiles } = await import('../io/output.js');
  if (opts.output !== undefined) checkOutputPath(opts.output, inputFiles(opts));
  let model: Promise<Model> | undefined;
  const ctx: Ctx<O> = {
    opts,
    model: () => (model ??= import('../io/params.js').then((m) => m.loadModel(opts.config))),
    source: async () => {
      const m = await ctx.model();
      return { config: m.file };
    },
  };
  const report = await build(ctx);
  const { render } = await renderer;
  const sink = opts.output !== undefined ? fileSink(opts.output, inputFiles(opts)) : stdoutSink();
  try {
    await render(report, sink, { format: opts.format, table: opts.table, bom: opts.bom, noColor: opts.color === false });
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/** Write plain text (not a table) to stdout or -o, with the same atomic file handling. */
export async function writeText(opts: Globals, text: string): Promise<void> {
  const { fileSink, stdoutSink, inputFiles } = await import('../io/output.js');
  const sink = opts.output !== undefined ? fileSink(opts.output, inputFiles(opts)) : stdoutSink();
  try {
    await sink.write(text);
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}
