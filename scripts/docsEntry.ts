// The files `npm run docs` writes, by path: every rule's page and the README with the rules table.
import { readmeWithRules, rulePage, rulePagePath } from '../server/src/rules/docs';
import { RULES } from '../server/src/rules';

export function generatedDocs(readme: string): Map<string, string> {
  const files = new Map(RULES.map((rule) => [rulePagePath(rule.id), rulePage(rule)]));
  files.set('README.md', readmeWithRules(readme, RULES));
  return files;
}
