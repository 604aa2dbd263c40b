// Markdown about sections and keys, written from the schema: shared by completion and hover.
import { VALUE_TYPE_DOCS, type KeySchema, type SectionSchema } from '../schema';

export function sectionDocs(schema: SectionSchema): string {
  const header = schema.named ? `[${schema.kind}:name]` : `[${schema.kind}]`;
  const reader = schema.readBy === 'supervisorctl' ? ' Read by supervisorctl only.' : '';
  const where = schema.mainConfigOnly ? ' Read from the main config only, never from a file it includes.' : '';
  return `**${header}**\n\n${schema.description}${reader}${where}\n\n_Since Supervisor ${schema.since}._`;
}

export function keyDocs(key: KeySchema): string {
  const facts = [`Type: ${VALUE_TYPE_DOCS[key.type]}.`];
  if (key.required) facts.push('Required.');
  if (key.default !== undefined) facts.push(`Default: \`${key.default}\`.`);
  if (key.values?.length) facts.push(`Values: ${key.values.map((v) => `\`${v}\``).join(', ')}.`);
  if (key.expansions?.length)
    facts.push(`Expands: ${key.expansions.map((n) => (n === 'ENV' ? '`%(ENV_X)s`' : `\`%(${n})s\``)).join(', ')}.`);
  facts.push(`Since Supervisor ${key.since}.`);
  return `**${key.name}**\n\n${key.description}\n\n${facts.join(' ')}`;
}
