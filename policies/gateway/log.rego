# Decision logs, masked by default: OPA's decision logger (and Portcullis')
# asks data.system.log.mask, with the log event as input, which JSON
# pointers to erase before the event leaves the process.
#
# What a caller could not see stays out of the logs: the upstream's answer
# reaches the policy unmasked (phase "response"), so its body never goes
# to the logs; request bodies stay out too, as they may carry what the
# guardrails refuse (secrets, destructive SQL). The audit trail's request
# events keep bodies as the caller saw them, masked, when the decision's
# audit level is "full" (docs/AUDIT.md). Remove a line to log more.
package system.log

mask contains "/input/response/body"

mask contains "/input/response/body_text"

mask contains "/input/request/body"

mask contains "/input/request/body_text"
