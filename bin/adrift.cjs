#!/usr/bin/env node
'use strict';
const path = require('node:path');
const { requireWithCodeCache } = require('./codeCache.cjs');

// Hands real I/O to the bundled CLI so everything else stays testable in-process.
requireWithCodeCache(path.join(__dirname, '../dist/cli.cjs'))
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
    // Done: exiting now spares tearing down a heap full of documents (20 ms at 1,000), unless output is still on its way.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  });
