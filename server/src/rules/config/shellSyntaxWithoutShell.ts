import type { CommandLine } from '../../analysis/commandLine';
import type { Program } from '../../analysis/model';
import type { ShellWord } from '../../analysis/shellWords';
import { defineRule } from '../define';
import { entryRead, ownLine, programsRun, runsNoProcess } from '../mergedSections';
import { appendToValue, insertLinesAfter, removeWords, replaceInValue } from '../edits';
import type { Finding, Fix, FixMaker, RuleContext } from '../types';

/** Shell builtins and keywords a command line starts with, which no program file stands for. */
const BUILTINS = new Set([
  'cd',
  'source',
  '.',
  'export',
  'exec',
  'set',
  'unset',
  'ulimit',
  'umask',
  'alias',
  'eval',
  'trap',
  'if',
  'for',
  'while',
  'until',
  'case',
  'function',
  '{',
  '(',
  '[[',
  '!',
]);
/**
 * Control operators and redirections written as words of their own, or an output redirection joined to its file (not
 * `<name>`, which templates use for placeholders).
 */
const OPERATOR = /^(&&|\|\||\||;|&|[0-9]?>>?(&[0-9])?|&>>?|<)$|^([0-9]?>>?|&>>?)[^&|;<>]/;
/** A word OPERATOR may match starts with `&`, `|`, `;`, `<`, `>` or a digit: tested first, as nearly no word does. */
function mayBeOperator(word: string): boolean {
  const code = word.charCodeAt(0);
  return code === 38 || code === 124 || code === 59 || code === 60 || code === 62 || (code >= 48 && code <= 57);
}
/** A variable or `~` the shell would expand. */
const EXPANDED_BY_SHELL = /^~|\$[A-Za-z_{]/;
/** NAME=VALUE, which a shell reads as a variable for the command after it. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** One whose value environment= takes in double quotes as it is (nothing to escape, no `%`). */
const PLAIN_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z0-9_./:@+-]*)$/;

type Problem = { word: number; kind: 'builtin' | 'expansion' | 'assignment' | 'operator' };

/** The first word of a command line (split as supervisord splits it) that only a shell would understand. */
function shellSyntax(words: readonly ShellWord[], from = 0): Problem | undefined {
  const program = words[from]?.value;
  if (program === undefined) return undefined;
  if (BUILTINS.has(program)) return { word: from, kind: 'builtin' };
  if (EXPANDED_BY_SHELL.test(program)) return { word: from, kind: 'expansion' };
  if (ASSIGNMENT.test(program)) return { word: from, kind: 'assignment' };
  for (let i = from + 1; i < words.length; i++) {
    const word = words[i].value;
    // find's -exec ends with a `;` or `+` word of its own.
    if (word === ';' && words[i - 1].value === '{}') continue;
    if (mayBeOperator(word) && words[i].verbatim && OPERATOR.test(word)) return { word: i, kind: 'operator' };
  }
  return undefined;
}

const EXAMPLE_WORKER = `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
directory=/srv/app
stopwaitsecs=600
`;

