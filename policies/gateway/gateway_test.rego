# Unit tests of the gateway policy against the data.json next to it.
# Run with: opa test policies/ (or Portcullis' own test runner).
package gateway_test

import data.gateway

request(method, path, groups, connection) := {
	"phase": "request",
	"identity": {"sub": "someone", "email": null, "groups": groups, "type": "user", "method": "jwt", "claims": {}},
	"connection": {"name": connection, "tags": []},
	"request": {
		"method": method,
		"path": path,
		"segments": split(trim_prefix(path, "/"), "/"),
		"query": {},
		"headers": {},
		"body_status": "empty",
		"body_size": 0,
		"content_type": null,
	},
	"source": {"ip": "10.0.0.1"},
	"time": {"unix_ms": 0, "rfc3339": "2026-01-01T00:00:00Z", "weekday": "Thursday", "hour": 0},
}

with_body(req, text) := object.union(req, {"request": {"body_text": text, "body_status": "not_json", "content_type": "text/plain"}})

response_to(req, body) := object.union(req, {
	"phase": "response",
	"response": {"status": 200, "headers": {}, "body": body, "body_status": "parsed", "content_type": "application/json"},
})

# ------------------------------------------------------- role-based access

test_engineer_reads_repos if {
	d := gateway.decision with input as request("GET", "/repos/acme/api", ["engineers"], "github")
	d.allow
	d.reasons == ["allowed by the gateway role rules"]
	d.headers.set["x-gateway-roles"] == "developer"
}

test_engineer_opens_an_issue if {
	d := gateway.decision with input as request("POST", "/repos/acme/api/issues", ["engineers"], "github")
	d.allow
}

test_engineer_cannot_change_settings if {
	d := gateway.decision with input as request("PATCH", "/repos/acme/api", ["engineers"], "github")
	not d.allow
	"no rule grants your roles this method and path" in d.reasons
}

test_unknown_group_gets_nothing if {
	d := gateway.decision with input as request("GET", "/repos/acme/api", ["visitors"], "github")
	not d.allow
}

test_unknown_connection_gets_nothing if {
	d := gateway.decision with input as request("GET", "/anything", ["admins"], "nowhere")
	not d.allow
}

test_ci_deploys_but_does_not_open_issues if {
	gateway.decision.allow with input as request("POST", "/repos/acme/api/deployments", ["ci"], "github")
	not gateway.decision.allow with input as request("POST", "/repos/acme/api/issues", ["ci"], "github")
}

test_single_star_is_one_segment if {
	not gateway.decision.allow with input as request("GET", "/customers/1/notes", ["support"], "crm")
	gateway.decision.allow with input as request("GET", "/customers/1", ["support"], "crm")
}

# ------------------------------------------------------------- guardrails

test_delete_blocked_even_for_admins if {
	d := gateway.decision with input as request("DELETE", "/repos/acme/api", ["admins"], "github")
	not d.allow
	"DELETE is blocked on this connection" in d.reasons
}

sql_blocked(sql) if {
	d := gateway.decision with input as with_body(request("POST", "/query", ["sre"], "warehouse"), sql)
	not d.allow
	"the body looks like destructive SQL" in d.reasons
}

sql_allowed(sql) if {
	gateway.decision.allow with input as with_body(request("POST", "/query", ["sre"], "warehouse"), sql)
}

test_destructive_sql_blocked if {
	every sql in ["DROP TABLE users;", "truncate table orders", "Delete From accounts;", "ALTER TABLE t DROP COLUMN c"] {
		sql_blocked(sql)
	}
}

test_harmless_sql_allowed if {
	every sql in ["SELECT * FROM users", "delete from sessions where expires < now()", "SELECT 'drop table' AS note"] {
		sql_allowed(sql)
	}
}

test_secrets_in_body_blocked if {
	d := gateway.decision with input as with_body(request("POST", "/repos/a/b/issues", ["engineers"], "github"), "key AKIAIOSFODNN7EXAMPLE")
	not d.allow
	"the request carries an AWS access key" in d.reasons
}

test_secrets_in_query_and_headers_blocked if {
	base := request("GET", "/repos/a/b", ["engineers"], "github")
	in_query := object.union(base, {"request": {"query": {"token": ["ghp_abcdefghijklmnopqrstuvwxyz0123456789"]}}})
	not gateway.decision.allow with input as in_query
	in_header := object.union(base, {"request": {"headers": {"x-note": "xoxb-1234567890-abcdef"}}})
	not gateway.decision.allow with input as in_header
}

