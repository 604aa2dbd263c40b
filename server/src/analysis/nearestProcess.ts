// The process name nearest to a word that names no process, among every program's names, without looking at every
// program: a conf.d of a thousand fragments, each naming a process that does not exist, asked a thousand times.
// Programs named by a template are held in a tree of the text their names start with. A word walks down the tree with
// a lower bound of its distance to the names under each node (util/closest.ts WordLetters), which only grows deeper
// down, so a subtree that cannot beat the best found so far is left unopened. A first descent along the branch that
// reads most like the word finds a good best before the walk: walked in prefix order with no best yet, a word far from
// every name (`nope123` among `p0`..`p1999`) compared itself in full with most programs.
import { closest, WordLetters } from '../util/closest';
import type { Program } from './model';

export interface Suggestion {
  value: string;
  distance: number;
}

/**
 * The programs `[from, to)` of the prefix order whose prefixes start with the node's text, their first `length`
 * characters; the first `[from, ends)` have exactly that prefix. `first`: the earliest program under it, which wins a
 * tie. Children are made when the node is first opened.
 */
interface PrefixNode {
  from: number;
  ends: number;
  to: number;
  length: number;
  first: number;
  children?: PrefixNode[];
}

export class NearestProcess {
  /** Programs whose names have no fixed start (listed names): compared with every word. */
  private readonly unprefixed: number[] = [];
  /** The other programs' places in `programs`, ordered by prefix. */
  private readonly ordered: number[] = [];
  private readonly root: PrefixNode | undefined;

  /** `programs`: each with process names; on a tie, the earliest program's name is the suggestion. */
  constructor(private readonly programs: readonly Program[]) {
    programs.forEach((program, index) => (program.processNames!.prefix === undefined ? this.unprefixed : this.ordered).push(index));
    const prefixes = this.ordered.map((index) => programs[index].processNames!.prefix!);
    // Sorted by prefix, ties in program order (the sort is stable).
    const order = prefixes.map((_, k) => k).sort((a, b) => (prefixes[a] < prefixes[b] ? -1 : prefixes[a] > prefixes[b] ? 1 : 0));
    this.ordered = order.map((k) => this.ordered[k]);
    if (this.ordered.length) this.root = this.node(0, this.ordered.length);
  }

  /** `reach`: a name farther than this from the word is no suggestion (nor looked for). */
  closest(word: string, reach = Infinity): Suggestion | undefined {
    const letters = new WordLetters(word);
    let best: (Suggestion & { index: number }) | undefined;
    /** An earlier program wins a tie, so it may match the best distance; a later one must beat it. */
    const within = (index: number) => (best ? best.distance - (index < best.index ? 0 : 1) : reach);
    const visit = (index: number, bound: number) => {
      if (bound > within(index)) return;
      const found = closest(word, this.programs[index].processNames!.near(word), within(index));
      if (found && (!best || found.distance < best.distance || index < best.index)) best = { ...found, index };
    };
    const visitEnding = (node: PrefixNode) => {
      for (let i = node.from; i < node.ends; i++) visit(this.ordered[i], letters.bound);
    };
    for (const index of this.unprefixed) visit(index, 0);
    if (this.root) {
      const descended = this.descend(word, letters, this.root, visitEnding);
      // The descent's programs were compared already, with a best no better than the walk's.
      this.walk(
        letters,
        this.root,
        (node) => {
          if (!descended.has(node)) visitEnding(node);
        },
        within,
      );
    }
    return best && { value: best.value, distance: best.distance };
  }

