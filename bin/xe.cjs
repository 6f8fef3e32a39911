#!/usr/bin/env node
// The xe command-line interface. CommonJS, as is its build: see scripts/build.mjs.
'use strict';
const { load } = require('./launch.cjs');

load('xe').then((m) => m.main(process.argv.slice(2)));
