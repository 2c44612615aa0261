import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused, unlike a bare regex). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date in the form YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/**
 * Optional in a partial update, but not nullable: `undefined` (left out) skips the other rules, `null` is checked by
 * them and refused — where IsOptional would let a null through to a NOT NULL column and a 500.
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * The fields a partial update gave: a DTO instance has every declared property as its own (class fields), the ones
 * the request left out being undefined, and a spread of it would blank them.
 */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A query-string boolean: "true"/"1" and "false"/"0" become booleans; anything else is left for IsBoolean to refuse. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value));
