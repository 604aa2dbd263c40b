// Every rule id, for the rules that check ids written by users (suppression comments). Filled by the registry once
// it is built, so that those rules, which are part of the registry, need not import it.
export const RULE_IDS = new Set<string>();
