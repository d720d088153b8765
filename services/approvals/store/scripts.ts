/**
 * The approval store's Lua scripts: every transition is one script, so it is
 * atomic in Redis however many reviewers, proxies and workers act at once,
 * and each script appends its transition events to the stream in the same
 * step (nothing transitions without its event, nothing is recorded twice).
 *
 * Conventions (as BullMQ's scripts): each script documents its KEYS, ARGV
 * and return codes; ApprovalStore (store.ts) translates the codes into typed errors. ARGV[1]
 * is one JSON object (named fields are harder to misplace than positions);
 * values Lua only copies (review records, grant methods and paths) arrive
 * already encoded, since cjson would turn an empty array into `{}`.
 *
 * Common ARGV fields: `now` (unix ms, from the domain's clock), `maxlen`
 * (approximate cap of the stream), `channel` (pub/sub channel), `keep_ms`
 * (how long a settled record is kept after its deadline), `traceparent`
 * (optional: the W3C trace context of whoever made the transition, copied
 * into each event so the work it starts joins that trace).
 */

/** Helpers every script starts with. */
const PRELUDE = `
local args = cjson.decode(ARGV[1])

local function load(key)
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then return nil end
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

local function nullable(v)
  if v == nil or v == '' then return cjson.null end
  return v
end

-- The transition's event for an approval record 'a'.
local function approval_event(a, kind, from, to, actor, via, reason)
  return {
    type = kind, approval_id = a.id, grant_id = nullable(a.grant_id),
    connection = a.connection, subject = a.requester_sub,
    from = nullable(from), to = nullable(to), actor = actor,
    via = nullable(via), reason = reason or '', details = {}
  }
end

-- The transition's event for a grant record 'g'.
local function grant_event(g, kind, from, to, actor, via, reason)
  return {
    type = kind, approval_id = g.approval_id, grant_id = g.id,
    connection = g.connection, subject = g.subject,
    from = nullable(from), to = nullable(to), actor = actor,
    via = nullable(via), reason = reason or '', details = {}
  }
end

-- Appends the event to the stream and announces it on the channel.
local function emit(stream, event)
  event.at = args.now
  if args.traceparent then event.traceparent = args.traceparent end
  redis.call('XADD', stream, 'MAXLEN', '~', args.maxlen, '*', 'e', cjson.encode(event))
  local notice
  if string.sub(event.type, 1, 6) == 'grant.' then
    notice = {k = 'g', id = event.grant_id, c = event.connection, u = event.subject, s = event.to}
  else
    notice = {k = 'a', id = event.approval_id, s = event.to}
  end
  redis.call('PUBLISH', args.channel, cjson.encode(notice))
end

-- Pending or approved-but-unused past its deadline: expired (its own state). An admin
-- expiring stale approvals gives actor, via and reason; the clock's expiry gives none.
local function expire(a, approval_key, pending_key, stream, actor, via, reason)
  actor = actor or 'system'
  redis.call('HSET', approval_key, 'status', 'expired', 'settled_at', args.now, 'settled_by', actor,
    'outcome_reason', reason or '')
  redis.call('ZREM', pending_key, a.id)
  emit(stream, approval_event(a, 'approval.expired', a.status, 'expired', actor, via or 'system', reason or ''))
end
`;

/**
 * Opens an approval: pending (asked for), or executed at once with a
 * break-glass review pending.
 *   KEYS[1] approval hash, KEYS[2] pending zset, KEYS[3] index zset, KEYS[4] events stream
 *   ARGV[1] {now, maxlen, channel, id, fields (hash fields, flat object),
 *            pending (bool), keep_until (ms), index_floor (ms: older index
 *            entries are trimmed), event (type, actor, via, reason, to)}
 *   Returns 1 created; 0 an approval with this id exists (nothing changed).
 */
export const CREATE = `${PRELUDE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local flat = {}
for k, v in pairs(args.fields) do
  flat[#flat + 1] = k
  flat[#flat + 1] = tostring(v)
end
redis.call('HSET', KEYS[1], unpack(flat))
redis.call('PEXPIREAT', KEYS[1], args.keep_until)
if args.pending then
  redis.call('ZADD', KEYS[2], args.fields.expires_at, args.id)
end
redis.call('ZADD', KEYS[3], args.now, args.id)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. args.index_floor)
local a = load(KEYS[1])
local e = args.event
local ev = approval_event(a, e.type, nil, e.to, e.actor, e.via, e.reason)
ev.details = {expires_at = tonumber(a.expires_at)}
emit(KEYS[4], ev)
return 1
`;

