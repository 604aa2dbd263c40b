// The rule registry: the one place that lists every rule.
import { maxMemoryPerChildIgnored } from './celery/maxMemoryPerChildIgnored';
import { maxMemoryPerChildTooLow } from './celery/maxMemoryPerChildTooLow';
import { poolConcurrencyMissing } from './celery/poolConcurrencyMissing';
import { taskLoggingDisabled } from './celery/taskLoggingDisabled';
import { invalidSize } from './memmon/invalidSize';
import { missingTickEvent } from './memmon/missingTickEvent';
import { unknownProcess } from './memmon/unknownProcess';
import { syntaxRules } from './syntax';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  ...syntaxRules,
  maxMemoryPerChildIgnored,
  maxMemoryPerChildTooLow,
  taskLoggingDisabled,
  poolConcurrencyMissing,
  unknownProcess,
  missingTickEvent,
  invalidSize,
];

export type { Finding, Fix, Rule, RuleContext, TextEdit } from './types';
