import { Spine1764130000000 } from './1764130000000-spine.js';

/** Every migration, in order. Listed by hand so the compiled app needs no glob loading. */
export const MIGRATIONS = [Spine1764130000000];
