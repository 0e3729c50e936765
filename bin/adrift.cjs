#!/usr/bin/env node
'use strict';
// Hands real I/O to the bundled CLI so everything else stays testable in-process.
require('../dist/cli.cjs').run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
