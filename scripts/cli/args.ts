import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

/** A command's flags, keyed by long name, as node:util `parseArgs` declares them. */
export type FlagSpecs = NonNullable<ParseArgsConfig['options']>;

/** The flag every command has. */
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** How {@link parse} calls `parseArgs`: strict, with `--help`. */
interface Config<T extends FlagSpecs> {
  args: string[];
  options: T & typeof HELP;
  allowPositionals: boolean;
  strict: true;
}

/**
 * The values `parseArgs` infers for `flags`: `{ repo: { type: 'string' } }` gives
 * `repo?: string`, `{ strict: { type: 'boolean' } }` gives `strict?: boolean`, and a flag with a
 * `default` is always present; `help` is there too.
 */
export type FlagValues<T extends FlagSpecs> = ReturnType<typeof parseArgs<Config<T>>>['values'];

/**
 * Parses a command's arguments strictly: unknown flags, missing values and positionals a command
 * does not take are usage errors. The values keep the types `parseArgs` infers from `flags`
 * (declare them inline, so each flag's `type` is a literal).
 */
export function parse<const T extends FlagSpecs>(args: string[], flags: T, allowPositionals = false): { values: FlagValues<T>; positionals: string[] } {
  try {
    const config: Config<T> = { args, options: { ...flags, ...HELP }, allowPositionals, strict: true };
    const r = parseArgs(config);
    return { values: r.values, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '') : String(e));
  }
}

/** Reads a flag that must be one of `choices`. */
export function choice<C extends string>(value: string | undefined, flag: string, choices: readonly C[], fallback: C): C {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as C;
  throw new UsageError(`--${flag} must be one of ${choices.join(', ')} (got '${value}')`);
}
