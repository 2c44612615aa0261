import type { AuthUser } from '#libs/common';

/** Where a rollout sits: the province of its task, and the city or county it is in (with that region's parent). */
export interface RolloutAccessFacts {
  provinceId: string;
  regionId: string;
  regionParentId: string | null;
}

export const inRolloutProvince = (user: AuthUser, r: RolloutAccessFacts): boolean => user.role === 'admin' || (user.provinceId !== null && user.provinceId === r.provinceId);

/** A city user's own region: the city itself and the counties/districts under it. */
const inUserRegion = (user: AuthUser, r: RolloutAccessFacts): boolean => user.regionId !== null && (r.regionId === user.regionId || r.regionParentId === user.regionId);

/** City users see their own region's rollouts; everyone else in the province sees all of the province's. */
export function canReadRollout(user: AuthUser, r: RolloutAccessFacts): boolean {
  if (!inRolloutProvince(user, r)) return false;
  return user.role !== 'city' || inUserRegion(user, r);
}

/**
 * Recording 承接/落实: the city (for its own region) and the province's coordinator; departments, leaders and the
 * system administrator (三员分立) only read.
 */
export function canWriteRollout(user: AuthUser, r: RolloutAccessFacts): boolean {
  if (!inRolloutProvince(user, r)) return false;
  if (user.role === 'coordinator') return true;
  return user.role === 'city' && inUserRegion(user, r);
}
