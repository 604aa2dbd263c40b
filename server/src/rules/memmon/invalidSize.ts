import { parseByteSize } from '../../analysis/byteSize';
import { defineRule } from '../define';
import { memmonPrograms } from './listeners';

export const invalidSize = defineRule({
  id: 'memmon/invalid-size',
  severity: 'error',
  summary: 'A memmon size it cannot read: a whole number with an optional KB, MB or GB suffix.',
  docs: {
    what: `A size given to memmon's \`-p\`, \`-g\` or \`-a\` that memmon cannot parse.`,
    why: `memmon reads a size as a whole number of bytes with an optional \`KB\`, \`MB\` or \`GB\` suffix. Anything else (\`512M\`,
\`1.5GB\`, \`512 MB\` split by a space) makes memmon exit on start-up, and supervisord then keeps restarting a listener
that never watches anything.`,
    fix: `Write \`512MB\`, \`1GB\`, \`800000KB\` or a plain byte count.`,
    references: [],
  },
  examples: [],
  check({ model }) {
    return memmonPrograms(model.programs).flatMap(({ command, memmon }) =>
      memmon.limits
        .filter((limit) => limit.malformed || parseByteSize(limit.size) === undefined)
        .map((limit) =>
          limit.malformed
            ? {
                range: command.rangeOf(limit.nameStart ?? limit.sizeStart, limit.sizeEnd),
                message: `memmon cannot read ${limit.flag} ${limit.malformed}: write ${limit.flag} NAME=SIZE with exactly one "=", e.g. ${limit.flag} worker=512MB.`,
              }
            : {
                range: command.rangeOf(limit.sizeStart, limit.sizeEnd),
                message: `memmon cannot read the size "${limit.size}": write a whole number of bytes, optionally followed by KB, MB or GB (e.g. 512MB).`,
              },
        ),
    );
  },
});
