import * as path from 'node:path';
import { parse } from '../args.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { displayPrefix, universeDir } from '../paths.js';
import { initUniverse } from '../../lib/ops/init.js';
import { gitUserConfig } from '../git.js';

/** `universe init --help`. */
export const help = `Usage: universe init [--name NAME] [--description TEXT] [--category ID=TITLE]... [--keep-packages] [--no-commit] [--repo DIR]

Makes a fork of this repository a universe of your own, in one commit: sets the name, description
and (when given) categories in repository.json, removes the sample packages (every package under
packages/, which keeps an empty .gitkeep so the folder survives a clone), and commits it with a
message that says why and a Universe-Allow trailer, so that universe check accepts the removals.
An empty universe validates, builds and serves.

Options:
  --name NAME          the universe's name (repository.json name)
  --description TEXT   one sentence on what it holds
  --category ID=TITLE  a category packages may declare (repeat it; replaces the current ones)
  --keep-packages      keep the packages that are there (only the settings change)
  --no-commit          change the files but commit nothing
  --repo DIR           the universe folder (default: the nearest folder at or above the current
                       one that holds packages/ or repo/packages/)
  -h, --help           show this help

Refuses, changing nothing, when the new repository.json would be invalid, when the git index
holds staged changes (the commit would take them along), or when git has no user.name and
user.email for the commit.
`;

/** Runs `universe init`. */
export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    repo: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    category: { type: 'string', multiple: true },
    'keep-packages': { type: 'boolean', default: false },
    'no-commit': { type: 'boolean', default: false },
  });
  if (values.help) {
    io.out(help);
    return EXIT.ok;
  }
  const categories = values.category?.map((c) => {
    const m = /^([^=]+)=(.+)$/.exec(c);
    if (!m) throw new UsageError(`--category takes ID=TITLE, e.g. --category databases=Databases (got '${c}')`);
    return { id: m[1]!.trim(), title: m[2]!.trim() };
  });
  const universe = universeDir(values.repo, io);
  const report = await initUniverse({
    repoDir: path.resolve(io.cwd, universe.label),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(categories ? { categories } : {}),
    keepPackages: values['keep-packages'],
    commit: !values['no-commit'],
    userConfig: gitUserConfig(),
  });
  const prefix = displayPrefix(io.cwd, universe.label);
  io.out(`universe ${report.name}${report.description ? `: ${report.description}` : ''}\n`);
  if (report.removed.length > 0) io.out(`removed ${report.removed.length} sample package${report.removed.length === 1 ? '' : 's'} from ${prefix}packages/: ${report.removed.join(', ')}\n`);
  io.out(report.commit ? `committed ${report.commit.slice(0, 12)}: ${report.message!.split('\n')[0]}\n` : 'nothing committed (--no-commit): review and commit the changes\n');
  io.out(`next: universe new NAME to add a package, universe build to build the (empty) universe\n`);
  return EXIT.ok;
}
