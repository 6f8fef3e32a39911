import { defineClass } from '../build.js';

export const auth = defineClass({
  name: 'auth',
  doc: 'External authentication: queries about users and groups of the directory the pool is joined to.',
  writeRole: 'pool-admin',
  inDb: false,
  fields: [],
});
