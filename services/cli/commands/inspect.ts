import type { Command } from 'commander';
import type { InspectCommandOptions } from '../inspect-run.js';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description(
      'summarise a bundle (archive or directory) as `opa inspect`: manifest, namespaces, entrypoints, signatures, annotations',
    )
    .argument('<bundle>', 'a bundle .tar.gz or a bundle directory')
    .option('-f, --format <format>', 'pretty or json', 'pretty')
    .option('-a, --annotations', 'list the # METADATA annotations too')
    .action(async (path: string, options: InspectCommandOptions) => {
      const { runInspectCommand } = await import('../inspect-run.js');
      await runInspectCommand(path, options);
    });
}
