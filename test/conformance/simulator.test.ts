// The simulator runs the whole backend conformance suite, with nothing skipped.
import { createSimulator } from '../../src/xenopsd/backends/simulator/simulator.js';
import { runBackendConformance } from './backend.suite.js';

runBackendConformance({ makeBackend: () => createSimulator(), skip: [] });
