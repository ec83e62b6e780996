"""One QDialog per action that needs input.  A dialog collects and checks input and returns
plain values from its ``ask`` classmethod; it never saves."""
