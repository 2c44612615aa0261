import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SECRETS_IN_REPOSITORY } from './known-secrets.js';

/** Variables holding secrets: JWT_SECRET, WEBHOOK_SECRET, DEV_JWT_SECRET, … */
const NAME = String.raw`[A-Z_]*SECRET[A-Z_]*`;
const ASSIGNMENTS = [
  new RegExp(String.raw`\b${NAME}\b['"]?\s*[:=]\s*(['"\`])(.+?)\1`, 'g'), // JWT_SECRET: 'x', DEV_JWT_SECRET = "x"
  new RegExp(String.raw`\$\{${NAME}:?-([^}]+)\}`, 'g'), // docker-compose ${JWT_SECRET:-x}
  new RegExp(String.raw`^\s*(?:export\s+)?${NAME}=([^\s'"#$][^\s'"#]*)`, 'gm'), // .env / shell: JWT_SECRET=x
];

function secretLiterals(text: string): string[] {
  return ASSIGNMENTS.flatMap((re) => [...text.matchAll(re)].map((m) => m[m.length - 1]));
}

describe('secrets written in the repository', () => {
  it('finds the literal forms it looks for', () => {
    expect(secretLiterals(`JWT_SECRET: \${JWT_SECRET:-abc-default}\nexport WEBHOOK_SECRET=plain-one\nconst DEV_JWT_SECRET = 'quoted';\nJWT_SECRET=$(openssl rand -hex 32)`))
      .toEqual(['quoted', 'abc-default', 'plain-one']);
  });

  it('are all refused in production (listed in SECRETS_IN_REPOSITORY)', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !/(^|\/)(package-lock\.json|schema\.d\.ts)$|\.(png|jpe?g|gif|ico|xlsx|docx|pdf|zip|woff2?)$/.test(f) && !f.startsWith('seeds/') && !f.endsWith('known-secrets.spec.ts')); // its own examples above
    const found = new Map<string, string>();
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      for (const literal of secretLiterals(text)) if (!literal.startsWith('${')) found.set(literal, file);
    }
    const unlisted = [...found].filter(([literal]) => !SECRETS_IN_REPOSITORY.includes(literal));
    expect(unlisted).toEqual([]);
    expect(found.size).toBeGreaterThan(0);
  });
});
