import { checkProcessName } from '../../analysis/valueCheck';
import type { Rule } from '../types';

const NAMED_PROCESS_KINDS = new Set(['program', 'fcgi-program', 'eventlistener', 'group']);

export const invalidName: Rule = {
  id: 'config/invalid-name',
  severity: 'error',
  summary: 'A program, group or listener name with a space, colon or slash: supervisord refuses it.',
  check({ model }) {
    return model.file.sections.flatMap((node) => {
      if (!NAMED_PROCESS_KINDS.has(node.kind) || node.arg === undefined || !node.argRange) return [];
      const problem = checkProcessName(node.arg);
      return problem ? [{ range: node.argRange, message: `[${node.name}]: ${problem.message}. Names may not contain spaces, colons or slashes.` }] : [];
    });
  },
};
