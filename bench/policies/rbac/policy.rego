# Role-based access control: users have roles, roles have grants, a grant
# allows an action on a resource type. The eval benchmark's policy.
package rbac

default allow := false

# Allowed when one of the user's roles grants the action on the resource.
allow if {
	not user_disabled
	some grant in user_grants
	grant_allows(grant)
}

user_disabled if data.users[input.user].disabled == true

user_roles contains role if {
	some role in data.users[input.user].roles
}

user_roles contains inherited if {
	some role in data.users[input.user].roles
	some inherited in data.role_parents[role]
}

user_grants contains grant if {
	some role in user_roles
	some grant in data.role_grants[role]
}

grant_allows(grant) if {
	grant.action == input.action
	grant.type == input.resource.type
}

grant_allows(grant) if {
	grant.action == "*"
	grant.type == input.resource.type
}

# Why a request was refused, for the audit log.
reasons contains msg if {
	user_disabled
	msg := sprintf("user %s is disabled", [input.user])
}

reasons contains msg if {
	not allow
	not user_disabled
	msg := sprintf("no role of %s grants %s on %s", [input.user, input.action, input.resource.type])
}

decision := {"allow": allow, "reasons": reasons}
