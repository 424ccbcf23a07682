import type { Command } from 'commander';

// Placeholder: `ai-econ rewards` is built in its own issue.
export function register(_program: Command): void {}