with_json(req, body, text) := object.union(req, {"request": {
	"body": body,
	"body_text": text,
	"body_status": "parsed",
	"body_size": count(text),
	"content_type": "application/json",
}})

test_escaped_sql_in_json_blocked if {
	# The raw text hides the space behind a JSON escape; the parsed value does not.
	text := `{"q": "DROP\u0020TABLE users"}`
	d := gateway.decision with input as with_json(request("POST", "/query", ["sre"], "warehouse"), {"q": "DROP TABLE users"}, text)
	not d.allow
	"the body looks like destructive SQL" in d.reasons
}

test_escaped_secret_in_json_key_blocked if {
	text := `{"AKIA\u0049OSFODNN7EXAMPLE": 1}`
	body := {"AKIAIOSFODNN7EXAMPLE": 1}
	d := gateway.decision with input as with_json(request("POST", "/repos/a/b/issues", ["engineers"], "github"), body, text)
	not d.allow
	"the request carries an AWS access key" in d.reasons
}

test_harmless_json_allowed if {
	gateway.decision.allow with input as with_json(request("POST", "/query", ["sre"], "warehouse"), {"q": "SELECT 1"}, `{"q":"SELECT 1"}`)
}

test_unreadable_bodies_blocked if {
	base := request("POST", "/query", ["sre"], "warehouse")
	too_large := object.union(base, {"request": {"body_status": "too_large", "body_size": 100000}})
	d1 := gateway.decision with input as too_large
	not d1.allow
	"the body is too large to check for SQL and secrets" in d1.reasons
	binary := object.union(base, {"request": {"body_status": "not_json", "body_size": 12, "content_type": "application/octet-stream"}})
	d2 := gateway.decision with input as binary
	not d2.allow
	"the body is not text, so it cannot be checked for SQL and secrets" in d2.reasons
}

# -------------------------------------------------------------- approvals

test_branch_protection_needs_approval if {
	d := gateway.decision with input as request("PUT", "/repos/acme/api/branches/main/protection", ["admins"], "github")
	d.allow
	d.require_approval.reviewers == {"groups": ["security"], "users": []}
	d.require_approval.min_approvals == 1
	d.require_approval.reason_required
	d.require_approval.grant == null
	not d.require_approval.break_glass
	d.grant_id == null
}

test_dropping_a_table_needs_two_owners if {
	d := gateway.decision with input as request("DELETE", "/tables/events", ["sre"], "warehouse")
	d.require_approval.min_approvals == 2
	d.require_approval.ttl_seconds == 900
	not d.require_approval.break_glass
}

test_oncall_may_break_the_glass_on_a_table if {
	d := gateway.decision with input as request("DELETE", "/tables/events", ["sre", "sre-oncall"], "warehouse")
	d.require_approval.break_glass
}

test_ordinary_requests_need_no_approval if {
	d := gateway.decision with input as request("GET", "/repos/acme/api", ["engineers"], "github")
	d.require_approval == null
	d.grant_id == null
}

test_creating_a_customer_asks_a_crm_owner_for_a_grant if {
	d := gateway.decision with input as request("POST", "/customers", ["engineers"], "crm")
	d.allow
	d.require_approval.reviewers.groups == ["crm-owners"]
	d.require_approval.grant == {"duration_seconds": 900, "methods": ["POST"], "paths": ["/customers"], "max_uses": 5}
}

# ------------------------------------------------------ just-in-time grants

grant(id, methods, paths) := {
	"id": id, "approval_id": "a1", "methods": methods, "paths": paths,
	"expires_at": "2030-01-01T00:00:00Z", "uses_left": 4,
}

with_grants(req, grants) := object.union(req, {"grants": grants})

test_a_grant_lifts_the_approval_and_is_named if {
	req := with_grants(request("POST", "/customers", ["engineers"], "crm"), [grant("g1", ["POST"], ["/customers"])])
	d := gateway.decision with input as req
	d.allow
	d.require_approval == null
	d.grant_id == "g1"
	"allowed by a just-in-time grant" in d.reasons
}

test_a_grant_covers_only_its_methods_and_paths if {
	req := with_grants(request("PATCH", "/customers/c1", ["engineers"], "crm"), [grant("g1", ["POST"], ["/customers"])])
	d := gateway.decision with input as req
	not d.allow
	d.grant_id == null
}

