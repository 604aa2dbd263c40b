import type { Rule } from '../types';

export const missingSupervisordSection: Rule = {
  id: 'config/missing-supervisord-section',
  severity: 'warning',
  summary: 'A file named supervisord.conf without a [supervisord] section: as a main config, supervisord refuses it.',
  check({ model }) {
    if (!model.isFragment || !model.path || !/(^|[\\/])supervisord\.conf$/.test(model.path)) return [];
    const at = { line: 0, character: 0 };
    return [
      {
        range: { start: at, end: { line: 0, character: model.file.lineLengths[0] ?? 0 } },
        message: '.ini file does not include supervisord section: started with this file, supervisord refuses to run. (Fine if it is only ever included by another config.)',
        fixes: [{ title: 'Add a [supervisord] section', edits: [{ range: { start: at, end: at }, newText: `[supervisord]${model.file.eol}${model.file.eol}` }] }],
      },
    ];
  },
};
