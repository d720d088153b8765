import { buildProgram } from '../../services/cli/main.js';

describe('portcullis command line', () => {
  it('lists the commands that exist', () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['start', 'workers', 'demo-upstream']));
    for (const command of buildProgram().commands) expect(command.description()).not.toBe('');
  });

  it('rejects a bad --port with a clear error and no stack trace', async () => {
    const program = buildProgram().exitOverride();
    await expect(program.parseAsync(['node', 'portcullis', 'workers', '--port', 'http'])).rejects.toThrow(
      /--port: "http" is not a port number/,
    );
  });
});
