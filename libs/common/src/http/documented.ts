/**
 * Compile-time only: `type _X = Documents<FooViewDto, Foo>` fails to compile when the value a route returns (Foo)
 * lacks a field, or has another type, than its OpenAPI class (FooViewDto) documents.
 */
export type Documents<Dto, Actual extends Dto> = Actual;
