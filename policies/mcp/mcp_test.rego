# Unit tests of the MCP example policy against the data.json next to it.
# Run with: opa test policies/ (or npx portcullis test policies).
package mcp_test

import data.mcp

identity(type, groups) := {
	"sub": "agent-7", "email": null, "groups": groups, "type": type,
	"method": "jwt", "issuer": "https://login.example.com", "claims": {},
}

# One JSON-RPC message of an MCP connection, as the proxy asks about it.
message(kind, method, params, who) := {
	"phase": "request",
	"identity": who,
	"connection": {"name": "crm-mcp", "tags": []},
	"request": {
		"method": "POST", "path": "/", "segments": [], "query": {}, "headers": {},
		"body_status": "parsed", "body_size": 10, "content_type": "application/json",
	},
	"source": {"ip": "10.0.0.1"},
	"time": {"unix_ms": 0, "rfc3339": "2026-01-01T00:00:00Z", "weekday": "Thursday", "hour": 0},
	"approval": null,
	"grants": [],
	"mcp": {
		"kind": kind, "method": method, "id": 1,
		"tool": object.get(params, "tool", null), "arguments": object.get(params, "arguments", null),
		"resource_uri": object.get(params, "uri", null), "prompt": null,
		"session_id": "s-1", "protocol_version": "2025-06-18",
		"listing": object.get(params, "listing", false),
	},
}

call(tool, args, who) := message("request", "tools/call", {"tool": tool, "arguments": args}, who)

listing(tool, who) := message("request", "tools/call", {"tool": tool, "listing": true}, who)

alice := identity("user", ["engineers"])

bot := identity("service", ["agents"])

officer := identity("user", ["privacy-officers"])

# ------------------------------------------------------------ read-only tools

test_read_only_tool_allowed if {
	d := mcp.decision with input as call("list_customers", {}, alice)
	d.allow
	d.require_approval == null
	d.reasons == ["the read-only tool list_customers is allowed"]
}

test_service_identity_may_call_read_only_tools if {
	d := mcp.decision with input as call("get_customer", {"id": "c1"}, bot)
	d.allow
}

test_unknown_tool_denied if {
	d := mcp.decision with input as call("drop_database", {}, alice)
	not d.allow
	d.reasons == ["the tool drop_database is not one this connection offers"]
}

# ---------------------------------------------------------- destructive tools

test_destructive_tool_needs_approval if {
	d := mcp.decision with input as call("delete_customer", {"id": "c1"}, alice)
	d.allow
	d.require_approval.reviewers == {"groups": ["crm-owners"], "users": []}
	d.require_approval.min_approvals == 1
	d.require_approval.reason == "delete_customer changes or deletes data: a CRM owner must approve this call"
	d.audit.level == "full"
}

test_destructive_tool_listed_without_approval if {
	d := mcp.decision with input as listing("delete_customer", alice)
	d.allow
	d.require_approval == null
}

test_resumed_approval_names_its_approvers if {
	approval := {
		"id": "a1", "status": "approved", "requester": "agent-7",
		"reviewers": {"groups": ["crm-owners"], "users": []}, "min_approvals": 1, "approvals": 1,
		"reviews": [{"sub": "rita", "decision": "approve", "reason": "", "at": "2026-01-01T00:00:00Z", "groups": ["crm-owners"]}],
		"created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-01T00:15:00Z",
	}
	d := mcp.decision with input as object.union(call("delete_customer", {"id": "c1"}, alice), {"approval": approval})
	d.allow
	"approved by rita" in d.reasons
}

# --------------------------------------------------- denied for service identities

test_export_denied_for_service_identities if {
	d := mcp.decision with input as call("export_customers", {}, bot)
	not d.allow
	d.reasons == ["bulk exports of customer data are for people, not service identities"]
}

test_export_hidden_from_service_identities_listing if {
	d := mcp.decision with input as listing("export_customers", bot)
	not d.allow
}

test_export_allowed_for_people if {
	d := mcp.decision with input as call("export_customers", {}, alice)
	d.allow
}

# ------------------------------------------------------------------- masking

test_personal_data_masked_in_results if {
	d := mcp.decision with input as call("list_customers", {}, alice)
	d.mask.fields == ["**.ssn", "**.phone"]
	"email" in d.mask.detectors
	"private_key" in d.mask.detectors
}

test_privacy_officers_see_personal_data_not_secrets if {
	d := mcp.decision with input as call("list_customers", {}, officer)
	d.mask.fields == []
	not "email" in d.mask.detectors
	"aws_key" in d.mask.detectors
}

# ------------------------------------------------- protocol methods and transport

test_initialize_and_listing_allowed if {
	every method in ["initialize", "tools/list", "ping"] {
		d := mcp.decision with input as message("request", method, {}, bot)
		d.allow
		d.mask == null
	}
}

test_notifications_and_streams_allowed if {
	mcp.decision.allow with input as message("notification", "notifications/initialized", {}, bot)
	mcp.decision.allow with input as message("http", null, {}, bot)
}

test_other_methods_denied if {
	d := mcp.decision with input as message("request", "resources/read", {"uri": "file:///etc/passwd"}, alice)
	not d.allow
	d.reasons == ["the method resources/read is not allowed on this connection"]
}