export const shellSyntaxWithoutShell = defineRule({
  id: 'config/shell-syntax-without-shell',
  severity: 'warning',
  scope: 'section',
  summary:
    'A `command=` written for a shell (`cd`, `source`, `exec`, `~`, `$VAR`, `NAME=value`, `&&`, `>`): supervisord runs it without one.',
  docs: {
    what: `The \`command=\` of a program, fcgi-program or event listener, split into words as supervisord splits it, whose first
word is a shell builtin or keyword (\`cd\`, \`source\`, \`.\`, \`export\`, \`exec\`, \`ulimit\`, ...), starts with \`~\` or holds
a \`$VAR\`, or is a \`NAME=value\` assignment; or which has a shell operator or redirection as a word of its own
(\`&&\`, \`||\`, \`|\`, \`;\`, \`&\`, \`>\`, \`2>&1\`, \`>/var/log/x.log\`, ...). The first such word is marked. Inside \`sh -c '...'\`
a shell reads the script, and nothing there is reported.`,
    why: `supervisord does not start commands through a shell: it splits the line like \`shlex\` and executes the first word
as a program, looked up in \`PATH\` when it has no \`/\`. There is no program named \`cd\` or \`source\`, \`~\` and \`$HOME\` are
not expanded, and \`NAME=value\` is not a program either: the process never starts ("can't find command"), and after
its retries the program is FATAL. Operators and redirections are handed to the program as plain arguments: what
follows \`&&\` never runs as a command, and \`> file\` redirects nothing (the program may refuse the stray arguments).`,
    fix: `Say it the way supervisord reads it: \`directory=\` for the working directory, \`environment=\` for variables,
\`%(ENV_HOME)s\` for a variable of supervisord's environment, \`stdout_logfile=\` and \`redirect_stderr=true\` for the output.
When the line really needs a shell, hand it to one, and let the program replace the shell with \`exec\`:
\`\`\`ini
[program:worker]
command=/bin/sh -c ". /srv/app/env.sh && exec /srv/app/venv/bin/celery -A proj worker -l info"
stopwaitsecs=600
\`\`\``,
    references: [
      'Supervisor 4.2.5 `supervisor/process.py`: `Subprocess.get_execv_args` (`shlex.split`, the first word looked up in `PATH`) and `_spawn_as_child` (`execve`, no shell)',
      'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.check_execv_args` ("can\'t find command")',
    ],
  },
  examples: [
    {
      title: '`cd` is a shell builtin: supervisord has `directory=` for it',
      config: `[program:worker]
command=«cd» /srv/app && /srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
      fixed: EXAMPLE_WORKER,
    },
    {
      title: '`exec` is a shell builtin too: supervisord starts the program itself',
      config: `[program:worker]
command=«exec» /srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
      fixed: `[program:worker]
command=/srv/app/venv/bin/celery -A proj worker -l info
stopwaitsecs=600
`,
    },
    {
      title: 'A variable set the way a shell sets it',
      config: `[program:web]
command=«DJANGO_SETTINGS_MODULE=proj.settings» /srv/app/venv/bin/gunicorn proj.wsgi
`,
      fixed: `[program:web]
command=/srv/app/venv/bin/gunicorn proj.wsgi
environment=DJANGO_SETTINGS_MODULE="proj.settings"
`,
    },
    {
      title: 'A redirection is one more argument',
      config: `[program:web]
command=/srv/app/venv/bin/gunicorn proj.wsgi «>» /var/log/web.log
`,
    },
    {
      config: EXAMPLE_WORKER,
    },
  ],
  fixes: {
    directory: { title: 'Move `cd DIR &&` to directory=DIR', safe: false },
    withoutExec: { title: 'Delete the `exec` supervisord would look for as a program', safe: false },
    environment: { title: 'Move `NAME=value` to environment=', safe: false },
  },
  check(context, fix) {
    const findings: Finding[] = [];
    // The command supervisord runs: not one a later file's copy of the section replaces.
    const programs = programsRun(context);
    for (let i = 0; i < programs.length; i++) {
      const program = programs[i];
      const command = program.command;
      if (!command || command.split.error) continue;
      const problem = problemOf(command);
      if (!problem || runsNoProcess(context, program)) continue;
      const { words } = command.split;
      const word = words[problem.word];
      // A [DEFAULT] command= serves other sections too: marked on each program's header, and left as it is.
      const own = program.section.entries.get('command') === command.entry;
      findings.push({
        range: own ? command.rangeOf(word.start, word.end) : program.section.nodes[0].headerRange,
        message: `[${program.section.name}] ${explain(problem, words)}${own ? '' : ' (command= from [DEFAULT])'}`,
        fixes: !own
          ? []
          : problem.kind === 'builtin'
            ? builtinFixes(context, program, words, fix.directory, fix.withoutExec)
            : problem.kind === 'assignment'
              ? assignmentFixes(context, program, words, fix.environment)
              : [],
      });
    }
    return findings;
  },
});

const problems = new WeakMap<CommandLine, Problem | null>();

/** shellSyntax of a command line, once per line: the programs of a [DEFAULT] command= share it. */
function problemOf(command: CommandLine): Problem | undefined {
  let problem = problems.get(command);
  if (problem === undefined) problems.set(command, (problem = shellSyntax(command.split.words) ?? null));
  return problem ?? undefined;
}

