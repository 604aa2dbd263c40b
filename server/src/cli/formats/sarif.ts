// SARIF 2.1.0, what GitHub code scanning and other dashboards import: the tool with every rule's metadata (its
// docs page as help), one result per finding with its location and its fixes as replacements.
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { RULES } from '../../rules';
import { rulePage } from '../../rules/docs';
import type { TextEdit } from '../../rules';
import type { Severity } from '../../settings';
import { oneBased, type FileReport } from '../report';
import { docsUrl, HOME_URL, TOOL_NAME, VERSION } from '../tool';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const ROOT = '%SRCROOT%';

const RULE_INDEX = new Map(RULES.map((rule, index) => [rule.id, index]));

function artifactLocation(display: string) {
  if (isAbsolute(display)) return { uri: pathToFileURL(display).href };
  return { uri: display.split('/').map(encodeURIComponent).join('/'), uriBaseId: ROOT };
}

const region = (range: TextEdit['range']) => {
  const { line, column, endLine, endColumn } = oneBased(range);
  return { startLine: line, startColumn: column, endLine, endColumn };
};

function driverRules() {
  return RULES.map((rule) => {
    const page = rulePage(rule);
    return {
      id: rule.id,
      shortDescription: { text: rule.summary },
      fullDescription: { text: rule.docs.what, markdown: rule.docs.what },
      help: { text: page, markdown: page },
      helpUri: docsUrl(rule.id),
      defaultConfiguration: { level: LEVEL[rule.severity] },
    };
  });
}

export function formatSarif(reports: readonly FileReport[]): string {
  const results = reports.flatMap((report) =>
    report.findings.map((f) => ({
      ruleId: f.rule,
      ...(RULE_INDEX.has(f.rule) ? { ruleIndex: RULE_INDEX.get(f.rule) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(report.display), region: region(f.range) } }],
      ...(f.fixes.length > 0
        ? {
            fixes: f.fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: artifactLocation(report.display),
                  replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                },
              ],
            })),
          }
        : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: HOME_URL, rules: driverRules() } },
        originalUriBaseIds: { [ROOT]: { uri: pathToFileURL(process.cwd()).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
