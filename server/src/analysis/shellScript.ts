// Reads a `sh -c` script the way a POSIX shell tokenises it (quotes, backslashes, operators, `#` comments), far
// enough to list its simple commands: which program each runs, with which arguments and NAME=VALUE prefixes.
// Anything beyond a plain list of simple commands (subshells, braces, if/for/while, here-documents) is left unread.
import { traceRun, type CharTrace } from './shellWords';

export interface ScriptWord {
  value: string;
  /** Offsets of the raw text in the script. */
  start: number;
  end: number;
}

interface Assignment {
  name: string;
  value: string;
}

export interface SimpleCommand {
  /** NAME=VALUE words before the command word: the command runs with them in its environment. */
  assignments: Assignment[];
  /** The command word and its arguments, redirections left out. */
  words: ScriptWord[];
  /** It has a redirection (`>log`, `2>&1`). */
  redirected: boolean;
  /**
   * The operator that ends it: `;`, `&`, `&&`, `||`, `|`, `|&` or a newline; undefined at the end of the script. A
   * newline after `&&`, `||` or `|` continues the list, so the operator is kept; after `;` the next line starts anew.
   */
  endedBy?: string;
}

type Token = { word: ScriptWord } | { operator: string };

const BLANKS = new Set([' ', '\t']);
/** Characters that end a word and start an operator. */
const OPERATOR_START = new Set([';', '&', '|', '<', '>', '(', ')', '\n']);
/** Operators longest first, so `>>` wins over `>`. */
const OPERATORS = [
  '<<<',
  '&>>',
  '<<-',
  '&&',
  '||',
  ';;',
  '|&',
  '&>',
  '>>',
  '<<',
  '<&',
  '>&',
  '<>',
  '>|',
  ';',
  '&',
  '|',
  '<',
  '>',
  '(',
  ')',
  '\n',
];
const SEPARATORS = new Set([';', '&', '&&', '||', '|', '|&', '\n']);
const CONTINUED_BY_NEWLINE = new Set(['&&', '||', '|', '|&']);
const REDIRECTIONS = new Set(['<', '>', '>>', '<&', '>&', '<>', '>|', '&>', '&>>', '<<<']);
/** Reserved words that open compound commands: a script using them is more than a list of simple commands. */
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'select',
  'function',
  '{',
  '}',
  '!',
  '[[',
  ']]',
]);
/** Inside double quotes a backslash only escapes these. */
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

/** The simple commands of a script in order, or undefined when it is more than a list of them or cannot be read. */
export function readScriptCommands(script: string): SimpleCommand[] | undefined {
  const tokens = tokenize(script);
  if (!tokens) return undefined;
  const commands: SimpleCommand[] = [];
  const fresh = (): SimpleCommand => ({ assignments: [], words: [], redirected: false });
  let current = fresh();
  const finish = (operator: string) => {
    const empty = current.words.length === 0 && current.assignments.length === 0;
    if (!empty) commands.push(current);
    current = fresh();
    const last = commands[commands.length - 1];
    // Separators in a row: a newline after `&&`, `||` or `|` continues the list, a newline after `;` starts a line.
    if (last && (!empty || operator !== '\n' || !CONTINUED_BY_NEWLINE.has(last.endedBy!))) last.endedBy = operator;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if ('operator' in token) {
      if (SEPARATORS.has(token.operator)) {
        finish(token.operator);
        continue;
      }
      // Subshells, `;;` and here-documents are beyond a list of simple commands.
      if (!REDIRECTIONS.has(token.operator)) return undefined;
      const target = tokens[++i];
      if (!target || !('word' in target)) return undefined;
      current.redirected = true;
      continue;
    }
    const word = token.word;
    // An all-digit word glued to a redirection is its file descriptor (`2>&1`).
    if ((script[word.end] === '<' || script[word.end] === '>') && isDigits(script, word.start, word.end)) continue;
    if (current.words.length === 0) {
      const assignment = readAssignment(script, word);
      if (assignment) {
        current.assignments.push(assignment);
        continue;
      }
      if (RESERVED.has(script.slice(word.start, word.end))) return undefined;
    }
    current.words.push(word);
  }
  if (current.words.length > 0 || current.assignments.length > 0) commands.push(current);
  return commands;
}

