export { parseConfig } from './parse';
export { valueLineAt, valueOffsetAt, valuePositionAt, valueRange } from './values';
export type * from './types';
