import { describe, expect, it } from '@jest/globals';
import { extractMilestones, parseDeadline } from './deadline.js';
import { parseDepartments } from './departments.js';
import { SEED_DEADLINES, SEED_DEPARTMENTS, SEED_HEADERS, SEED_MILESTONE_PARAGRAPHS, SEED_SCOPES } from './fixtures/seed-phrases.js';
import { resolveImportColumns } from './import-columns.js';
import { readSeedData } from '../../../seeds/loader/seed-data.js';
import { nationalGazetteer as gazetteer } from './fixtures/national-gazetteer.js';
import { SCOPE_SHAPES } from './fixtures/scope-shapes.js';
import { parseScope, type ParsedScope } from './scope.js';
import { normaliseText } from './normalise.js';

type Verdict = 'correct' | 'flagged' | 'wrong';

/** A person decides (待确认): the parser could not read it, or the wording makes it voluntary or conditional. */
const flaggedScope = (r: ParsedScope) => r.kind === 'unparsed' || r.condition !== null;

/**
 * Every scope phrase of seeds/ and of the tests, read the way adoption reads it (the national gazetteer): correct,
 * flagged for a person, or wrong — read confidently as something else, or confidently where a person must decide.
 */
function scopeVerdicts(): { text: string; verdict: Verdict }[] {
  const read = (text: string | null, defaultScope?: string) => parseScope(text, { gazetteer, ...(defaultScope !== undefined ? { defaultScope } : {}) });
  const fromFixtures = SEED_SCOPES.map((f) => {
    const r = read(f.text, f.defaultScope);
    const verdict: Verdict = flaggedScope(r) ? 'flagged' : same({ kind: r.kind, regions: r.regions, label: r.label, note: r.note }, f.expected) ? 'correct' : 'wrong';
    return { text: f.text ?? '', verdict };
  });
  const fromShapes = SCOPE_SHAPES.map((f) => {
    const r = read(f.text, f.defaultScope);
    const verdict: Verdict =
      f.expected === 'flagged'
        ? flaggedScope(r) ? 'flagged' : 'wrong'
        : flaggedScope(r) ? 'flagged' : same({ kind: r.kind, places: r.places.map((p) => p.name) }, f.expected) ? 'correct' : 'wrong';
    return { text: f.text ?? '', verdict };
  });
  // The seed tables' own cells and batch defaults must each be a listed phrase, read as the list says.
  const listed = new Map(fromFixtures.map((f) => [normaliseText(f.text), f.verdict]));
  const data = readSeedData();
  const seedPhrases = [
    ...data.documents.flatMap((d) => d.batches.flatMap((b) => [b.defaultScope, ...b.items.map((i) => i.scopeText)])),
    ...data.taskTables.flatMap((t) => t.tasks.map((x) => x.scopeText)),
  ].filter((x): x is string => !!x);
  const fromSeeds = seedPhrases.map((text) => ({ text, verdict: listed.get(normaliseText(text)) ?? ('wrong' as Verdict) }));
  return [...fromSeeds, ...fromFixtures, ...fromShapes];
}

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
    const scopes = scopeVerdicts();
    const tally = (v: Verdict) => scopes.filter((x) => x.verdict === v).length;
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
        `scopes ${scopes.length} phrases: correct ${tally('correct')} / flagged ${tally('flagged')} / wrong ${tally('wrong')}, milestones ${rate(milestones, expectedMilestones)} ` +
        `(${datedMilestones.length} dated), header rows ${rate(headers, SEED_HEADERS)}`,
    );

    expect(deadlines).toHaveLength(SEED_DEADLINES.length);
    expect(departments).toHaveLength(SEED_DEPARTMENTS.length);
    expect(scopes.filter((x) => x.verdict === 'wrong').map((x) => x.text)).toEqual([]);
    expect(milestones).toHaveLength(expectedMilestones.length);
    expect(headers).toHaveLength(SEED_HEADERS.length);
  });
});
