"""One function per user action.  Each opens a write transaction, checks the transition
against the domain's state machine, writes the change conditionally on the record's status
and version, appends the history record, and returns what changed.  No Qt here."""
