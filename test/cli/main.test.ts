import { spawnSync } from 'node:child_process';
import { buildProgram, commandNamed, summaryProgram, VERSION } from '../../services/cli/main.js';

describe('portcullis command line', () => {
  it('lists the commands that exist', async () => {
    const program = await buildProgram();
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(
      expect.arrayContaining(['start', 'build', 'test', 'eval', 'serve-bundles', 'workers', 'demo-upstream']),
    );
    for (const command of program.commands) expect(command.description()).not.toBe('');
  });

  it('declares only the command asked for, and finds it behind `help`', async () => {
    expect(commandNamed(['test', 'policies'])).toBe('test');
    expect(commandNamed(['help', 'eval'])).toBe('eval');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['nosuch'])).toBeUndefined();
    const program = await buildProgram(['test']);
    expect(program.commands.map((c) => c.name())).toEqual(['test']);
  });

  it('rejects a bad --port with a clear error and no stack trace', async () => {
    const program = (await buildProgram(['workers'])).exitOverride();
    await expect(program.parseAsync(['node', 'portcullis', 'workers', '--port', 'http'])).rejects.toThrow(
      /--port: "http" is not a port number/,
    );
  });

  it('answers --version without loading any command', () => {
    const run = spawnSync(process.execPath, ['bin/portcullis.js', '--version'], { encoding: 'utf8' });
    expect(run.stdout).toBe(`${VERSION}\n`);
    expect(run.status).toBe(0);
  });

  it('prints --help from the command table exactly as the command modules declare it', async () => {
    // If this fails, a command's description or arguments changed: update services/cli/command-table.ts.
    const full = (await buildProgram()).helpInformation();
    expect((await summaryProgram()).helpInformation()).toBe(full);
  });

  it('lists every command in --help, and runs `help <command>`', () => {
    const help = spawnSync(process.execPath, ['bin/portcullis.js', '--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/^\s+test \[options\] <paths\.\.\.>/m);
    expect(help.stdout).toMatch(/^\s+decision \[options\]/m);
    const one = spawnSync(process.execPath, ['bin/portcullis.js', 'help', 'test'], { encoding: 'utf8' });
    expect(one.stdout).toMatch(/--coverage/);
  });
});
