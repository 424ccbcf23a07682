#!/usr/bin/env node
import '../dist/ai-econ.js';
