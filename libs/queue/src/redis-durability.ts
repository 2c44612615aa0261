/** `INFO` text → field map (`aof_enabled` → '1'); section headers and blank lines are skipped. */
export function parseRedisInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}

/**
 * Why this Redis may lose queued jobs, one sentence each; empty when it is fit for production. Read from INFO,
 * not CONFIG GET, which managed Redis services often disable. Without an append-only file a restart forgets every
 * job; an evicting policy drops jobs (and BullMQ's own keys) when memory runs out. The database re-enqueues what
 * is lost (docs/reminders.md), but late.
 */
export function redisDurabilityWarnings(info: Map<string, string>): string[] {
  const warnings: string[] = [];
  if (info.get('aof_enabled') === '0') {
    warnings.push('Redis runs without an append-only file (appendonly no): a restart loses queued jobs until the reconciler re-enqueues them; set appendonly yes');
  }
  const policy = info.get('maxmemory_policy');
  if (policy !== undefined && policy !== 'noeviction') {
    warnings.push(`Redis evicts keys when full (maxmemory-policy ${policy}): queued jobs can vanish; set maxmemory-policy noeviction`);
  }
  return warnings;
}
