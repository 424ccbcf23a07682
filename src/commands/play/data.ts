/** What `ai-econ play` hands its page (src/render/play/), as data. */

/** What `ai-econ play` puts into the page: the parameter file's text and how the CLI names it. */
export interface PlayData {
  /** The parameter file's text. */
  yaml: string;
  /** The file as messages and titles name it (`built-in configs/gensyn.yaml`, `my.yaml`). */
  file: string;
  /** The built-in parameters (no -c). */
  builtin: boolean;
  /** The -c argument that reproduces it on the command line (absent: the built-in file). */
  config?: string;
  /** `ai-econ play --set`: the starting values (a path no control has stays set throughout). */
  set?: string[];
  /** The ai-econ version that wrote the page. */
  version: string;
}
