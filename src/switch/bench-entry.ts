// Runs the daemon's main directly (without the command dispatcher), for benchmarks.
import { main } from './main.js';

await main(process.argv.slice(2));
