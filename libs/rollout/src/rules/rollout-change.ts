export const ROLLOUT_STATUSES = ['not_started', 'adopted', 'implemented', 'not_applicable'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export const ROLLOUT_STATUS_LABELS: Record<RolloutStatus, string> = {
  // The provinces' ledgers say 未承接 for a city that has not taken the item up yet.
  not_started: '未承接',
  adopted: '已承接',
  implemented: '已落实',
  not_applicable: '不适用',
};

export interface RolloutState {
  status: RolloutStatus;
  adoptedOn: string | null;
  implementedOn: string | null;
  note: string | null;
}

/** A PATCH: undefined leaves a field as it is, null clears it. */
export interface RolloutPatch {
  status?: RolloutStatus;
  adoptedOn?: string | null;
  implementedOn?: string | null;
  note?: string | null;
}

export type RolloutChange = { ok: true; next: RolloutState } | { ok: false; field: keyof RolloutState; message: string };

const fail = (field: keyof RolloutState, message: string): RolloutChange => ({ ok: false, field, message });

/**
 * Works out the rollout after a PATCH, or why it is refused. The dates follow the status: 落实 implies 承接
 * (adoptedOn defaults to implementedOn), either defaults to today when the status is first set, and a status
 * without that step clears its date. Dates are calendar days in the province and may not lie in the future.
 */
export function planRolloutChange(current: RolloutState, patch: RolloutPatch, today: string): RolloutChange {
  const status = patch.status ?? current.status;
  let adoptedOn = patch.adoptedOn !== undefined ? patch.adoptedOn : current.adoptedOn;
  let implementedOn = patch.implementedOn !== undefined ? patch.implementedOn : current.implementedOn;
  const note = patch.note !== undefined ? patch.note?.trim() || null : current.note;
  const label = ROLLOUT_STATUS_LABELS[status];

  if (status === 'not_started' || status === 'not_applicable') {
    if (patch.adoptedOn) return fail('adoptedOn', `“${label}”的事项不能填写承接日期 (adoptedOn is only for adopted or implemented rollouts)`);
    if (patch.implementedOn) return fail('implementedOn', `“${label}”的事项不能填写落实日期 (implementedOn is only for implemented rollouts)`);
    adoptedOn = null;
    implementedOn = null;
  }
  // Marking not applicable needs its own reason: a note left from the adoption is not one.
  const reason = current.status === 'not_applicable' ? note : patch.note?.trim();
  if (status === 'not_applicable' && !reason) return fail('note', '标记为“不适用”须在 note 中说明原因 (note is required to mark a rollout not applicable)');
  if (status === 'adopted') {
    if (patch.implementedOn) return fail('implementedOn', '落实日期只用于“已落实” (implementedOn is only for implemented rollouts; set status to implemented)');
    implementedOn = null;
    adoptedOn ??= today;
  }
  if (status === 'implemented') {
    implementedOn ??= today;
    adoptedOn ??= implementedOn;
  }
  if (adoptedOn && adoptedOn > today) return fail('adoptedOn', `承接日期不能晚于今天 ${today} (adoptedOn must not be in the future)`);
  if (implementedOn && implementedOn > today) return fail('implementedOn', `落实日期不能晚于今天 ${today} (implementedOn must not be in the future)`);
  if (adoptedOn && implementedOn && implementedOn < adoptedOn) {
    return fail('implementedOn', `落实日期不能早于承接日期 ${adoptedOn} (implementedOn must be on or after adoptedOn)`);
  }
  return { ok: true, next: { status, adoptedOn, implementedOn, note } };
}
