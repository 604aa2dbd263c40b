// A file seen through some of its sections only: rules/reuse.ts runs the rules of section scope on the sections an edit
// touched. The rules read the view's sections; an edit that adds lines lays them out among all the file's (edits.ts).
import type { ConfigFile, Section } from '../parser';

const wholeFiles = new WeakMap<ConfigFile, ConfigFile>();

/**
 * `file` with `sections` only (the lines, comments and problems of the whole file). Not a spread: that would read every
 * property, the line lengths too, which the file works out over all its lines when first read (some 30 000 of a 1 MB
 * file, on every keystroke).
 */
export function sectionsView(file: ConfigFile, sections: Section[]): ConfigFile {
  const view: ConfigFile = {
    lineStarts: file.lineStarts,
    get lineLengths() {
      return file.lineLengths;
    },
    eol: file.eol,
    sections,
    comments: file.comments,
    problems: file.problems,
  };
  wholeFiles.set(view, file);
  return view;
}

/** The file a view shows part of; a file itself when it is no view. */
export const wholeFile = (file: ConfigFile): ConfigFile => wholeFiles.get(file) ?? file;
