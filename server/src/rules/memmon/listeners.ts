import type { MemmonCommand } from '../../analysis/memmon';
import type { Program } from '../../analysis/model';
import type { CommandLine } from '../../analysis/commandLine';

export interface MemmonProgram {
  program: Program;
  command: CommandLine;
  memmon: MemmonCommand;
}

export function memmonPrograms(programs: readonly Program[]): MemmonProgram[] {
  return programs.flatMap((program) => {
    const command = program.command;
    return command?.memmon ? [{ program, command, memmon: command.memmon }] : [];
  });
}
