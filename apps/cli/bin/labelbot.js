#!/usr/bin/env node
// Thin launcher so the bin link exists before the first build; the CLI itself is compiled TypeScript.
import { main } from '../dist/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`labelbot: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
