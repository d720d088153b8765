# The gateway policy: the example to copy. Portcullis asks for
# data.gateway.decision once per request (input.phase == "request") and,
# when the decision says inspect_response, once more with the upstream's
# answer (input.phase == "response"). docs/POLICY.md describes the input
# and the decision document.
#
# What changes per deployment lives in data.json (data.gateway.config):
# which groups hold which roles, the rules per connection, approvals and
# masking. The rules below rarely need to change.
package gateway

cfg := data.gateway.config

# The settings of the connection this request goes to ({} when unknown:
# no rules, so nothing is allowed).
conn := object.get(cfg.connections, input.connection.name, {})

default decision := {"allow": false, "reasons": ["the gateway policy produced no decision"]}

decision := {
	"allow": allow,
	"reasons": sort(reasons),
	"require_approval": require_approval,
	"grant_id": grant_id,
	"mask": mask,
	"headers": headers,
	"audit": {"level": audit_level, "labels": {"policy": "gateway", "connection": input.connection.name}},
	"inspect_response": inspect_response,
}

# ---------------------------------------------------------------- roles

# A caller's roles come from its groups (group_roles in data.json).
roles contains role if {
	some group in input.identity.groups
	some role in object.get(cfg.group_roles, group, [])
}

# ------------------------------------------------- method and path rules

method_listed(methods) if "*" in methods

method_listed(methods) if input.request.method in methods

# Paths are globs over "/"-separated segments: * is one segment, ** any number.
path_listed(patterns) if {
	some pattern in patterns
	glob.match(pattern, ["/"], input.request.path)
}

rule_grants(rule) if {
	some role in rule.roles
	role in roles
	method_listed(rule.methods)
	path_listed(rule.paths)
}

role_permitted if {
	some rule in object.get(conn, "rules", [])
	rule_grants(rule)
}

permitted if role_permitted

# A just-in-time grant permits what it names (the guardrails still apply).
permitted if {
	input.phase == "request"
	grant_id != null
}

# ------------------------------------------------------------ guardrails

# Guardrails deny whatever the role rules allow.
violations contains "DELETE is blocked on this connection" if {
	input.phase == "request"
	input.request.method == "DELETE"
	object.get(conn, "block_delete", false)
}

# Lowercased before matching, so the pattern needs no case-insensitive flag.
destructive_sql := `\b(drop\s+(table|database|schema|index)\s+(if\s+exists\s+)?[\w."]+|truncate\s+(table\s+)?[\w."]+|delete\s+from\s+[\w."]+\s*(;|$)|alter\s+table\s+[\w."]+\s+drop\s)`

# The texts of a body the guardrails read: the raw text, and every string
# inside a parsed JSON body, keys included (a JSON escape such as
# "DROP\u0020TABLE" hides a word from the raw text, not from the parsed value).
body_texts contains text if {
	text := input.request.body_text
}

body_texts contains text if {
	input.request.body_status == "parsed"
	walk(input.request.body, [path, value])
	some text in array.concat(path, [value])
	is_string(text)
}

violations contains "the body looks like destructive SQL" if {
	input.phase == "request"
	some text in body_texts
	regex.match(destructive_sql, lower(text))
}

# A body the guardrails cannot read is refused, not waved through: one too
# large for the decision input, or one that is not UTF-8 text.
violations contains "the body is too large to check for SQL and secrets" if {
	input.phase == "request"
	input.request.body_status == "too_large"
}

violations contains "the body is not text, so it cannot be checked for SQL and secrets" if {
	input.phase == "request"
	input.request.body_size > 0
	input.request.body_status != "too_large"
	not input.request.body_text
}

secret_patterns := {
	"an AWS access key": `\b(AKIA|ASIA)[A-Z0-9]{16}\b`,
	"a private key": `-----BEGIN [A-Z ]*PRIVATE KEY-----`,
	"a GitHub token": `\bgh[pousr]_[A-Za-z0-9]{36,}\b`,
	"a Slack token": `\bxox[abposr]-[A-Za-z0-9-]{10,}`,
}

# Everything a caller could smuggle a secret in: body, query values, headers.
request_texts contains text if {
	some text in body_texts
}

request_texts contains value if {
	some values in input.request.query
	some value in values
}

request_texts contains value if {
	some value in input.request.headers
}

violations contains concat(" ", ["the request carries", name]) if {
	input.phase == "request"
	some name, pattern in secret_patterns
	some text in request_texts
	regex.match(pattern, text)
}

