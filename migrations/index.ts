import { InitialSchema1764400000000 } from './1764400000000-InitialSchema.js';

/** Every migration, oldest first. Listed explicitly so the app, the CLI and the tests run the same set from src or dist. */
export const MIGRATIONS = [InitialSchema1764400000000];