test_a_grant_permits_beyond_roles_but_not_past_guardrails if {
	wide := [grant("g2", ["*"], ["/**"])]
	blocked := gateway.decision with input as with_grants(request("DELETE", "/repos/acme/api", ["engineers"], "github"), wide)
	not blocked.allow
	"DELETE is blocked on this connection" in blocked.reasons
	d := gateway.decision with input as with_grants(request("PATCH", "/repos/acme/api", ["engineers"], "github"), wide)
	d.allow
	d.grant_id == "g2"
}

test_a_grant_is_not_spent_where_roles_suffice if {
	d := gateway.decision with input as with_grants(request("GET", "/customers", ["engineers"], "crm"), [grant("g1", ["*"], ["/**"])])
	d.allow
	d.grant_id == null
}

test_a_resumed_approval_names_its_approvers if {
	approval := {
		"id": "a1", "status": "approved", "requester": "someone",
		"reviewers": {"groups": ["data-owners"], "users": []}, "min_approvals": 2, "approvals": 2,
		"reviews": [
			{"sub": "dana", "decision": "approve", "reason": "", "at": "2026-01-01T00:00:00Z", "groups": ["data-owners"]},
			{"sub": "bob", "decision": "approve", "reason": "ok", "at": "2026-01-01T00:01:00Z", "groups": ["data-owners"]},
		],
		"created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-01T01:00:00Z",
	}
	d := gateway.decision with input as object.union(request("DELETE", "/tables/events", ["sre"], "warehouse"), {"approval": approval})
	"approved by bob, dana" in d.reasons
	d.require_approval.min_approvals == 2
}

# ---------------------------------------------------------------- masking

test_personal_data_masked_by_default if {
	d := gateway.decision with input as request("GET", "/customers", ["support"], "crm")
	"**.ssn" in d.mask.fields
	"email" in d.mask.detectors
	"private_key" in d.mask.detectors
	d.inspect_response
}

test_privacy_officers_see_personal_data_but_not_secrets if {
	d := gateway.decision with input as request("GET", "/customers", ["support", "privacy-officers"], "crm")
	d.mask.fields == []
	not "email" in d.mask.detectors
	"aws_key" in d.mask.detectors
}

# --------------------------------------------------------- response phase

test_response_with_too_many_rows_blocked if {
	rows := [i | some i in numbers.range(1, 101)]
	d := gateway.decision with input as response_to(request("GET", "/customers", ["support"], "crm"), rows)
	not d.allow
	"the response has more rows than this connection allows" in d.reasons
}

test_response_within_limits_allowed if {
	d := gateway.decision with input as response_to(request("GET", "/customers", ["support"], "crm"), [{"id": 1}])
	d.allow
	not d.inspect_response
	d.require_approval == null
}

test_uncounted_response_blocked if {
	req := request("GET", "/customers", ["support"], "crm")
	every status in ["too_large", "not_json", "invalid_json"] {
		unparsed := object.union(response_to(req, null), {"response": {"body_status": status}})
		d := gateway.decision with input as unparsed
		not d.allow
		"the response cannot be checked against the row limit" in d.reasons
	}
}

test_empty_response_allowed if {
	empty := object.union(response_to(request("GET", "/customers", ["support"], "crm"), null), {"response": {"body_status": "empty"}})
	gateway.decision.allow with input as empty
}

# ------------------------------------------------------------------ audit

test_writes_are_audited_in_full if {
	gateway.decision.audit.level == "full" with input as request("POST", "/repos/a/b/issues", ["engineers"], "github")
	gateway.decision.audit.level == "basic" with input as request("GET", "/repos/a/b", ["engineers"], "github")
}

test_reads_audit_level_comes_from_data if {
	gateway.decision.audit.level == "full" with input as request("GET", "/repos/a/b", ["engineers"], "github")
		with data.gateway.config.audit.reads as "full"
	gateway.decision.audit.level == "none" with input as request("GET", "/repos/a/b", ["engineers"], "github")
		with data.gateway.config.audit.reads as "none"
}

test_decision_logs_mask_bodies if {
	masked := data.system.log.mask
	"/input/response/body" in masked
	"/input/response/body_text" in masked
	"/input/request/body" in masked
}

test_missing_input_denies if {
	d := gateway.decision with input as {}
	not d.allow
}
