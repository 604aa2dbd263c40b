import type { ConfigModel } from '../analysis/model';
import type { IncludePattern } from '../analysis/includes';
import type { ProcessIndex } from '../analysis/processIndex';
import type { Range } from '../parser';
import type { Settings, Severity } from '../settings';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix: applied by "fix all" and offered first. */
  preferred?: boolean;
}

export interface Finding {
  range: Range;
  message: string;
  fixes?: Fix[];
}

export interface RuleContext {
  model: ConfigModel;
  settings: Settings;
  /** Processes and groups of the whole configuration this file belongs to. */
  processes: ProcessIndex;
  /** The [include] patterns of this file and what they match (empty when not resolved). */
  includes: IncludePattern[];
}

export interface Rule {
  /** `area/what-is-wrong`, stable once released; also the diagnostic code and the docs page name. */
  id: string;
  severity: Severity;
  /** One line for the rules table and the CLI's --list-rules. */
  summary: string;
  check(context: RuleContext): Finding[];
}
