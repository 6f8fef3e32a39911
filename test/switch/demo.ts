// A small interface used by the switch tests: typed calls, declared errors,
// slow calls (to share work and test timeouts), and which server answered.
import { declare, defineInterface, idlError, t, type Implementation } from '../../src/idl/index.js';

export const Demo = defineInterface({
  name: 'demo',
  doc: 'Test interface.',
  errors: { Does_not_exist: { params: { kind: t.string, id: t.string }, doc: 'No such object.' } },
  methods: {
    echo: declare({ params: { dbg: t.string, text: t.string }, result: t.string, doc: 'Echo.' }),
    add: declare({ params: { a: t.int, b: t.int }, result: t.int, doc: 'Add.' }),
    who: declare({ params: { ms: t.int }, result: t.string, doc: 'Sleep ms, then name the server.' }),
    lookup: declare({
      params: { id: t.string },
      result: t.string,
      errors: ['Does_not_exist'],
      doc: 'Fails.',
    }),
  },
});

export function demoImpl(name: string, seen?: string[]): Implementation<typeof Demo> {
  return {
    echo: ({ text }) => text,
    add: ({ a, b }) => a + b,
    who: async ({ ms }) => {
      seen?.push(name);
      await new Promise((r) => setTimeout(r, ms));
      return name;
    },
    lookup: ({ id }) => {
      throw idlError(Demo, 'Does_not_exist', { kind: 'thing', id });
    },
  };
}
