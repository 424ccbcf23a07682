#!/usr/bin/env node
// The CLI (dist/ai-econ.cjs), with V8's compiled code of its bundle files kept between runs (src/io/compile-cache.ts).
require('../dist/compile-cache.cjs').installCompileCache(
  require('node:path').join(__dirname, '..', 'dist'),
  module.constructor,
);
require('../dist/ai-econ.cjs');
