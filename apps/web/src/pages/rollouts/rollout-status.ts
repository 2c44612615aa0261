import type { components } from '@/api/schema';

export type RolloutStatus = components['schemas']['RolloutViewDto']['status'];

/** The order a clerk reads the states in, with the ledger's words (the matrix's cells carry only the code). */
export const ROLLOUT_STATES: { status: RolloutStatus; label: string; short: string; tag: 'info' | 'warning' | 'success' | 'primary' }[] = [
  { status: 'not_started', label: '未承接', short: '未', tag: 'info' },
  { status: 'adopted', label: '已承接', short: '承', tag: 'warning' },
  { status: 'implemented', label: '已落实', short: '落', tag: 'success' },
  { status: 'not_applicable', label: '不适用', short: '—', tag: 'primary' },
];

export const rolloutState = (status: RolloutStatus) => ROLLOUT_STATES.find((s) => s.status === status)!;
