// Formatting in each of its three styles, over every fixture and seeded variants of it, judged by the fix-safety
// property (harness.ts): supervisord reads exactly the same config, every comment stays.
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/model';
import { formatDocument } from '../../server/src/features/formatting';
import { applied, assertSafe, nothing, subjects, type Case } from './harness';

test('formatting changes no value, no comment, no line break style and no verdict', () => {
  const cases: Case[] = subjects(6).flatMap((subject) =>
    (['keep', 'always', 'never'] as const).map((equals) => ({
      label: `${subject.label}: format (${equals})`,
      subject,
      after: applied(subject, formatDocument(analyzeText(subject.text), { equals })),
      allowance: nothing(),
    })),
  );
  assertSafe(cases);
});
