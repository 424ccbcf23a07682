/**
 * The `ai-econ play` page: one HTML file holding the parameter file (as JSON data), the page's
 * script (dist/play.js: the engines, Vega and Vega-Lite, built for the browser) and its styles.
 * It loads nothing from anywhere, so it works offline and from file://.
 */
import { escapeHtml } from '../html.js';
import type { PlayData } from './engine.js';

const STYLE = `
:root { --ink: #222; --muted: #5c5c5c; --line: #ddd; --bad: #b00020; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; }
header, main { max-width: 1400px; margin: 0 auto; padding: 0 16px; }
header h1 { font-size: 1.45em; margin: .8em 0 .1em; } .meta { color: var(--muted); margin: 0 0 .6em; }
main { display: grid; grid-template-columns: minmax(300px, 360px) minmax(0, 1fr); gap: 24px; align-items: start; }
#controls { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 8px 4px 24px 0; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; padding: 6px 10px 8px; }
legend { font-weight: 600; padding: 0 4px; }
.control { display: grid; grid-template-columns: 1fr 7.5em; grid-template-areas: "label input" "unit unit" "range range" "error error"; gap: 2px 8px; margin: 6px 0 10px; }
.control label { grid-area: label; align-self: center; } .control input[type=text], .control select { grid-area: input; font: inherit; padding: 3px 6px; border: 1px solid #999; border-radius: 4px; width: 100%; }
.control select { grid-column: 2; }
.control .unit { grid-area: unit; color: var(--muted); font-size: .85em; } .control input[type=range] { grid-area: range; width: 100%; margin: 0; }
.control .error { grid-area: error; color: var(--bad); font-size: .85em; white-space: pre-wrap; overflow-wrap: anywhere; }
.control .error:empty { display: none; }
input[aria-invalid=true] { border-color: var(--bad) !important; outline: 2px solid var(--bad); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
button { font: inherit; padding: 5px 12px; border: 1px solid #777; border-radius: 4px; background: #f4f4f4; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
#command { display: block; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f6f6; border: 1px solid var(--line); padding: 6px 8px; overflow-wrap: anywhere; white-space: pre-wrap; }
#status { color: var(--muted); font-size: .9em; min-height: 1.4em; } #status[data-state=error] { color: var(--bad); }
#problems { color: var(--bad); white-space: pre-wrap; border: 1px solid var(--bad); border-radius: 4px; padding: 6px 8px; }
body.stale #views .figures, body.stale #views figure { opacity: .45; }
h2 { font-size: 1.15em; margin: 1.3em 0 .4em; border-bottom: 1px solid var(--line); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 8px; margin: 0; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; }
.figure dt { font-size: .8em; color: var(--muted); overflow-wrap: anywhere; } .figure dd { margin: 0; font: 600 1.05em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
figure { margin: 0 0 12px; } figure svg { max-width: 100%; height: auto; display: block; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9em; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; } tbody th { font-weight: 500; white-space: nowrap; }
@media (max-width: 820px) {
  main { grid-template-columns: minmax(0, 1fr); }
  #controls { position: static; max-height: none; overflow: visible; }
  body { font-size: 16px; }
  tbody th { white-space: normal; overflow-wrap: anywhere; }
}`;

/** The page for `data`, with the page's script `script` (dist/play.js) inlined. */
export function playHtml(data: PlayData, script: string): string {
  const title = `ai-econ play — ${data.file}`;
  // Nothing in the data or the script may end the <script> element early.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const code = script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    // The page loads nothing: this says so to the browser too.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'" />`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">Change a value: the model reruns here, exactly as <code>ai-econ simulate</code> would (ai-econ ${escapeHtml(data.version)}). Each box takes what <code>--set</code> takes (<code>5%</code>, <code>1/20</code>, <code>1.5M</code>).</p>`,
    '</header>',
    '<main>',
    '<form id="controls" aria-label="Assumptions" onsubmit="return false"></form>',
    '<div id="views">',
    '<p id="status" role="status" aria-live="polite">Computing…</p>',
    '<div id="problems" role="alert" hidden></div>',
    '<div class="actions">',
    '<button type="button" id="copy">Copy as command</button>',
    '<button type="button" id="download">Download parameters</button>',
    '<button type="button" id="reset">Reset</button>',
    '<span id="copied" aria-live="polite"></span>',
    '</div>',
    '<code id="command" aria-label="The command that prints these figures"></code>',
    '<h2 id="h-figures">Key figures <small>(exactly as <code>simulate --table risks -f csv</code> prints them)</small></h2>',
    '<dl id="figures" class="figures" aria-labelledby="h-figures"></dl>',
    '<h2>Unlocks</h2>',
    '<figure><div id="chart-unlocks" class="chart"></div></figure>',
    '<h2>Buy-and-burn against unlocks</h2>',
    '<figure><div id="chart-burn" class="chart"></div></figure>',
    '<h2>The closed loop (simulate)</h2>',
    '<figure><div id="chart-price" class="chart"></div></figure>',
    '<figure><div id="chart-utilization" class="chart"></div></figure>',
    '<h2 id="h-risks">Risks</h2>',
    '<div class="scroll"><table aria-labelledby="h-risks"><thead><tr><th scope="col">metric</th><th scope="col">value</th><th scope="col">what_it_means</th></tr></thead><tbody id="risks"></tbody></table></div>',
    '<p id="missing" class="meta"></p>',
    '</div>',
    '</main>',
    '<noscript><p>This page computes with JavaScript; turn it on to use it.</p></noscript>',
    `<script type="application/json" id="play-data">${json}</script>`,
    `<script>${code}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
