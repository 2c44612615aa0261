import { Spine1764130000000 } from './1764130000000-spine.js';
import { ProgressRollout1764140000000 } from './1764140000000-progress-rollout.js';
import { ImportRecord1764150000000 } from './1764150000000-import-record.js';
import { Notifications1764160000000 } from './1764160000000-notifications.js';
import { ProgressAdjust1764170000000 } from './1764170000000-progress-adjust.js';
import { DashboardSnapshots1764180000000 } from './1764180000000-dashboard-snapshots.js';
import { RolloutCoveringIndex1764190000000 } from './1764190000000-rollout-covering-index.js';
import { ManualNotices1764210000000 } from './1764210000000-manual-notices.js';
import { RegionsZones1764300050000 } from './1764300050000-regions-zones.js';

/** Every migration, in order. Listed by hand so the compiled app needs no glob loading. */
export const MIGRATIONS = [Spine1764130000000, ProgressRollout1764140000000, ImportRecord1764150000000, Notifications1764160000000, ProgressAdjust1764170000000, DashboardSnapshots1764180000000, RolloutCoveringIndex1764190000000, ManualNotices1764210000000, RegionsZones1764300050000];
