// Formatting in each of its three styles, over every fixture and seeded variants of it, judged by the fix-safety
// property (harness.ts): supervisord reads exactly the same config, every comment stays.
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { formatDocument } from '../../server/src/features/formatting';
import { applied, assertSafe, nothing, subjects, type Case } from './harness';

const STYLES = ['keep', 'always', 'never'] as const;

test('formatting changes no value, no comment, no line break style and no verdict', () => {
  // Each original in every style, each variant in one of them (in turn), to stay within the time budget.
  const cases: Case[] = subjects(3).flatMap((subject, index) =>
    (subject.variant ? [STYLES[index % 3]] : STYLES).map((equals) => ({
      label: `${subject.label}: format (${equals})`,
      subject,
      after: applied(subject, formatDocument(analyzeText(subject.text), { equals })),
      allowance: nothing(),
    })),
  );
  assertSafe(cases);
});
