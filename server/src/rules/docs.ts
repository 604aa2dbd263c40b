// The rules' documentation, written from the registry: one page per rule and the README's rules table.
// `npm run docs` writes them; a test fails when the committed files differ.
import type { Severity } from '../settings';
import { examplePath, readMarks } from './examples';
import type { EngineDiagnostic } from './engineDiagnostics';
import type { Rule, RuleExample } from './types';

const SEVERITY_NAMES: Record<Severity, string> = { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' };

const severityName = (severity: Severity): string => SEVERITY_NAMES[severity];

/** Where a rule's page lives, relative to the repository root. */
export const rulePagePath = (id: string): string => `docs/rules/${id}.md`;

function fixList(rule: Rule): string {
  const specs = Object.values(rule.fixes);
  if (specs.length === 0) return 'None: the right change depends on what you meant.';
  return specs.map((s) => `- ${s.title}${s.safe ? '' : ' (unsafe: offered, never applied by fix-all or `--fix`)'}`).join('\n');
}

const fence = (text: string) => '```ini\n' + text.replace(/\n?$/, '\n') + '```';

function exampleBlock(example: RuleExample): string {
  const { text, ranges } = readMarks(example.config);
  const parts = [example.title ? `${example.title}:` : ''];
  // An example judged in its configuration shows the other files too: without them the finding makes no sense.
  const others = Object.entries(example.files ?? {});
  if (others.length) {
    for (const [path, other] of others) parts.push(`\`${path}\`:`, fence(other));
    parts.push(`\`${examplePath(example)}\`:`);
  }
  parts.push(fence(text));
  if (ranges.length && example.fixed !== undefined) parts.push('After the preferred fix:', fence(example.fixed));
  return parts.filter(Boolean).join('\n\n');
}

function examples(rule: Rule): string {
  const reported = rule.examples.filter((e) => readMarks(e.config).ranges.length > 0);
  const fine = rule.examples.filter((e) => readMarks(e.config).ranges.length === 0);
  const sections = [];
  if (reported.length) sections.push('### Reported\n\n' + reported.map(exampleBlock).join('\n\n'));
  if (fine.length) sections.push('### Not reported\n\n' + fine.map(exampleBlock).join('\n\n'));
  return sections.join('\n\n');
}

const HOST_DEPENDENT = `What it reports depends on the files of the machine it runs on: \`"hostChecks": false\` in
\`.supervisor-lint.json\` turns it off, for a CI job that lints a copy of a server's configuration.`;

export function rulePage(rule: Rule): string {
  const { docs } = rule;
  const silence = [
    'Add a comment on the line above the finding or at its end: `; supervisor-lint: disable=' + rule.id + '`',
    '(`disable-file=` at the top silences it for the whole file), or turn the rule off with',
    '`"supervisor.rules": { "' + rule.id + '": "off" }`.',
  ].join('\n');
  const sections = [
    `# ${rule.id}`,
    `**Severity:** ${severityName(rule.severity)} · **Quick fix:** ${Object.keys(rule.fixes).length ? 'yes' : 'no'}`,
    rule.summary,
    `## What it finds\n${docs.what}`,
    `## Why it matters\n${docs.why}`,
    `## How to fix\n${docs.fix}\n\nQuick fixes:\n${fixList(rule)}`,
    `## Examples\n${examples(rule)}`,
    `## Silence it\n${silence}${rule.hostDependent ? `\n\n${HOST_DEPENDENT}` : ''}${docs.silence ? `\n\n${docs.silence}` : ''}`,
    `## References\n${docs.references.map((r) => `- ${r}`).join('\n')}`,
  ];
  return sections.map((s) => s.trim()).join('\n\n') + '\n';
}

/** The page of a diagnostic about the linter itself: what it means and what to do, no examples. */
export function engineDiagnosticPage(diagnostic: EngineDiagnostic): string {
  const { docs } = diagnostic;
  const sections = [
    `# ${diagnostic.id}`,
    `**Severity:** ${severityName(diagnostic.severity)} · a diagnostic of the linter itself, not of the config`,
    diagnostic.summary,
    `## What it means\n${docs.what}`,
    `## What to do\n${docs.fix}`,
    `## References\n${docs.references.map((r) => `- ${r}`).join('\n')}`,
  ];
  return sections.map((s) => s.trim()).join('\n\n') + '\n';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function rulesTable(rules: readonly Rule[]): string {
  const rows = rules.map((rule) => {
    const fixes =
      Object.values(rule.fixes)
        .map((f) => f.title)
        .join('; ') || '—';
    return `| [\`${rule.id}\`](${rulePagePath(rule.id)}) | ${severityName(rule.severity)} | ${cell(fixes)} | ${cell(rule.summary)} |`;
  });
  return ['| Rule | Severity | Quick fix | What it finds |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function engineTable(diagnostics: readonly EngineDiagnostic[]): string {
  const rows = diagnostics.map((d) => `| [\`${d.id}\`](${rulePagePath(d.id)}) | ${severityName(d.severity)} | ${cell(d.summary)} |`);
  return [
    'The linter also reports on itself, under ids of the same form:',
    '',
    '| Diagnostic | Severity | What it means |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const TABLE_START = '<!-- rules:start (generated by `npm run docs`) -->';
const TABLE_END = '<!-- rules:end -->';

/** The README with its rules table (and the engine diagnostics' below it) replaced by the registry's. */
export function readmeWithRules(readme: string, rules: readonly Rule[], engine: readonly EngineDiagnostic[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${TABLE_START} … ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${rulesTable(rules)}\n\n${engineTable(engine)}\n${readme.slice(end)}`;
}
