#!/usr/bin/env node
// The xe command-line interface.
import { load } from './launch.mjs';

const { main } = await load('xe');
await main(process.argv.slice(2));
