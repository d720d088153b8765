# The MCP example policy: an agent's tools, decided one JSON-RPC message at
# a time. A connection with `protocol: mcp` and `entrypoint: mcp/decision`
# asks it once per message; input.mcp says which method, tool, arguments,
# resource or prompt (docs/MCP.md, docs/schemas/mcp-input.schema.json).
#
# What changes per deployment lives in data.json (data.mcp.config): which
# tools exist and what kind they are, the reviewers of destructive ones,
# the masking. Read-only tools are allowed, destructive tools need a
# reviewer's approval, export_customers is refused to service identities,
# and personal data is masked in every result.
package mcp

cfg := data.mcp.config

default decision := {"allow": false, "reasons": ["the MCP policy produced no decision"]}

decision := {
	"allow": allow,
	"reasons": sort(reasons),
	"require_approval": require_approval,
	"mask": mask,
	"audit": {"level": audit_level, "labels": {"policy": "mcp", "connection": input.connection.name}},
}

# ------------------------------------------------------------ the message

# A request that carries no message: the server's event stream (GET) or
# the end of the session (DELETE).
transport if input.mcp.kind == "http"

# The client's own answers (to sampling or elicitation) and its notifications.
transport if input.mcp.kind in {"response", "notification"}

open_method if input.mcp.method in cfg.open_methods

tool := input.mcp.tool if input.mcp.method == "tools/call"

tool_config := cfg.tools[tool]

# ----------------------------------------------------------- the reasons

violations contains concat("", ["the tool ", tool, " is not one this connection offers"]) if {
	tool
	not tool_config
}

violations contains object.get(tool_config, "deny_reason", "this tool is not for your identity type") if {
	input.identity.type in object.get(tool_config, "deny_identity_types", [])
}

violations contains concat("", ["the method ", input.mcp.method, " is not allowed on this connection"]) if {
	input.mcp.kind == "request"
	not open_method
	not tool
}

# ------------------------------------------------------------ the answer

default allow := false

allow if {
	input.phase == "request"
	transport
}

allow if {
	input.phase == "request"
	not transport
	count(violations) == 0
}

allow if input.phase == "response"

reasons contains msg if some msg in violations

reasons contains concat("", ["the read-only tool ", tool, " is allowed"]) if {
	allow
	tool_config.kind == "read"
}

reasons contains concat("", [input.mcp.method, " is allowed"]) if {
	allow
	open_method
}

# ------------------------------------------------------------- approvals

destructive if tool_config.kind == "destructive"

default require_approval := null

# Asked when the tool is called, not when it is listed: an agent sees the
# tool, and learns from the call's answer that a reviewer must approve it.
require_approval := {
	"reason": concat("", [tool, " changes or deletes data: a CRM owner must approve this call"]),
	"reviewers": cfg.approval.reviewers,
	"min_approvals": cfg.approval.min_approvals,
	"ttl_seconds": cfg.approval.ttl_seconds,
	"reason_required": false,
	"grant": null,
	"break_glass": false,
} if {
	input.phase == "request"
	destructive
	not input.mcp.listing
}

# A call resumed with its approval says who approved it.
reasons contains concat("", ["approved by ", concat(", ", approvers)]) if {
	input.approval.status == "approved"
	approvers := sort([r.sub | some r in input.approval.reviews; r.decision == "approve"])
}

# --------------------------------------------------------------- masking

pii_exempt if {
	some group in input.identity.groups
	group in cfg.masking.exempt_groups
}

# Secrets are masked for everyone; personal data unless the caller is exempt.
default mask := null

mask := {
	"fields": cfg.masking.fields,
	"detectors": array.concat(cfg.masking.detectors, cfg.masking.secret_detectors),
} if {
	tool
	not pii_exempt
}

mask := {"fields": [], "detectors": cfg.masking.secret_detectors} if {
	tool
	pii_exempt
}

# ------------------------------------------------------------------ audit

default audit_level := "basic"

audit_level := "full" if destructive

audit_level := "full" if not allow
