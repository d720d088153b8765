import { deleteKeys, uniquePrefix } from '../support/redis.js';
import { startStack, type StartedStack } from '../support/npm-start.js';
import { ConsoleBrowser } from './support/stack.js';

/**
 * `npm start` (the built command line) prints the console's URL and how to
 * sign in; signing in as a person the banner lists, with the development
 * sign-in the banner describes, reaches that person's inbox.
 */
describe('npm start: the console banner', () => {
  const prefix = uniquePrefix('console-start');
  let stack: StartedStack | undefined;
  let banner = '';

  beforeAll(async () => {
    stack = await startStack({
      prefix,
      readyWhen: 'A shared deployment signs in with console.oidc instead.',
    });
    banner = stack.banner;
    stack.process.stdout!.on('data', () => (banner = stack!.banner));
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await deleteKeys(prefix);
  });

  it('prints the console URL and the people to sign in as, and the sign-in works', async () => {
    const section = banner.slice(banner.indexOf('The web console'));
    const url = /(http:\/\/127\.0\.0\.1:\d+)\/console\n/.exec(section)?.[1];
    expect(url).toBeDefined();
    const people = section
      .split('\n')
      .filter((line) => line.startsWith('    '))
      .map((line) => line.trim());
    expect(people).toEqual([
      'demo-user (engineers): makes requests',
      'demo-reviewer (crm-owners): approves',
      'demo-auditor (auditors): audit trail, replay',
    ]);
    expect(section).toContain('development sign-in (npm start only');

    const browser = new ConsoleBrowser(url!);
    const page = await browser.get('/console/signin');
    expect(page.status).toBe(200);
    for (const person of people) expect(page.text).toContain(person);
    expect(page.text).toContain('Development sign-in is on');
    const signedIn = await browser.post('/console/signin/dev', {
      _csrf: ConsoleBrowser.csrfOf(page.text),
      user: String(people.indexOf('demo-reviewer (crm-owners): approves')),
      return: '/console/inbox',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/console/inbox');
    const inbox = await browser.get('/console/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toMatch(/<b>demo-reviewer<\/b> \(crm-owners\)/);
  }, 60_000);
});
