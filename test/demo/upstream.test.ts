import request from 'supertest';
import { createLogger } from '../../services/common/logger.js';
import { createDemoUpstream } from '../../services/demo/upstream.js';

const logger = createLogger({ level: 'silent' });

describe('demo upstream', () => {
  const app = createDemoUpstream({ logger, token: 't0ken' });
  const auth = { Authorization: 'Bearer t0ken' };

  it('answers /health without a credential', async () => {
    await request(app).get('/health').expect(200, {});
  });

  it('refuses API calls without the upstream credential', async () => {
    const res = await request(app).get('/customers').set('Authorization', 'Bearer wrong').expect(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('lists, creates and deletes customers', async () => {
    const list = await request(app).get('/customers').set(auth).expect(200);
    expect(list.body.customers.length).toBeGreaterThan(0);
    const created = await request(app).post('/customers').set(auth).send({ name: 'Grace' }).expect(201);
    await request(app).get(`/customers/${created.body.id}`).set(auth).expect(200);
    await request(app).delete(`/customers/${created.body.id}`).set(auth).expect(204);
    await request(app).get(`/customers/${created.body.id}`).set(auth).expect(404);
  });

  it('rejects malformed JSON with 400 and an unknown route with 404 (401 without the credential)', async () => {
    const bad = await request(app)
      .post('/customers')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"name":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_request');
    const missing = await request(app).get('/nope').set(auth).expect(404);
    expect(missing.body.code).toBe('resource_not_found');
    await request(app).get('/nope').expect(401);
  });

  it('echoes a sane X-Request-Id and replaces a hostile one', async () => {
    const kept = await request(app).get('/health').set('X-Request-Id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(app).get('/health').set('X-Request-Id', 'a b;<c>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
