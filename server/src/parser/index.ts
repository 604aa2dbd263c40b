export { parseConfig } from './parse';
export { reparseConfig } from './reparse';
export { valueLineAt, valueOffsetAt, valuePositionAt, valueRange } from './values';
export type * from './types';