response_violations contains "the response has more rows than this connection allows" if {
	input.phase == "response"
	limit := conn.max_response_rows
	is_array(input.response.body)
	count(input.response.body) > limit
}

# Where max_response_rows is set, rows can only be counted in a parsed body:
# one too large or not JSON is refused rather than passed uncounted. An
# empty body has no rows.
response_violations contains "the response cannot be checked against the row limit" if {
	input.phase == "response"
	conn.max_response_rows
	not input.response.body_status in {"parsed", "empty"}
}

response_violations contains "the response carries a private key" if {
	input.phase == "response"
	regex.match(secret_patterns["a private key"], input.response.body_text)
}

# ------------------------------------------------------------ the answer

default allow := false

allow if {
	input.phase == "request"
	permitted
	count(violations) == 0
}

allow if {
	input.phase == "response"
	count(response_violations) == 0
}

reasons contains msg if {
	some msg in violations
}

reasons contains msg if {
	some msg in response_violations
}

reasons contains "no rule grants your roles this method and path" if {
	input.phase == "request"
	not permitted
}

reasons contains "allowed by a just-in-time grant" if {
	allow
	grant_id != null
}

reasons contains "allowed by the gateway role rules" if allow

# ------------------------------------------------------------- approvals

approval_applies(a) if {
	a.connection == input.connection.name
	input.request.method in a.methods
	path_listed(a.paths)
}

# The first matching entry of data.json wins, so two never conflict.
matching_approvals := [a | some a in cfg.approvals; approval_applies(a)]

# Break-glass (Portcullis-Break-Glass: <reason>) only for the entry's groups.
break_glass_groups(a) := [group |
	some group in input.identity.groups
	group in object.get(a, "break_glass_groups", [])
]

default require_approval := null

require_approval := {
	"reason": a.reason,
	"reviewers": a.reviewers,
	"min_approvals": a.min_approvals,
	"ttl_seconds": a.ttl_seconds,
	"reason_required": object.get(a, "reason_required", false),
	"grant": object.get(a, "grant", null),
	"break_glass": count(break_glass_groups(a)) > 0,
} if {
	input.phase == "request"
	grant_id == null
	count(matching_approvals) > 0
	a := matching_approvals[0]
}

# ------------------------------------------------------ just-in-time grants

# input.grants holds the caller's active grants on this connection (the
# proxy drops expired, used-up and revoked ones). The policy decides what a
# grant covers: here, its methods and path globs, as the role rules read.
grant_covers(grant) if {
	method_listed(grant.methods)
	path_listed(grant.paths)
}

covering_grants := [grant | some grant in input.grants; grant_covers(grant)]

# A grant is relied on (and one use counted) only where the request needs
# it: it would need approval, or the caller's roles do not allow it.
grant_needed if count(matching_approvals) > 0

grant_needed if not role_permitted

default grant_id := null

grant_id := covering_grants[0].id if {
	input.phase == "request"
	grant_needed
	count(covering_grants) > 0
}

# A request resumed with its approval (input.approval: checked by the proxy
# to be this caller's, for this very request) says who approved it.
reasons contains concat("", ["approved by ", concat(", ", approvers)]) if {
	input.phase == "request"
	input.approval.status == "approved"
	approvers := sort([r.sub | some r in input.approval.reviews; r.decision == "approve"])
}

# --------------------------------------------------------------- masking

pii_exempt if {
	some role in cfg.masking.exempt_roles
	role in roles
}

# Secrets are masked for everyone; personal data unless a role is exempt.
default mask := {"fields": [], "detectors": []}

mask := {"fields": cfg.masking.fields, "detectors": array.concat(cfg.masking.pii_detectors, cfg.masking.secret_detectors)} if {
	not pii_exempt
}

mask := {"fields": [], "detectors": cfg.masking.secret_detectors} if pii_exempt

default inspect_response := false

inspect_response if {
	input.phase == "request"
	object.get(conn, "inspect_responses", false)
}

# ----------------------------------------------- headers and audit

# Tell the upstream which roles the gateway saw (request phase only).
default headers := {"set": {}, "remove": []}

headers := {"set": {"x-gateway-roles": concat(",", sort(roles))}, "remove": []} if input.phase == "request"

# What the audit trail keeps (docs/AUDIT.md): allowed reads without their
# bodies ("basic") unless data.json's audit.reads says otherwise; every
# write and every refusal with bodies, as the caller saw them ("full").
default audit_level := "full"

audit_level := object.get(cfg, ["audit", "reads"], "basic") if {
	allow
	input.request.method in {"GET", "HEAD", "OPTIONS"}
}
