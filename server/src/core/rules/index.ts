import type { Rule } from '../rule';
import { frontmatterYaml } from './frontmatter/yaml/rule';
import { linksBroken } from './links/broken/rule';
import { archiveDeprecationNotice } from './archive/deprecation-notice/rule';
import { archiveInventory } from './archive/inventory/rule';
import { contentAbsolutePath } from './content/absolute-path/rule';
import { contentMojibake } from './content/mojibake/rule';
import { contentNestedFence } from './content/nested-fence/rule';
import { linksToArchived } from './links/to-archived/rule';
import { staleReference } from './stale/reference/rule';
import { codeFenceLanguage } from './code/fence-language/rule';
import { codeSecretLiteral } from './code/secret-literal/rule';
import { codeSyntax } from './code/syntax/rule';
import { runbookStructure } from './runbook/structure/rule';
import { xrefIndexCoverage } from './xref/index-coverage/rule';
import { xrefMentionedNotLinked } from './xref/mentioned-not-linked/rule';
import { xrefMissingDocument } from './xref/missing-document/rule';
import { xrefMissingLink } from './xref/missing-link/rule';
import { xrefUnresolvedCell } from './xref/unresolved-cell/rule';
import { structureRequiredSections } from './structure/required-sections/rule';
import { structureSectionOrder } from './structure/section-order/rule';
import { adrMetadata } from './adr/metadata/rule';
import { adrNumbering } from './adr/numbering/rule';
import { taskDeliverablesRule } from './task/deliverables/rule';
import { taskConsistency } from './task/consistency/rule';

/** Every rule, in the order findings of equal position are listed. One explicit list, no discovery. */
export const allRules: readonly Rule[] = [
  frontmatterYaml,
  linksBroken,
  linksToArchived,
  staleReference,
  archiveDeprecationNotice,
  archiveInventory,
  contentMojibake,
  contentAbsolutePath,
  contentNestedFence,
  runbookStructure,
  codeFenceLanguage,
  codeSecretLiteral,
  codeSyntax,
  xrefMissingLink,
  xrefMentionedNotLinked,
  xrefMissingDocument,
  xrefUnresolvedCell,
  xrefIndexCoverage,
  structureRequiredSections,
  structureSectionOrder,
  adrMetadata,
  adrNumbering,
  taskDeliverablesRule,
  taskConsistency,
];