/**
 * One person's review. One review per subject (a person in several
 * reviewer groups counts once); one deny settles it; `min_approvals`
 * distinct approvals approve it, which also opens its grant, if any. On a
 * break-glass record the same reviews settle the after-the-fact review
 * instead. Eligibility by group is checked by the caller (it needs the
 * reviewer's groups now); self-review is refused here too.
 *   KEYS[1] approval hash, KEYS[2] reviews hash, KEYS[3] pending zset,
 *   KEYS[4] events stream, KEYS[5] grant hash (for a new grant),
 *   KEYS[6] the requester's grants zset on the connection, KEYS[7] all grants zset
 *   ARGV[1] {now, maxlen, channel, keep_ms, sub, decision ('approve'|'deny'),
 *            reason, via, review (JSON object text, stored with its "seq"), grant_id,
 *            execute_window_ms}
 *   Returns {1, approvals} recorded, still pending; {2, until} approved,
 *   executable until 'until'; {3} denied; {4, outcome} break-glass review
 *   recorded ('pending', 'approved', 'denied'); {-1} no such approval;
 *   {-2, status} settled; {-3} this subject already reviewed it;
 *   {-4} expired (and now recorded as expired); {-5} self-review.
 */
export const REVIEW = `${PRELUDE}
local a = load(KEYS[1])
if not a then return {-1} end
local who = args.sub
if who == a.requester_sub then return {-5} end
local post = a.break_glass == '1'
if post then
  if a.post_review ~= 'pending' then return {-2, a.status} end
else
  if a.status ~= 'pending' then return {-2, a.status} end
  if tonumber(args.now) >= tonumber(a.expires_at) then
    expire(a, KEYS[1], KEYS[3], KEYS[4])
    return {-4}
  end
end
if redis.call('HEXISTS', KEYS[2], who) == 1 then return {-3} end
-- The order reviews were given in (a large hash does not keep insertion order).
local seq = redis.call('HLEN', KEYS[2]) + 1
redis.call('HSET', KEYS[2], who, string.sub(args.review, 1, -2) .. ',"seq":' .. seq .. '}')
redis.call('PEXPIREAT', KEYS[2], tonumber(a.expires_at) + args.keep_ms)
local min = tonumber(a.min_approvals)
local count = tonumber(a.approvals)
if args.decision == 'approve' then count = redis.call('HINCRBY', KEYS[1], 'approvals', 1) end
local reviewed = approval_event(a, 'approval.reviewed', a.status, a.status, who, args.via, args.reason)
reviewed.details = {decision = args.decision, approvals = count, min_approvals = min}
emit(KEYS[4], reviewed)

if post then
  local outcome = 'pending'
  if args.decision == 'deny' then outcome = 'denied' elseif count >= min then outcome = 'approved' end
  if outcome ~= 'pending' then
    redis.call('HSET', KEYS[1], 'post_review', outcome, 'settled_by', who, 'outcome_reason', args.reason)
    local ev = approval_event(a, 'approval.post_review', a.status, a.status, who, args.via, args.reason)
    ev.details = {outcome = outcome}
    emit(KEYS[4], ev)
  end
  return {4, outcome}
end

if args.decision == 'deny' then
  redis.call('HSET', KEYS[1], 'status', 'denied', 'settled_at', args.now, 'settled_by', who,
    'outcome_reason', args.reason)
  redis.call('ZREM', KEYS[3], a.id)
  emit(KEYS[4], approval_event(a, 'approval.denied', 'pending', 'denied', who, args.via, args.reason))
  return {3}
end
if count < min then return {1, count} end

local deadline = tonumber(args.now) + tonumber(args.execute_window_ms)
redis.call('HSET', KEYS[1], 'status', 'approved', 'settled_at', args.now, 'settled_by', who,
  'expires_at', deadline)
redis.call('ZREM', KEYS[3], a.id)
redis.call('PEXPIREAT', KEYS[1], deadline + args.keep_ms)
redis.call('PEXPIREAT', KEYS[2], deadline + args.keep_ms)
local grant
if a.grant_methods ~= nil and a.grant_methods ~= '' then
  local expires = tonumber(args.now) + tonumber(a.grant_duration_ms)
  redis.call('HSET', KEYS[5], 'id', args.grant_id, 'approval_id', a.id, 'subject', a.requester_sub,
    'connection', a.connection, 'methods', a.grant_methods, 'paths', a.grant_paths,
    'created_at', args.now, 'expires_at', expires, 'uses_left', a.grant_max_uses, 'status', 'active')
  redis.call('PEXPIREAT', KEYS[5], expires + args.keep_ms)
  redis.call('ZADD', KEYS[6], expires, args.grant_id)
  redis.call('ZADD', KEYS[7], expires, args.grant_id)
  redis.call('HSET', KEYS[1], 'grant_id', args.grant_id)
  a.grant_id = args.grant_id
  grant = load(KEYS[5])
end
local approved = approval_event(a, 'approval.approved', 'pending', 'approved', who, args.via, args.reason)
approved.details = {executable_until = deadline, approvals = count}
emit(KEYS[4], approved)
if grant then
  local ev = grant_event(grant, 'grant.created', nil, 'active', who, args.via, '')
  ev.details = {expires_at = tonumber(grant.expires_at), uses_left = nullable(grant.uses_left)}
  emit(KEYS[4], ev)
end
return {2, deadline}
`;

