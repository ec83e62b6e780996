"""What the views and the dialogs both show: display formats, the order's detail blocks, the
date fields.  Below the views and the dialogs; imports neither (import-linter checks)."""
