// host.set_hostname_live's check of a name, in xapi's order and words (pure):
// letters, digits, hyphens and dots, no hyphen first or last, 1 to 255 characters.
import { apiError, type ApiError } from '../../datamodel/api-error.js';

const VALID = /^[A-Za-z0-9.-]*$/;

/** The HOST_NAME_INVALID a name deserves, or undefined if it is acceptable. */
export function hostnameProblem(name: string): ApiError | undefined {
  const invalid = (reason: string) => apiError('HOST_NAME_INVALID', { reason });
  if (name.length === 0) return invalid('hostname empty');
  if (name.length > 255) return invalid('hostname is too long');
  if (!VALID.test(name) || name.startsWith('-') || name.endsWith('-'))
    return invalid('hostname contains invalid characters');
  return undefined;
}
