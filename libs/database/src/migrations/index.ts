import { Spine1764130000000 } from './1764130000000-spine.js';
import { ProgressRollout1764140000000 } from './1764140000000-progress-rollout.js';

/** Every migration, in order. Listed by hand so the compiled app needs no glob loading. */
export const MIGRATIONS = [Spine1764130000000, ProgressRollout1764140000000];
