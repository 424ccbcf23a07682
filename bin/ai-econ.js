#!/usr/bin/env node
require('../dist/ai-econ.cjs');
