import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choice, parse } from '../../scripts/cli/args.js';
import { UsageError } from '../../scripts/cli/io.js';

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(check: Equal<A, B>): void => assert.equal(check, true);

const FLAGS = {
  repo: { type: 'string' },
  strict: { type: 'boolean' },
  format: { type: 'string', default: 'pretty' },
  quiet: { type: 'boolean', default: false },
} as const;

test('parse keeps the option types: strings, booleans, defaults present, help', () => {
  const { values, positionals } = parse(['--repo', 'r', '--strict', 'x'], FLAGS, true);
  same<typeof values.repo, string | undefined>(true);
  same<typeof values.strict, boolean | undefined>(true);
  same<typeof values.format, string>(true);
  same<typeof values.quiet, boolean>(true);
  same<typeof values.help, boolean | undefined>(true);
  // @ts-expect-error: a flag the command does not declare is no value of it
  void values.nope;
  assert.deepEqual({ ...values }, { repo: 'r', strict: true, format: 'pretty', quiet: false });
  assert.deepEqual(positionals, ['x']);
  assert.equal(parse(['-h'], FLAGS).values.help, true);
});

test('parse: bad command lines are usage errors with parseArgs message', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--nope'], /Unknown option '--nope'/],
    [['--repo'], /Option '--repo <value>' argument missing/],
    [['--strict=1'], /Option '--strict' does not take an argument/],
    [['extra'], /^Unexpected argument 'extra'. This command does not take positional arguments$/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parse(args, FLAGS), (e: unknown) => e instanceof UsageError && message.test(e.message), args.join(' '));
  }
});

test('choice: a value among the choices, the fallback when absent, a usage error otherwise', () => {
  assert.equal(choice(undefined, 'format', ['pretty', 'json'] as const, 'pretty'), 'pretty');
  assert.equal(choice('json', 'format', ['pretty', 'json'] as const, 'pretty'), 'json');
  assert.throws(() => choice('xml', 'format', ['pretty', 'json'] as const, 'pretty'), /^UsageError: --format must be one of pretty, json \(got 'xml'\)$/);
});
