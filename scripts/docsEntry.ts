// The files `npm run docs` writes, by path: every rule's page, the engine diagnostics' pages and the README with the
// rules table.
import { engineDiagnosticPage, readmeWithRules, rulePage, rulePagePath } from '../server/src/rules/docs';
import { ENGINE_DIAGNOSTICS } from '../server/src/rules/engineDiagnostics';
import { RULES } from '../server/src/rules';

export function generatedDocs(readme: string): Map<string, string> {
  const files = new Map(RULES.map((rule) => [rulePagePath(rule.id), rulePage(rule)]));
  for (const diagnostic of ENGINE_DIAGNOSTICS) files.set(rulePagePath(diagnostic.id), engineDiagnosticPage(diagnostic));
  files.set('README.md', readmeWithRules(readme, RULES, ENGINE_DIAGNOSTICS));
  return files;
}
