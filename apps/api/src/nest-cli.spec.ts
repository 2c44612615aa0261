import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();

// The Nest CLI (generate, build of one project) knows a lib only through nest-cli.json: a lib missing there is a
// folder the tooling does not see.
describe('nest-cli.json', () => {
  it('lists every lib under libs/ with its source root, and no lib that is gone', () => {
    const cli = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as { projects: Record<string, { type: string; root: string; sourceRoot: string }> };
    const listed = Object.entries(cli.projects).filter(([, p]) => p.type === 'library');
    const libs = readdirSync(join(root, 'libs'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(listed.map(([name]) => name).sort()).toEqual(libs);
    for (const [name, project] of listed) expect(project).toEqual({ type: 'library', root: `libs/${name}`, sourceRoot: `libs/${name}/src` });
  });
});