/**
 * The proxy runs an approved one-shot request: approved → executed, once.
 *   KEYS[1] approval hash, KEYS[2] reviews hash, KEYS[3] pending zset, KEYS[4] events stream
 *   ARGV[1] {now, maxlen, channel, subject, digest}
 *   Returns {1} executed; {-1} no such approval; {-2} another subject or
 *   another request (digest); {-3} already executed; {-4, status} not
 *   approved; {-6} its execution window passed (now recorded as expired).
 */
export const EXECUTE = `${PRELUDE}
local a = load(KEYS[1])
if not a then return {-1} end
if a.requester_sub ~= args.subject or a.digest ~= args.digest then return {-2} end
if a.status == 'executed' then return {-3} end
if a.status ~= 'approved' then return {-4, a.status} end
if tonumber(args.now) >= tonumber(a.expires_at) then
  expire(a, KEYS[1], KEYS[3], KEYS[4])
  return {-6}
end
redis.call('HSET', KEYS[1], 'status', 'executed', 'executed_at', args.now)
emit(KEYS[4], approval_event(a, 'approval.executed', 'approved', 'executed', 'proxy', 'proxy', ''))
return {1}
`;

/**
 * The requester (or an admin) withdraws a pending approval.
 *   KEYS[1] approval hash, KEYS[2] reviews hash, KEYS[3] pending zset, KEYS[4] events stream
 *   ARGV[1] {now, maxlen, channel, actor, via, reason}
 *   Returns {1} cancelled; {-1} no such approval; {-2, status} not pending;
 *   {-4} expired (now recorded as expired).
 */
export const CANCEL = `${PRELUDE}
local a = load(KEYS[1])
if not a then return {-1} end
if a.status ~= 'pending' then return {-2, a.status} end
if tonumber(args.now) >= tonumber(a.expires_at) then
  expire(a, KEYS[1], KEYS[3], KEYS[4])
  return {-4}
end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'settled_at', args.now, 'settled_by', args.actor,
  'outcome_reason', args.reason)
redis.call('ZREM', KEYS[3], a.id)
emit(KEYS[4], approval_event(a, 'approval.cancelled', 'pending', 'cancelled', args.actor, args.via, args.reason))
return {1}
`;

/**
 * The expiry timer fired (a BullMQ delayed job): a pending approval, or an
 * approved one never executed, past its deadline becomes expired. With an
 * `actor` (an admin expiring stale approvals), a pending one expires now,
 * whatever its deadline.
 *   KEYS[1] approval hash, KEYS[2] reviews hash, KEYS[3] pending zset, KEYS[4] events stream
 *   ARGV[1] {now, maxlen, channel, actor?, via?, reason?}
 *   Returns {1} expired; {0, expires_at} not due yet (the deadline moved);
 *   {-1} no such approval; {-2, status} nothing left to expire.
 */
export const EXPIRE = `${PRELUDE}
local a = load(KEYS[1])
if not a then return {-1} end
if a.status ~= 'pending' and a.status ~= 'approved' then return {-2, a.status} end
if args.actor then
  if a.status ~= 'pending' then return {-2, a.status} end
elseif tonumber(args.now) < tonumber(a.expires_at) then
  return {0, a.expires_at}
end
expire(a, KEYS[1], KEYS[3], KEYS[4], args.actor, args.via, args.reason)
return {1}
`;

/**
 * Revokes an approval and its grant at once: an approved one-shot approval
 * not yet executed, or an approval whose grant is still active. The next
 * request sees it (proxies drop their cached grants on the notice).
 *   KEYS[1] approval hash, KEYS[2] reviews hash, KEYS[3] pending zset,
 *   KEYS[4] events stream, KEYS[5] grant hash, KEYS[6] the requester's
 *   grants zset on the connection, KEYS[7] all grants zset
 *   ARGV[1] {now, maxlen, channel, actor, via, reason}
 *   Returns {1} revoked; {-1} no such approval; {-2, status} nothing to revoke.
 */
