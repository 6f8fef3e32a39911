// The storage conformance suite on the simulated SR.
import { simPlugin } from '../src/storage/sim-plugin.js';
import { storageConformance } from './conformance/storage.suite.js';

storageConformance({ plugin: simPlugin });
