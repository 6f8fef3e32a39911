// VM messages of the power lifecycle, carried out by xenopsd.
import type { MessageDecl } from '../types.js';

export const vmPowerMessages: readonly MessageDecl[] = [];
