// The process name nearest to a word that names no process, among every program's names, without looking at every
// program: a conf.d of a thousand fragments, each naming a process that does not exist, asked a thousand times.
// Programs named by a template are held in a tree of the text their names start with; a word visits the tree in the
// order of a lower bound of its distance to the names under each node (util/closest.ts WordLetters), which only grows
// deeper down, so the nodes that cannot beat the best found so far are never opened.
import { closest, WordLetters } from '../util/closest';
import type { Program } from './model';

export interface Suggestion {
  value: string;
  distance: number;
}

/**
 * The programs `[from, to)` of the prefix order whose prefixes start with the node's text, their first `length`
 * characters; the first `[from, ends)` have exactly that prefix. Children are made when the node is first opened.
 */
interface PrefixNode {
  from: number;
  ends: number;
  to: number;
  length: number;
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

  closest(word: string): Suggestion | undefined {
    const letters = new WordLetters(word);
    let best: (Suggestion & { index: number }) | undefined;
    const visit = (index: number, bound: number) => {
      // An earlier program wins a tie, so it may match the best distance; a later one must beat it.
      const within = best ? best.distance - (index < best.index ? 0 : 1) : undefined;
      if (within !== undefined && bound > within) return;
      const found = closest(word, this.programs[index].processNames!.near(word), within);
      if (found && (!best || found.distance < best.distance || index < best.index)) best = { ...found, index };
    };
    for (const index of this.unprefixed) visit(index, 0);
    // Nodes by bound, lowest first; a bucket may grow while it is visited (a child bounded as its parent).
    const byBound: PrefixNode[][] = [];
    const push = (node: PrefixNode) => {
      const bound = letters.distanceTo(this.textOf(node));
      if (!best || bound <= best.distance) (byBound[bound] ??= []).push(node);
    };
    if (this.root) push(this.root);
    for (let bound = 0; bound < byBound.length && (!best || bound <= best.distance); bound++) {
      const nodes = byBound[bound] ?? [];
      for (let k = 0; k < nodes.length && (!best || bound <= best.distance); k++) {
        const node = nodes[k];
        for (let i = node.from; i < node.ends; i++) visit(this.ordered[i], bound);
        for (const child of this.childrenOf(node)) push(child);
      }
    }
    return best && { value: best.value, distance: best.distance };
  }

  private prefixAt(i: number): string {
    return this.programs[this.ordered[i]].processNames!.prefix!;
  }

  private textOf(node: PrefixNode): string {
    return this.prefixAt(node.from).slice(0, node.length);
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
    return { from, ends, to, length };
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
