// The parser's problems, surfaced as rules so they share ids, docs, severities and suppression with the rest.
import type { SyntaxProblemCode } from '../parser';
import type { Rule } from './types';

function syntaxRule(code: SyntaxProblemCode, summary: string): Rule {
  return {
    id: `syntax/${code}`,
    severity: 'error',
    summary,
    check: ({ model }) => model.file.problems.filter((p) => p.code === code).map((p) => ({ range: p.range, message: p.message })),
  };
}

export const syntaxRules: Rule[] = [
  syntaxRule('missing-section-header', 'A setting before the first [section] header: supervisord refuses the file.'),
  syntaxRule('invalid-line', 'A line inside a section that is neither a comment nor key=value: supervisord refuses the file.'),
  syntaxRule('empty-key', 'A "=value" line without a key: supervisord refuses the file.'),
];
