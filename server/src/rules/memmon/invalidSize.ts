import { parseByteSize } from '../../analysis/byteSize';
import type { Rule } from '../types';
import { memmonPrograms } from './listeners';

export const invalidSize: Rule = {
  id: 'memmon/invalid-size',
  severity: 'error',
  summary: 'A memmon size it cannot read: a whole number with an optional KB, MB or GB suffix.',
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
};
