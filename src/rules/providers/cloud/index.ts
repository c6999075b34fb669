// Cloud and hosting platforms, one file per provider group; this list is their order in the rule set.
import type { Rule } from '../../../engine/types.js';
import { rules as aws } from './aws.js';
import { rules as googleCloud } from './google-cloud.js';
import { rules as azure } from './azure.js';
import { rules as cdnEdge } from './cdn-edge.js';
import { rules as appPlatforms } from './app-platforms.js';
import { rules as hosting } from './hosting.js';
import { rules as regionalEnterprise } from './regional-enterprise.js';

export const rules: Rule[] = [...aws, ...googleCloud, ...azure, ...cdnEdge, ...appPlatforms, ...hosting, ...regionalEnterprise];
