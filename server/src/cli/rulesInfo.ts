// --list-rules and --explain: the registry as a table or JSON, and a rule's documentation page.
import { RULES } from '../rules';
import { rulePage } from '../rules/docs';
import { docsUrl } from './tool';

export function listRules(json: boolean): string {
  const rows = RULES.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    summary: rule.summary,
    fixable: Object.keys(rule.fixes).length > 0,
    docs: docsUrl(rule.id),
  }));
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  return rows.map((r) => `${r.id}\t${r.severity}\t${r.fixable ? 'fixable' : '-'}\t${r.summary}\t${r.docs}\n`).join('');
}

/** The rule's page as `npm run docs` writes it into docs/rules/. */
export function explainRule(id: string): string {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rulePage(rule);
}