/** Reads the shell word whose raw text starts at `start`, telling `trace` where each character of its value came from. */
export function readScriptWord(script: string, start: number, trace?: CharTrace): ScriptWord | undefined {
  let value = '';
  let i = start;
  while (i < script.length && !endsWord(script[i])) {
    const c = script[i];
    if (c === '\\') {
      if (script[i + 1] === '\n') {
        i += 2; // a line continuation disappears
      } else if (i + 1 < script.length) {
        value += script[i + 1];
        trace?.(i, i + 2, false);
        i += 2;
      } else {
        value += c;
        trace?.(i, i + 1, false);
        i++;
      }
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      if (close < 0) return undefined;
      value += script.slice(i + 1, close);
      traceRun(trace, i + 1, close, true);
      i = close + 1;
    } else if (c === '"') {
      const quoted = readDoubleQuoted(script, i + 1, trace);
      if (!quoted) return undefined;
      value += quoted.value;
      i = quoted.end;
    } else {
      // Plain characters and expansions, kept as written (what they expand to is only known at run time).
      const end = skipPlain(script, i);
      if (end < 0) return undefined;
      value += script.slice(i, end);
      traceRun(trace, i, end, false);
      i = end;
    }
  }
  return { value, start, end: i };
}

const endsWord = (c: string) => BLANKS.has(c) || OPERATOR_START.has(c);

/** End of the run of plain characters and expansions at `from`, or -1 when an expansion is unclosed. */
function skipPlain(script: string, from: number): number {
  let i = from;
  while (i < script.length && !endsWord(script[i]) && script[i] !== '\\' && script[i] !== "'" && script[i] !== '"') {
    if (script[i] !== '$' && script[i] !== '`') {
      i++;
      continue;
    }
    i = skipExpansion(script, i);
    if (i < 0) return -1;
  }
  return i;
}

function tokenize(script: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (BLANKS.has(c) || (c === '\\' && script[i + 1] === '\n')) {
      i += c === '\\' ? 2 : 1;
    } else if (c === '#') {
      const newline = script.indexOf('\n', i);
      i = newline < 0 ? script.length : newline;
    } else if (OPERATOR_START.has(c)) {
      const operator = OPERATORS.find((o) => script.startsWith(o, i))!;
      tokens.push({ operator });
      i += operator.length;
    } else {
      const word = readScriptWord(script, i);
      if (!word) return undefined;
      tokens.push({ word });
      i = word.end;
    }
  }
  return tokens;
}

/** Reads double-quoted text from `from` (just after the opening quote) up to and including the closing quote. */
function readDoubleQuoted(script: string, from: number, trace?: CharTrace): { value: string; end: number } | undefined {
  let value = '';
  let run = from; // start of the characters not yet added
  let i = from;
  while (i < script.length) {
    const c = script[i];
    if (c === '"') {
      value += script.slice(run, i);
      traceRun(trace, run, i, true);
      return { value, end: i + 1 };
    }
    if (c === '\\' && i + 1 < script.length && DOUBLE_QUOTE_ESCAPES.has(script[i + 1])) {
      value += script.slice(run, i);
      traceRun(trace, run, i, true);
      // A line continuation disappears; any other escaped character stays, without its backslash.
      if (script[i + 1] !== '\n') {
        value += script[i + 1];
        trace?.(i, i + 2, true);
      }
      i += 2;
      run = i;
    } else if (c === '$' || c === '`') {
      i = skipExpansion(script, i);
      if (i < 0) return undefined;
    } else {
      i++;
    }
  }
  return undefined;
}

/** End of the `$(...)`, `${...}`, `$((...))` or backquoted expansion at `at` (just `at + 1` for a plain `$`), or -1 if unclosed. */
function skipExpansion(script: string, at: number): number {
  if (script[at] === '`') {
    for (let i = at + 1; i < script.length; i++) {
      if (script[i] === '\\') i++;
      else if (script[i] === '`') return i + 1;
    }
    return -1;
  }
  const open = script[at + 1];
  if (open !== '(' && open !== '{') return at + 1;
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let i = at + 1; i < script.length; i++) {
    const c = script[i];
    if (c === '\\') {
      i++;
    } else if (c === "'") {
      i = script.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === open) {
      depth++;
    } else if (c === close && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/** NAME=VALUE with the name and `=` written plainly, as the shell requires for an assignment. */
function readAssignment(script: string, word: ScriptWord): Assignment | undefined {
  let i = word.start;
  if (!isNameStart(script.charCodeAt(i))) return undefined;
  while (i < word.end && isNameChar(script.charCodeAt(i))) i++;
  if (script[i] !== '=') return undefined;
  const name = script.slice(word.start, i);
  return { name, value: word.value.slice(name.length + 1) };
}

function isDigits(script: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (script.charCodeAt(i) < 0x30 || script.charCodeAt(i) > 0x39) return false;
  return end > start;
}

const isNameStart = (c: number) => c === 0x5f || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39);

/** Whether a name is one a shell variable can have. */
export function isVariableName(name: string): boolean {
  if (!name || !isNameStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isNameChar(name.charCodeAt(i))) return false;
  return true;
}