function explain({ word, kind }: Problem, words: readonly ShellWord[]): string {
  const written = words[word].value;
  switch (kind) {
    case 'builtin':
      return `command starts with ${written}, which only a shell knows: supervisord runs the command without one and finds no program named ${written}, so the process never starts ("can't find command"). ${written === 'cd' ? 'Set directory= instead' : written === 'exec' ? 'Delete it: supervisord replaces nothing, it starts the program itself' : 'Run the line through /bin/sh -c "..."'}.`;
    case 'expansion':
      return `command starts with ${written}: supervisord runs the command without a shell, which would have expanded ${written.startsWith('~') ? '~' : 'the variable'}, and finds no such file, so the process never starts ("can't find command"). Write the path out (supervisord's own %(ENV_HOME)s expands).`;
    case 'assignment':
      return `command starts with ${written}, which only a shell reads as a variable: supervisord looks for a program of that name, so the process never starts ("can't find command"). Set it with environment= instead.`;
    case 'operator':
      return `command hands ${written} to ${words[0].value} as an argument: supervisord runs the command without a shell, so no operator or redirection works there. Use stdout_logfile= for output, or run the line through /bin/sh -c "...".`;
  }
}

/**
 * `cd DIR && the rest` becomes directory=DIR and the rest (when no copy of the section, nor [DEFAULT], sets a directory,
 * and the rest needs no shell); a leading `exec` is deleted when what follows needs no shell.
 */
function builtinFixes(
  context: RuleContext,
  program: Program,
  words: readonly ShellWord[],
  directory: FixMaker,
  withoutExec: FixMaker,
): Fix[] {
  const { model } = context;
  const command = program.command!;
  const first = words[0].value;
  if (first === 'exec' && words.length > 1 && !shellSyntax(words, 1)) {
    const edits = removeWords(model.file, command, words, 0, 0);
    return edits ? [withoutExec(edits, { preferred: true })] : [];
  }
  if (first !== 'cd' || words.length < 4 || words[2].value !== '&&' || shellSyntax(words, 3)) return [];
  const target = words[1];
  if (!target.verbatim || EXPANDED_BY_SHELL.test(target.value) || entryRead(context, program.section, 'directory')) return [];
  const rest = replaceInValue(command.entry, 0, words[3].start, '');
  if (!rest) return [];
  const last = command.entry.valueLines[command.entry.valueLines.length - 1].line;
  return [
    directory([rest, insertLinesAfter(model.file, last, `directory=${target.value}`)], {
      title: `Move cd ${target.value} to directory=${target.value}`,
      preferred: true,
    }),
  ];
}

/**
 * `NAME=value ... the rest` becomes the rest with the pairs in environment= (added to the section's own, or a new line
 * when no copy of the section nor [DEFAULT] has one), when every value is plain and the rest needs no shell. A line
 * another file's copy sets would replace this file's: the pairs would be lost.
 */
function assignmentFixes(context: RuleContext, program: Program, words: readonly ShellWord[], environment: FixMaker): Fix[] {
  const { model } = context;
  const command = program.command!;
  const pairs: string[] = [];
  let n = 0;
  for (; n < words.length && ASSIGNMENT.test(words[n].value); n++) {
    const plain = words[n].verbatim && PLAIN_ASSIGNMENT.exec(words[n].value);
    if (!plain) return [];
    pairs.push(`${plain[1]}="${plain[2]}"`);
  }
  if (n === words.length || shellSyntax(words, n)) return [];
  const read = entryRead(context, program.section, 'environment');
  // A [DEFAULT] environment= would be replaced for this section, another copy's would replace this one; an empty one
  // or one ending in a comma is left alone.
  if (read && (!ownLine(model, program.section, read) || !/[^,\s]$/.test(read.entry.value))) return [];
  const existing = read?.entry;
  const rest = replaceInValue(command.entry, 0, words[n].start, '');
  if (!rest) return [];
  const last = command.entry.valueLines[command.entry.valueLines.length - 1].line;
  const added = existing
    ? appendToValue(existing, `,${pairs.join(',')}`)
    : insertLinesAfter(model.file, last, `environment=${pairs.join(',')}`);
  return [
    environment([rest, added], {
      title: `Move ${pairs.map((p) => p.slice(0, p.indexOf('='))).join(', ')} to environment=`,
      preferred: true,
    }),
  ];
}
