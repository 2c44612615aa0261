import { describe, expect, it } from '@jest/globals';
import { extractMilestones, parseDeadline } from './deadline.js';
import { parseDepartments } from './departments.js';
import { SEED_DEADLINES, SEED_DEPARTMENTS, SEED_HEADERS, SEED_MILESTONE_PARAGRAPHS, SEED_SCOPES } from './fixtures/seed-phrases.js';
import { resolveImportColumns } from './import-columns.js';
import { parseScope } from './scope.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('parse rate on the seed documents', () => {
  it('reads every listed phrase as expected', () => {
    const deadlines = SEED_DEADLINES.filter((f) => {
      const r = parseDeadline(f.text, f.documentDate ? { documentDate: f.documentDate } : {});
      return r.kind !== 'unparsed' && same({ kind: r.kind, date: r.date, startOnly: r.startOnly }, f.expected);
    });
    const departments = SEED_DEPARTMENTS.filter((f) => {
      const r = parseDepartments(f.text);
      return same({ lead: r.lead, participants: r.participants, openGroup: r.openGroup, openGroupText: r.openGroupText }, f.expected);
    });
    const scopes = SEED_SCOPES.filter((f) => {
      const r = parseScope(f.text, f.defaultScope !== undefined ? { defaultScope: f.defaultScope } : {});
      return r.kind !== 'unparsed' && same({ kind: r.kind, regions: r.regions, label: r.label, note: r.note }, f.expected);
    });
    const expectedMilestones = SEED_MILESTONE_PARAGRAPHS.flatMap((f) => f.expected.map((e) => ({ ...e, source: f.source })));
    const milestones = SEED_MILESTONE_PARAGRAPHS.flatMap((f) => {
      const got = extractMilestones(f.text);
      return f.expected.map((e) => ({ ...e, source: f.source })).filter((e, i) => got[i] && got[i].deadline.date === e.date && got[i].deadline.kind === e.kind && got[i].title.startsWith(e.titleStartsWith));
    });
    const datedMilestones = milestones.filter((m) => m.date);
    const headers = SEED_HEADERS.filter((f) => same(resolveImportColumns(f.headers).columns, f.expected));

    // Phrases quoted by the brief rather than found in a seed table are counted, but shown apart.
    const fromSeed = (xs: { source: string }[]) => xs.filter((x) => !x.source.startsWith('brief')).length;
    const rate = (ok: { source: string }[], all: { source: string }[]) => `${ok.length}/${all.length} (seed tables ${fromSeed(ok)}/${fromSeed(all)})`;
    console.log(
      `parse rate: deadlines ${rate(deadlines, SEED_DEADLINES)}, departments ${rate(departments, SEED_DEPARTMENTS)}, ` +
        `scopes ${rate(scopes, SEED_SCOPES)}, milestones ${rate(milestones, expectedMilestones)} ` +
        `(${datedMilestones.length} dated), header rows ${rate(headers, SEED_HEADERS)}`,
    );

    expect(deadlines).toHaveLength(SEED_DEADLINES.length);
    expect(departments).toHaveLength(SEED_DEPARTMENTS.length);
    expect(scopes).toHaveLength(SEED_SCOPES.length);
    expect(milestones).toHaveLength(expectedMilestones.length);
    expect(headers).toHaveLength(SEED_HEADERS.length);
  });
});
