#!/usr/bin/env node
// Entry point of every daemon and tool: `xapi-ts <command> [args]`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv.slice(2));
