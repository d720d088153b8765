export default async function globalTeardown() {
  const child = globalThis.__portcullisRedisProcess;
  if (child && child.exitCode === null) {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}
