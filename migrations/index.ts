import { InitialSchema1764400000000 } from './1764400000000-InitialSchema.js';
import { PostingOccupation1764500000000 } from './1764500000000-PostingOccupation.js';
import { SkillDemand1764600000000 } from './1764600000000-SkillDemand.js';
import { Credentials1764700000000 } from './1764700000000-Credentials.js';
import { ExtractorVersion1764800000000 } from './1764800000000-ExtractorVersion.js';
import { Sources1764900000000 } from './1764900000000-Sources.js';
import { PostingNormalization1765000000000 } from './1765000000000-PostingNormalization.js';
import { CanonicalPosting1765100000000 } from './1765100000000-CanonicalPosting.js';

/** Every migration, oldest first. Listed explicitly so the app, the CLI and the tests run the same set from src or dist. */
export const MIGRATIONS = [InitialSchema1764400000000, PostingOccupation1764500000000, SkillDemand1764600000000, Credentials1764700000000, ExtractorVersion1764800000000, Sources1764900000000, PostingNormalization1765000000000, CanonicalPosting1765100000000];
