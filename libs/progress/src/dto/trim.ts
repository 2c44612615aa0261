import { Transform } from 'class-transformer';

/** Trims a text field before validation, so "   " counts as empty for a required comment. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
