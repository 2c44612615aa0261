import { Spine1764130000000 } from './1764130000000-spine.js';
import { ProgressRollout1764140000000 } from './1764140000000-progress-rollout.js';
import { ImportRecord1764150000000 } from './1764150000000-import-record.js';
import { Notifications1764160000000 } from './1764160000000-notifications.js';
import { ProgressAdjust1764170000000 } from './1764170000000-progress-adjust.js';
import { DashboardSnapshots1764180000000 } from './1764180000000-dashboard-snapshots.js';
import { RolloutCoveringIndex1764190000000 } from './1764190000000-rollout-covering-index.js';
import { ManualNotices1764210000000 } from './1764210000000-manual-notices.js';
import { AccountsSessions1764300030000 } from './1764300030000-accounts-sessions.js';
import { PendingDeliveries1764300040000 } from './1764300040000-pending-deliveries.js';
import { AuditAppendOnly1764300040000 } from './1764300040000-audit-append-only.js';
import { RegionsZones1764300050000 } from './1764300050000-regions-zones.js';
import { DocxImports1764300060000 } from './1764300060000-docx-imports.js';
import { DeadlineMissingNotices1764300120000 } from './1764300120000-deadline-missing-notices.js';
import { DepartmentsOpenGroup1764300180000 } from './1764300180000-departments-open-group.js';
import { TaskCoLeads1764300240000 } from './1764300240000-task-co-leads.js';
import { ItemCoLeads1764300300000 } from './1764300300000-item-co-leads.js';

/** Every migration, in order. Listed by hand so the compiled app needs no glob loading. */
export const MIGRATIONS = [Spine1764130000000, ProgressRollout1764140000000, ImportRecord1764150000000, Notifications1764160000000, ProgressAdjust1764170000000, DashboardSnapshots1764180000000, RolloutCoveringIndex1764190000000, ManualNotices1764210000000, AccountsSessions1764300030000, PendingDeliveries1764300040000, AuditAppendOnly1764300040000, RegionsZones1764300050000, DocxImports1764300060000, DeadlineMissingNotices1764300120000, DepartmentsOpenGroup1764300180000, TaskCoLeads1764300240000, ItemCoLeads1764300300000];
