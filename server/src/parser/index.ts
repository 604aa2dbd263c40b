export { parseConfig } from './parse';
export { valueOffsetAt, valuePositionAt, valueRange } from './values';
export type * from './types';
