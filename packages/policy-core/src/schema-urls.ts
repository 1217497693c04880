/**
 * Where Slipway's JSON Schemas live by `$id`: the files `pnpm gen-docs` commits to the project's
 * own repository (docs/schemas/), served as raw files, so that an editor given only the `$id` (a
 * `$schema` line, a SchemaStore catalog entry) fetches exactly what the CLI validates with.
 */
export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/slipway-dev/slipway/main/docs/schemas/';

export const schemaUrl = (file: string) => `${SCHEMA_BASE_URL}${file}`;
