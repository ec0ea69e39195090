#!/usr/bin/env node
/**
 * The `universe` command line: the only place that touches process, argv, stdout and exit codes.
 * Commands are imported lazily so that each pays only for the modules it uses.
 */
import { EXIT, toolVersion, UsageError, type Io } from './io.js';
import { CannotRunError } from '../lib/ops/errors.js';

interface Command {
  help: string;
  run(args: string[], io: Io): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: { summary: 'validate every package in the universe', load: () => import('./commands/validate.js') },
  check: { summary: 'check what changed against a base: validation and breaking changes', load: () => import('./commands/check.js') },
  build: { summary: 'validate, then write the index and DC/OS outputs to target/', load: () => import('./commands/build.js') },
  render: { summary: "render a package's Marathon app or Aurora job with your options", load: () => import('./commands/render.js') },
  search: { summary: 'search a built universe (a folder or URL)', load: () => import('./commands/search.js') },
  describe: { summary: 'show a package of a built universe: metadata, options, versions', load: () => import('./commands/describe.js') },
  layers: { summary: 'show which layer (local or an upstream) each package name comes from', load: () => import('./commands/layers.js') },
  serve: { summary: 'serve the built artifact over HTTP (DC/OS, REST, search, web catalogue)', load: () => import('./commands/serve.js') },
  init: { summary: 'make a fork a universe of your own: name it, remove the sample packages, in one commit', load: () => import('./commands/init.js') },
  new: { summary: 'scaffold a new package or the next revision of one', load: () => import('./commands/new.js') },
  rules: { summary: 'list every validation rule', load: () => import('./commands/rules.js') },
  github: { summary: 'report a check on a GitHub pull request (comment and labels)', load: () => import('./commands/github.js') },
};

const USAGE = `Usage: universe <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run universe <command> --help for a command's options.
Exit codes: 0 success, 1 problems found, 2 could not run.
`;

async function main(argv: string[]): Promise<number> {
  const io: Io = {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
    cwd: process.cwd(),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? EXIT.cannotRun : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${toolVersion()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`universe: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.cannotRun;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`universe ${name}: ${e.message}\nRun universe ${name} --help for usage.\n`);
      return EXIT.cannotRun;
    }
    if (e instanceof CannotRunError) {
      io.err(`universe ${name}: ${e.message}\n`);
      return EXIT.cannotRun;
    }
    const detail = process.env.UNIVERSE_DEBUG ? (e instanceof Error ? e.stack : String(e)) : e instanceof Error ? e.message : String(e);
    io.err(`universe ${name}: internal error: ${detail}\nThis is a bug in universe; please report it (set UNIVERSE_DEBUG=1 for a stack trace).\n`);
    return EXIT.cannotRun;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`universe: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT.cannotRun;
  },
);
