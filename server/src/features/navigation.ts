// Go to definition, find references, highlights and rename for program and group names across the files of a
// configuration; definition on an [include] glob lists the files it matches.
import { pathToFileURL } from 'node:url';
import type { DocumentHighlight, Location, Position, WorkspaceEdit } from 'vscode-languageserver';
import { DocumentHighlightKind, ResponseError, ErrorCodes } from '../lsp';
import { expansionRefs } from '../analysis/expand';
import { rangeContains } from '../analysis/locate';
import { nameReferences, takenNames, unwritableName, type NameRef } from '../analysis/references';
import type { ConfigModel } from '../analysis/model';
import type { Modelled } from '../lint';
import type { Range } from '../parser';

export interface Navigation {
  modelled: Modelled;
  /** The URI of the analysed document (which may have no path, e.g. untitled). */
  uri: string;
}

function uriOf(nav: Navigation, model: ConfigModel): string {
  return model === nav.modelled.model || !model.path ? nav.uri : pathToFileURL(model.path).toString();
}

function refsAt(nav: Navigation, position: Position): { target: NameRef; all: NameRef[] } | undefined {
  const all = nameReferences(nav.modelled.context.models);
  const target = all.find((r) => r.model === nav.modelled.model && rangeContains(r.range, position));
  return target && { target, all: all.filter((r) => r.kind === target.kind && r.name === target.name) };
}

export function definition(nav: Navigation, position: Position): Location[] {
  const include = nav.modelled.context.includes.find((p) => rangeContains(p.range, position));
  if (include)
    return include.matches.map((path) => ({
      uri: pathToFileURL(path).toString(),
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    }));
  const found = refsAt(nav, position);
  if (!found) return [];
  return found.all.filter((r) => r.isDefinition).map((r) => ({ uri: uriOf(nav, r.model), range: r.range }));
}

export function references(nav: Navigation, position: Position, includeDeclaration: boolean): Location[] {
  const found = refsAt(nav, position);
  if (!found) return [];
  return found.all.filter((r) => includeDeclaration || !r.isDefinition).map((r) => ({ uri: uriOf(nav, r.model), range: r.range }));
}

export function documentHighlights(nav: Navigation, position: Position): DocumentHighlight[] {
  const found = refsAt(nav, position);
  if (!found) return [];
  return found.all
    .filter((r) => r.model === nav.modelled.model)
    .map((r) => ({ range: r.range, kind: r.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

export function prepareRename(nav: Navigation, position: Position): { range: Range; placeholder: string } | null {
  const found = refsAt(nav, position);
  if (!found) return null;
  refuseUnsafeRename(found);
  return { range: found.target.range, placeholder: found.target.name };
}

function refuseUnsafeRename({ target, all }: { target: NameRef; all: NameRef[] }): void {
  if (!all.every((r) => r.renamable)) {
    throw new ResponseError(
      ErrorCodes.InvalidRequest,
      `${target.name} is also named in a form that cannot be renamed safely (a quoted word or group:process).`,
    );
  }
  // In programs= and commands the name may be written with %% (supervisord expands them), where it is not found.
  if (target.name.includes('%'))
    throw new ResponseError(
      ErrorCodes.InvalidRequest,
      `${target.name} contains "%", which values may spell "%%": it cannot be renamed safely.`,
    );
}

export function rename(nav: Navigation, position: Position, newName: string): WorkspaceEdit | null {
  const found = refsAt(nav, position);
  if (!found) return null;
  const problem = unwritableName(newName);
  if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid name: ${problem}`);
  refuseUnsafeRename(found);
  // Of two process groups with one name supervisord keeps the first and silently drops the other (add_process_group).
  if (newName !== found.target.name && takenNames(nav.modelled.context.models).has(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `Invalid name: ${newName} already names a program or group in this configuration`);
  }
  if ([...newName].length !== 1 && printsNameAsCharacter(nav.modelled.context.models)) {
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `Invalid name: a value of this configuration prints a program or group name with %c, which takes one character`,
    );
  }
  const changes: Record<string, { range: Range; newText: string }[]> = {};
  for (const ref of found.all) (changes[uriOf(nav, ref.model)] ??= []).push({ range: ref.range, newText: newName });
  return { changes };
}

/** Some value prints `%(program_name)c` or `%(group_name)c`: a name of more than one character would break it. */
function printsNameAsCharacter(models: readonly ConfigModel[]): boolean {
  return models.some((model) =>
    model.sections.some((section) =>
      [...section.entries.values()].some(
        (entry) =>
          entry.value.includes(')c') &&
          expansionRefs(entry.value).some((ref) => ref.conversion === 'c' && (ref.name === 'program_name' || ref.name === 'group_name')),
      ),
    ),
  );
}