export const REVOKE = `${PRELUDE}
local a = load(KEYS[1])
if not a then return {-1} end
local g = nil
if a.grant_id ~= nil and a.grant_id ~= '' then g = load(KEYS[5]) end
local grant_active = g ~= nil and g.status == 'active' and tonumber(args.now) < tonumber(g.expires_at)
local revocable = a.status == 'approved' or (a.status == 'executed' and grant_active)
if not revocable then return {-2, a.status} end
redis.call('HSET', KEYS[1], 'status', 'revoked', 'settled_at', args.now, 'settled_by', args.actor,
  'outcome_reason', args.reason)
emit(KEYS[4], approval_event(a, 'approval.revoked', a.status, 'revoked', args.actor, args.via, args.reason))
if grant_active then
  redis.call('HSET', KEYS[5], 'status', 'revoked')
  redis.call('ZREM', KEYS[6], g.id)
  redis.call('ZREM', KEYS[7], g.id)
  emit(KEYS[4], grant_event(g, 'grant.revoked', 'active', 'revoked', args.actor, args.via, args.reason))
end
return {1}
`;

/**
 * One use of a grant with a use limit (grants without one are not counted).
 * The last use exhausts it.
 *   KEYS[1] grant hash, KEYS[2] the subject's grants zset on the connection,
 *   KEYS[3] all grants zset, KEYS[4] events stream
 *   ARGV[1] {now, maxlen, channel}
 *   Returns {1, uses_left} used (-1: no limit); {-1} no such grant;
 *   {-2, status} not active; {-3} past its end (now recorded as expired).
 */
export const USE_GRANT = `${PRELUDE}
local g = load(KEYS[1])
if not g then return {-1} end
if g.status ~= 'active' then return {-2, g.status} end
if tonumber(args.now) >= tonumber(g.expires_at) then
  redis.call('HSET', KEYS[1], 'status', 'expired')
  redis.call('ZREM', KEYS[2], g.id)
  redis.call('ZREM', KEYS[3], g.id)
  emit(KEYS[4], grant_event(g, 'grant.expired', 'active', 'expired', 'system', 'system', ''))
  return {-3}
end
if g.uses_left == '' then return {1, -1} end
local left = redis.call('HINCRBY', KEYS[1], 'uses_left', -1)
local used = grant_event(g, 'grant.used', 'active', 'active', 'proxy', 'proxy', '')
used.details = {uses_left = left}
if left <= 0 then
  redis.call('HSET', KEYS[1], 'status', 'exhausted')
  redis.call('ZREM', KEYS[2], g.id)
  redis.call('ZREM', KEYS[3], g.id)
  used.to = 'exhausted'
  emit(KEYS[4], used)
  emit(KEYS[4], grant_event(g, 'grant.exhausted', 'active', 'exhausted', 'proxy', 'proxy', ''))
else
  emit(KEYS[4], used)
end
return {1, left}
`;

/**
 * The grant's expiry timer fired: active past its end → expired.
 *   KEYS[1] grant hash, KEYS[2] the subject's grants zset on the connection,
 *   KEYS[3] all grants zset, KEYS[4] events stream
 *   ARGV[1] {now, maxlen, channel}
 *   Returns {1} expired; {0, expires_at} not due; {-1} no such grant;
 *   {-2, status} not active.
 */
export const EXPIRE_GRANT = `${PRELUDE}
local g = load(KEYS[1])
if not g then return {-1} end
if g.status ~= 'active' then return {-2, g.status} end
if tonumber(args.now) < tonumber(g.expires_at) then return {0, g.expires_at} end
redis.call('HSET', KEYS[1], 'status', 'expired')
redis.call('ZREM', KEYS[2], g.id)
redis.call('ZREM', KEYS[3], g.id)
emit(KEYS[4], grant_event(g, 'grant.expired', 'active', 'expired', 'system', 'system', ''))
return {1}
`;

/** Every script with its number of keys, as ioredis's defineCommand takes them. */
export const SCRIPTS = {
  approvalCreate: { numberOfKeys: 4, lua: CREATE },
  approvalReview: { numberOfKeys: 7, lua: REVIEW },
  approvalExecute: { numberOfKeys: 4, lua: EXECUTE },
  approvalCancel: { numberOfKeys: 4, lua: CANCEL },
  approvalExpire: { numberOfKeys: 4, lua: EXPIRE },
  approvalRevoke: { numberOfKeys: 7, lua: REVOKE },
  grantUse: { numberOfKeys: 4, lua: USE_GRANT },
  grantExpire: { numberOfKeys: 4, lua: EXPIRE_GRANT },
} as const;

export type ScriptName = keyof typeof SCRIPTS;
