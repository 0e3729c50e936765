import type { Rule } from '../rule';
import { frontmatterYaml } from './frontmatter/yaml/rule';
import { linksBroken } from './links/broken/rule';

/** Every rule, in the order findings of equal position are listed. One explicit list, no discovery. */
export const allRules: readonly Rule[] = [frontmatterYaml, linksBroken];
