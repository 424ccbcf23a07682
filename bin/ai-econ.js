#!/usr/bin/env node
// The CLI, as built by `npm run build` (scripts/build.mjs).
import '../dist/cli.js';
