#!/usr/bin/env node
// The xe command-line interface.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(['xe', ...process.argv.slice(2)]);
