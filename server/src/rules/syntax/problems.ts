// The parser's problems of one kind, as findings: syntax rules only surface what the parser found.
import type { ConfigModel } from '../../analysis/model';
import type { SyntaxProblemCode } from '../../parser';
import type { Finding } from '../types';

export function syntaxProblems(model: ConfigModel, code: SyntaxProblemCode): Finding[] {
  return model.file.problems.filter((p) => p.code === code).map((p) => ({ range: p.range, message: p.message }));
}

/** Where supervisord's parser (Python's ConfigParser) reads lines; every syntax rule rests on it. */
export const CONFIGPARSER_REFERENCES = [
  'CPython `Lib/configparser.py`: `RawConfigParser._read` (section headers, `key = value` / `key: value` lines, continuation lines, `;`/`#` comments)',
  'Supervisor 4.2.5 `supervisor/options.py`: `ServerOptions.read_config`, which reads the main file with `UnhosedConfigParser.read_file` and each included file with `UnhosedConfigParser.read`, and stops supervisord on a `ParsingError`',
];
