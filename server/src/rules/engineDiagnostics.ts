// Diagnostics the linter reports about itself rather than about the config: they are no rules (nothing to check, no
// examples), but they carry an id like one, so their links need a docs page (docs.ts writes it with the rules' pages).
import type { Severity } from '../settings';

export interface EngineDiagnostic {
  id: string;
  severity: Severity;
  summary: string;
  docs: { what: string; fix: string; references: string[] };
}

/** A rule threw: its findings are missing, the other rules' stand. */
export const analysisFailed: EngineDiagnostic = {
  id: 'lint/analysis-failed',
  severity: 'warning',
  summary: 'A rule failed on this file: its findings are missing, the other rules still ran.',
  docs: {
    what: `Shown at the top of a file when one rule (or another step of the analysis) stopped with an error on it, or ran
so long that it was stopped (15 seconds: only a rule caught in an endless loop takes that long). The message names
the rule and the error. The other rules' findings are still shown; this rule's are missing, so the file may have
problems that are not reported. A rule that was stopped stays off for that file: in the editor until the file is
closed, so that each edit does not wait for it again.`,
    fix: `It is a bug in supervisor-lint, not in your file. Please report it with the message and, if you can, the smallest
config that shows it. Meanwhile the rule can be turned off with \`"supervisor.rules": { "<rule id>": "off" }\`.`,
    references: [
      'supervisor-lint `server/src/rules/engine.ts`: `diagnose` (each rule runs on its own; a failure becomes this diagnostic)',
      'supervisor-lint `server/src/lint.ts`: `analyzeStopping` (a rule still running after 15 seconds is stopped and turned off for the file)',
    ],
  },
};

/** A `.supervisor-lint.json` that cannot be read: its settings are ignored until it is fixed. */
export const configInvalid: EngineDiagnostic = {
  id: 'lint/config-invalid',
  severity: 'warning',
  summary: 'The `.supervisor-lint.json` that applies to this file is broken, so its settings are not applied.',
  docs: {
    what: `Shown at the top of each file a \`.supervisor-lint.json\` applies to (the nearest one in the file's directory or
above it) when that file is not valid JSON, or has a key or value the linter does not know. The message says what is
wrong and where.`,
    fix: `Correct the file: the README's ".supervisor-lint.json" section lists its keys and values. Until then the editor lints
with its own settings only; the command line refuses to run with a broken file.`,
    references: ['supervisor-lint `server/src/lintConfig.ts`: the strict validation of `.supervisor-lint.json`'],
  },
};

export const ENGINE_DIAGNOSTICS: readonly EngineDiagnostic[] = [analysisFailed, configInvalid];
