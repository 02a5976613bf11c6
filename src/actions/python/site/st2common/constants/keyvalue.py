"""Datastore scopes and the separator of pack-local key names (`<pack>.<ActionClass>:<name>`)."""

SYSTEM_SCOPE = "system"
USER_SCOPE = "user"
FULL_SYSTEM_SCOPE = "st2kv.system"
FULL_USER_SCOPE = "st2kv.user"
ALLOWED_SCOPES = [SYSTEM_SCOPE, USER_SCOPE, FULL_SYSTEM_SCOPE, FULL_USER_SCOPE]
DATASTORE_KEY_SEPARATOR = ":"
DATASTORE_PARENT_SCOPE = "st2kv"
