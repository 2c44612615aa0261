import { describe, expect, it } from '@jest/globals';
import { checkReportStep } from './report-status.machine.js';

describe(checkReportStep.name, () => {
  it('lets the lead edit and submit a draft or a returned report', () => {
    expect(checkReportStep('draft', 'edit')).toEqual({ ok: true, to: 'draft' });
    expect(checkReportStep('returned', 'edit')).toEqual({ ok: true, to: 'returned' });
    expect(checkReportStep('draft', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(checkReportStep('returned', 'submit')).toEqual({ ok: true, to: 'submitted' });
  });

  it('lets the coordinator accept or return only a submitted report', () => {
    expect(checkReportStep('submitted', 'accept')).toEqual({ ok: true, to: 'accepted' });
    expect(checkReportStep('submitted', 'return')).toEqual({ ok: true, to: 'returned' });
    for (const from of ['draft', 'returned', 'accepted'] as const) {
      expect(checkReportStep(from, 'accept').ok).toBe(false);
      expect(checkReportStep(from, 'return').ok).toBe(false);
    }
  });

  it('freezes a report once it is submitted or accepted, and says why in both languages', () => {
    for (const from of ['submitted', 'accepted'] as const) {
      expect(checkReportStep(from, 'edit').ok).toBe(false);
      expect(checkReportStep(from, 'submit').ok).toBe(false);
    }
    expect(checkReportStep('accepted', 'edit')).toEqual({ ok: false, message: '进展报告当前为“已审核通过”，不能修改 (the report is accepted and cannot be edited)' });
  });
});
