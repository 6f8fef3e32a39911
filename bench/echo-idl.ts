// The interface both sides of bench/switch.ts use.
import { declare, defineInterface, t } from '../src/idl/index.js';

export const Echo = defineInterface({
  name: 'bench.echo',
  doc: 'Benchmark service.',
  methods: {
    echo: declare({ params: { dbg: t.string, n: t.int, text: t.string }, result: t.string, doc: 'Echo.' }),
  },
});

export const ECHO_QUEUE = 'org.xen.xapi.bench.echo';
