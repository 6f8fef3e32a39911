#!/usr/bin/env node
// Entry point of every daemon and tool: `xapi-ts <command> [args]`.
import launch from './launch.cjs';

// Stack traces in daemon logs point into src/ (xe keeps its start-up lean without).
process.setSourceMapsEnabled(true);
const { main } = await launch.load('xapi-ts');
await main(process.argv.slice(2));
