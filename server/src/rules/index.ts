// The rule registry: the one place that lists every rule.
import { maxMemoryPerChildIgnored } from './celery/maxMemoryPerChildIgnored';
import { maxMemoryPerChildTooLow } from './celery/maxMemoryPerChildTooLow';
import { poolConcurrencyMissing } from './celery/poolConcurrencyMissing';
import { taskLoggingDisabled } from './celery/taskLoggingDisabled';
import { shutdownTimeoutDefault } from './celery/shutdownTimeoutDefault';
import { coldStopSignal } from './celery/coldStopSignal';
import { stopasgroupOnPrefork } from './celery/stopasgroupOnPrefork';
import { stopwaitsecsBelowTimeLimit } from './celery/stopwaitsecsBelowTimeLimit';
import { workerRunsAsRoot } from './celery/workerRunsAsRoot';
import { misplacedOption } from './celery/misplacedOption';
import { unknownOption } from './celery/unknownOption';
import { unknownSubcommand } from './celery/unknownSubcommand';
import { daemonizesUnderSupervisor } from './celery/daemonizesUnderSupervisor';
import { beatMultipleInstances } from './celery/beatMultipleInstances';
import { maxTasksPerChildIgnored } from './celery/maxTasksPerChildIgnored';
import { concurrencyIgnored } from './celery/concurrencyIgnored';
import { unknownPool } from './celery/unknownPool';
import { duplicateNodename } from './celery/duplicateNodename';
import { invalidOptionValue } from './celery/invalidOptionValue';
import { shellWrapperWithoutExec } from './celery/shellWrapperWithoutExec';
import { invalidSize } from './memmon/invalidSize';
import { missingTickEvent } from './memmon/missingTickEvent';
import { unknownProcess } from './memmon/unknownProcess';
import { groupQualifiedName } from './memmon/groupQualifiedName';
import { sizeInBytes } from './memmon/sizeInBytes';
import { preforkWithoutCumulative } from './memmon/preforkWithoutCumulative';
import { noLimit } from './memmon/noLimit';
import { noRpcServer } from './memmon/noRpcServer';
import { rpcAuthMissing } from './memmon/rpcAuthMissing';
import { commandCannotStart } from './config/commandCannotStart';
import { shellSyntaxWithoutShell } from './config/shellSyntaxWithoutShell';
import { duplicateKey } from './config/duplicateKey';
import { duplicateSection } from './config/duplicateSection';
import { duplicateSectionAcrossFiles } from './config/duplicateSectionAcrossFiles';
import { duplicateGroupName } from './config/duplicateGroupName';
import { eventlistenerRedirectStderr } from './config/eventlistenerRedirectStderr';
import { fcgiSocketOptions } from './config/fcgiSocketOptions';
import { fcgiProgramInGroup } from './config/fcgiProgramInGroup';
import { includeTargetMissing } from './config/includeTargetMissing';
import { incompleteAuth } from './config/incompleteAuth';
import { inetHttpServerWithoutAuth } from './config/inetHttpServerWithoutAuth';
import { unixHttpServerOpenToAll } from './config/unixHttpServerOpenToAll';
import { invalidExpansion } from './config/invalidExpansion';
import { percentInsertsMapping } from './config/percentInsertsMapping';
import { invalidName } from './config/invalidName';
import { invalidValue } from './config/invalidValue';
import { missingRequiredKey } from './config/missingRequiredKey';
import { missingSupervisordSection } from './config/missingSupervisordSection';
import { pluginFactory } from './config/pluginFactory';
import { processNameNeedsProcessNum } from './config/processNameNeedsProcessNum';
import { stopasgroupWithoutKillasgroup } from './config/stopasgroupWithoutKillasgroup';
import { userSwitchNeedsRoot } from './config/userSwitchNeedsRoot';
import { sharedLogfile } from './config/sharedLogfile';
import { logfileSharedByPrograms } from './config/logfileSharedByPrograms';
import { syslogLogfileDeprecated } from './config/syslogLogfileDeprecated';
import { autoLogfileWithoutRotation } from './config/autoLogfileWithoutRotation';
import { stderrLogfileIgnored } from './config/stderrLogfileIgnored';
import { supervisorctlUnreachable } from './config/supervisorctlUnreachable';
import { sectionIgnoredInIncludedFile } from './config/sectionIgnoredInIncludedFile';
import { unknownGroupProgram } from './config/unknownGroupProgram';
import { unknownKey } from './config/unknownKey';
import { unknownSection } from './config/unknownSection';
import { emptyKey } from './syntax/emptyKey';
import { notUtf8 } from './syntax/notUtf8';
import { invalidLine } from './syntax/invalidLine';
import { missingSectionHeader } from './syntax/missingSectionHeader';
import { limitReached } from './lint/limitReached';
import { unknownRuleId } from './lint/unknownRuleId';
import { unusedSuppression } from './lint/unusedSuppression';
import { RULE_IDS } from './ruleIds';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  missingSectionHeader,
  invalidLine,
  emptyKey,
  notUtf8,
  unknownSection,
  unknownKey,
  invalidValue,
  invalidExpansion,
  percentInsertsMapping,
  missingRequiredKey,
  commandCannotStart,
  shellSyntaxWithoutShell,
  invalidName,
  unknownGroupProgram,
  processNameNeedsProcessNum,
  stopasgroupWithoutKillasgroup,
  userSwitchNeedsRoot,
  sharedLogfile,
  logfileSharedByPrograms,
  stderrLogfileIgnored,
  autoLogfileWithoutRotation,
  syslogLogfileDeprecated,
  eventlistenerRedirectStderr,
  incompleteAuth,
  inetHttpServerWithoutAuth,
  unixHttpServerOpenToAll,
  fcgiSocketOptions,
  fcgiProgramInGroup,
  duplicateKey,
  duplicateSection,
  duplicateSectionAcrossFiles,
  duplicateGroupName,
  missingSupervisordSection,
  supervisorctlUnreachable,
  sectionIgnoredInIncludedFile,
  includeTargetMissing,
  pluginFactory,
  maxMemoryPerChildIgnored,
  maxMemoryPerChildTooLow,
  taskLoggingDisabled,
  poolConcurrencyMissing,
  shutdownTimeoutDefault,
  coldStopSignal,
  stopasgroupOnPrefork,
  stopwaitsecsBelowTimeLimit,
  workerRunsAsRoot,
  misplacedOption,
  unknownOption,
  unknownSubcommand,
  daemonizesUnderSupervisor,
  beatMultipleInstances,
  maxTasksPerChildIgnored,
  concurrencyIgnored,
  unknownPool,
  duplicateNodename,
  invalidOptionValue,
  shellWrapperWithoutExec,
  unknownProcess,
  missingTickEvent,
  invalidSize,
  groupQualifiedName,
  sizeInBytes,
  preforkWithoutCumulative,
  noLimit,
  noRpcServer,
  rpcAuthMissing,
  limitReached,
  unknownRuleId,
  unusedSuppression,
];
RULES.forEach((rule) => RULE_IDS.add(rule.id));

export type { Rule, TextEdit } from './types';
