// xapi's licensed features that this toolstack does not have, with the keys
// xapi publishes in pool.restrictions (Features.to_assoc_list: "true" means
// restricted). Clients read pool.restrictions to hide what is missing, and the
// calls of a restricted feature fail with LICENCE_RESTRICTION [feature], as in
// a xapi whose licence lacks it.
import { apiError, type ApiError } from '../datamodel/api-error.js';

export const ABSENT_FEATURES = {
  /** Workload balancing. */
  WLB: 'restrict_wlb',
  /** Update repositories (pool.sync_updates, host.apply_updates). */
  Updates: 'restrict_updates',
  /** External authentication (Active Directory). */
  AD: 'restrict_ad',
  /** Passing the host's integrated GPU to a VM (host.disable_display). */
  Integrated_GPU: 'restrict_integrated_gpu_passthrough',
  /** Virtual GPUs. */
  VGPU: 'restrict_vgpu',
  /** Local storage caching. */
  IntelliCache: 'restrict_intellicache',
} as const;

export type AbsentFeature = keyof typeof ABSENT_FEATURES;

/** pool.restrictions: every absent feature restricted. */
export function restrictions(): Record<string, string> {
  return Object.fromEntries(Object.values(ABSENT_FEATURES).map((key) => [key, 'true']));
}

/**
 * The answer of a call that needs an absent feature (xapi's Pool_features.assert_enabled).
 * Unconditional: pool.restrictions tells clients, nothing here could do the work.
 */
export function unlicensed(feature: AbsentFeature): ApiError {
  return apiError('LICENCE_RESTRICTION', { feature });
}