  /**
   * Follows the children with the lowest bound down to a leaf, visiting the programs on the way: a first best to prune
   * the walk with. Of children bounded alike, the one whose text goes on as the word does (`wroker-17_01` past
   * `worker-`: `1`, then `7`). Leaves the word's text as it found it (empty); returns the nodes it went through.
   */
  private descend(word: string, letters: WordLetters, root: PrefixNode, visitEnding: (node: PrefixNode) => void): Set<PrefixNode> {
    const lower = word.toLowerCase();
    const path = new Set<PrefixNode>();
    let read = 0;
    let node: PrefixNode | undefined = root;
    while (node) {
      read = this.follow(lower, read, node, letters.length);
      this.enter(letters, node);
      visitEnding(node);
      path.add(node);
      let chosen: PrefixNode | undefined;
      let chosenBound = Infinity;
      let chosenAt = Infinity;
      for (const child of this.childrenOf(node)) {
        const bound = this.boundOf(letters, child);
        if (bound > chosenBound) continue;
        const at = lower.indexOf(this.prefixAt(child.from).charAt(node.length).toLowerCase(), read);
        const ahead = at === -1 ? Infinity : at;
        if (bound < chosenBound || ahead < chosenAt) [chosen, chosenBound, chosenAt] = [child, bound, ahead];
      }
      node = chosen;
    }
    while (letters.length > 0) letters.pop();
    return path;
  }

  /** How far into the word the node's text past `from` is read, as a subsequence, from `read` on. */
  private follow(lower: string, read: number, node: PrefixNode, from: number): number {
    const text = this.prefixAt(node.from);
    for (let i = from; i < node.length && read < lower.length; i++) {
      const at = lower.indexOf(text.charAt(i).toLowerCase(), read);
      if (at !== -1) read = at + 1;
    }
    return read;
  }

  /**
   * Visits every node whose bound allows a program under it to beat the best (or tie it, for an earlier program),
   * depth first with a stack of its own: a tree of nested prefixes may be as deep as there are programs.
   */
  private walk(letters: WordLetters, root: PrefixNode, visitEnding: (node: PrefixNode) => void, within: (index: number) => number): void {
    // A node to enter, or the length to cut the text back to once a node's subtree is done.
    const stack: (PrefixNode | number)[] = [root];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (typeof top === 'number') {
        while (letters.length > top) letters.pop();
        continue;
      }
      const back = letters.length;
      this.enter(letters, top);
      if (letters.bound > within(top.first)) {
        while (letters.length > back) letters.pop();
        continue;
      }
      visitEnding(top);
      stack.push(back);
      const children = this.childrenOf(top);
      for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
    }
  }

  /** Gives the word the characters of the node's text past its parent's (the text's length so far). */
  private enter(letters: WordLetters, node: PrefixNode): void {
    const text = this.prefixAt(node.from);
    for (let i = letters.length; i < node.length; i++) letters.push(text, i);
  }

  /** The bound of a child of the node whose text the word holds, leaving that text as it was. */
  private boundOf(letters: WordLetters, child: PrefixNode): number {
    const back = letters.length;
    this.enter(letters, child);
    const bound = letters.bound;
    while (letters.length > back) letters.pop();
    return bound;
  }

  private prefixAt(i: number): string {
    return this.programs[this.ordered[i]].processNames!.prefix!;
  }

  /** The node of the programs `[from, to)` of the prefix order: their common start is that of the first and last. */
  private node(from: number, to: number): PrefixNode {
    const first = this.prefixAt(from);
    const last = this.prefixAt(to - 1);
    let length = 0;
    while (length < first.length && length < last.length && first.charCodeAt(length) === last.charCodeAt(length)) length++;
    // Prefixes equal to the common start sort first.
    let ends = from;
    while (ends < to && this.prefixAt(ends).length === length) ends++;
    let earliest = this.ordered[from];
    for (let i = from + 1; i < to; i++) earliest = Math.min(earliest, this.ordered[i]);
    return { from, ends, to, length, first: earliest };
  }

  /** The programs under a node past its own, split by their next character (runs of the prefix order). */
  private childrenOf(node: PrefixNode): PrefixNode[] {
    if (!node.children) {
      const children: PrefixNode[] = [];
      for (let start = node.ends; start < node.to;) {
        const next = this.prefixAt(start).charCodeAt(node.length);
        let end = start + 1;
        while (end < node.to && this.prefixAt(end).charCodeAt(node.length) === next) end++;
        children.push(this.node(start, end));
        start = end;
      }
      node.children = children;
    }
    return node.children;
  }
}
